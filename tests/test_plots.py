import matplotlib.pyplot as plt
import numpy as np
import pytest

from lib.plots import as_images, plot_losses, show_image_rows


@pytest.mark.parametrize("shape", [(5, 784), (5, 28, 28), (5, 28, 28, 1)])
def test_as_images_accepts_the_three_layouts(shape):
    assert as_images(np.zeros(shape)).shape == (5, 28, 28)


@pytest.mark.parametrize("shape", [(5, 783), (5, 28, 27), (5, 28, 28, 3), (784,)])
def test_as_images_names_the_bad_shape(shape):
    with pytest.raises(ValueError, match=r"got \(" + str(shape[0])):
        as_images(np.zeros(shape))


def test_show_image_rows_draws_one_row_per_entry_with_titles():
    plt.close("all")
    images = np.random.default_rng(0).random((12, 784))
    show_image_rows({"original": images, "copy": images.reshape(-1, 28, 28, 1)}, n=4, titles="abcd")
    fig = plt.gcf()
    assert len(fig.axes) == 8
    assert fig.axes[0].get_title() == "a" and fig.axes[4].get_title() == ""
    assert fig.axes[0].get_ylabel() == "original" and fig.axes[4].get_ylabel() == "copy"
    np.testing.assert_allclose(fig.axes[5].images[0].get_array(), images[1].reshape(28, 28))


def test_show_image_rows_refuses_too_few_images_and_no_rows():
    with pytest.raises(ValueError, match="fewer than n=10"):
        show_image_rows({"few": np.zeros((3, 28, 28))})
    with pytest.raises(ValueError, match="rows is empty"):
        show_image_rows({})


def test_plot_losses_draws_training_validation_and_reference_lines():
    plt.close("all")
    plot_losses({"model": {"loss": [0.3, 0.2, 0.1], "val_loss": [0.31, 0.21, 0.12]}}, reference={"article": 0.1})
    ax = plt.gcf().axes[0]
    assert [list(line.get_ydata()) for line in ax.lines[:2]] == [[0.3, 0.2, 0.1], [0.31, 0.21, 0.12]]
    assert list(ax.lines[2].get_ydata()) == [0.1, 0.1]
