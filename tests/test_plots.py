import matplotlib.pyplot as plt
import numpy as np
import pytest

from lib.ood import roc
from lib.plots import (
    plot_histograms,
    plot_losses,
    plot_psnr_by_sigma,
    plot_rate_distortion,
    plot_roc,
    plot_scores,
    scatter_by_label,
    show_image_rows,
    show_image_table,
)
from lib.scoreboard import Entry


def test_show_image_rows_draws_one_row_per_entry_with_titles():
    plt.close("all")
    images = np.random.default_rng(0).random((12, 784))
    show_image_rows({"original": images, "copy": images.reshape(-1, 28, 28, 1)}, n=4, titles="abcd")
    fig = plt.gcf()
    assert len(fig.axes) == 8
    assert fig.axes[0].get_title() == "a" and fig.axes[4].get_title() == ""
    assert fig.axes[0].get_ylabel() == "original" and fig.axes[4].get_ylabel() == "copy"
    np.testing.assert_allclose(fig.axes[5].images[0].get_array(), images[1].reshape(28, 28))


def test_show_image_rows_scales_each_row_on_its_own_so_floats_next_to_uint8_are_not_black():
    plt.close("all")
    floats = np.full((2, 28, 28), 0.5)
    show_image_rows({"uint8": (floats * 255).astype(np.uint8), "floats": floats}, n=2)
    axes = plt.gcf().axes
    assert axes[0].images[0].get_clim() == (0, 255)
    assert axes[2].images[0].get_clim() == (0, 1.0)  # was (0, 255): a mid-grey row drawn near black


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


def test_plot_histograms_draws_one_normalised_histogram_per_group():
    plt.close("all")
    rng = np.random.default_rng(0)
    plot_histograms({"small": rng.uniform(0.01, 0.02, 100), "large": rng.uniform(0.05, 0.1, 10)}, "error")
    ax = plt.gcf().axes[0]
    assert ax.get_xscale() == "log" and [t.get_text() for t in ax.get_legend().get_texts()] == [
        "small (100)",
        "large (10)",
    ]
    plt.close("all")
    plot_histograms({"four": np.ones(4), "two": np.full(2, 2.0)}, "error", bins=2, log_x=False)
    # each group lies in one bin, which then holds its whole share (1.0), whatever the group's size
    assert [patch.get_path().vertices[:, 1].max() for patch in plt.gcf().axes[0].patches] == [1.0, 1.0]
    with pytest.raises(ValueError, match="positive"):
        plot_histograms({"zero": np.array([0.0, 1.0])}, "error")
    with pytest.raises(ValueError, match="groups is empty"):
        plot_histograms({}, "error")
    with pytest.raises(ValueError, match="group 'none' has no values"):
        plot_histograms({"some": np.ones(3), "none": np.array([])}, "error", log_x=False)


def test_plot_roc_labels_each_curve_with_its_auroc():
    plt.close("all")
    plot_roc({"letters": roc([0.1, 0.2], [0.3, 0.05])})
    ax = plt.gcf().axes[0]
    assert ax.get_legend().get_texts()[0].get_text() == "letters (AUROC 0.500)"
    with pytest.raises(ValueError, match="curves is empty"):
        plot_roc({})


def test_plot_rate_distortion_draws_lossy_curves_and_lossless_lines():
    plt.close("all")
    plot_rate_distortion({"jpeg": ([300, 400], [20.0, 30.0])}, {"png": 150})
    ax = plt.gcf().axes[0]
    assert list(ax.lines[0].get_ydata()) == [20.0, 30.0] and list(ax.lines[1].get_xdata()) == [150, 150]
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match="2 sizes but 1 PSNR"):
        plot_rate_distortion({"jpeg": ([1, 2], [3.0])}, {})


def test_scatter_by_label_draws_one_colour_per_label_in_each_panel():
    plt.close("all")
    points = np.random.default_rng(0).random((6, 2))
    scatter_by_label({"a": points, "b": points}, [0, 1, 2, 0, 1, 2])
    fig = plt.gcf()
    assert [len(ax.collections) for ax in fig.axes] == [3, 3]
    with pytest.raises(ValueError, match=r"expected points of shape \(6, 2\)"):
        scatter_by_label({"a": points[:5]}, [0, 1, 2, 0, 1, 2])


def test_plot_scores_draws_mean_bars_for_both_metrics_in_order():
    plt.close("all")
    entries = [
        Entry("noisy", np.array([16.0, 18.0]), np.array([0.5, 0.7]), np.arange(2)),
        Entry("model", np.array([24.0, 26.0]), np.array([0.9, 0.9]), np.arange(2), parameters=10),
    ]
    plot_scores(entries)
    psnr_axis, ssim_axis = plt.gcf().axes
    assert [bar.get_width() for bar in psnr_axis.patches] == [17.0, 25.0]
    assert [bar.get_width() for bar in ssim_axis.patches] == pytest.approx([0.6, 0.9])
    assert [label.get_text() for label in psnr_axis.get_yticklabels()] == ["noisy", "model"]
    assert psnr_axis.patches[0].get_facecolor() != psnr_axis.patches[1].get_facecolor()  # learned in another colour
    with pytest.raises(ValueError, match="entries is empty"):
        plot_scores([])


def test_plot_psnr_by_sigma_draws_one_line_per_method():
    plt.close("all")
    plot_psnr_by_sigma([0.1, 0.2], {"a": [30.0, 25.0], "b": [28.0, 26.0]}, trained_at=0.2)
    ax = plt.gcf().axes[0]
    assert [list(line.get_ydata()) for line in ax.lines[:2]] == [[30.0, 25.0], [28.0, 26.0]]
    assert list(ax.lines[2].get_xdata()) == [0.2, 0.2]
    with pytest.raises(ValueError, match="1 values for 2 noise levels"):
        plot_psnr_by_sigma([0.1, 0.2], {"a": [30.0]})


def test_show_image_table_labels_rows_and_columns_and_keeps_each_image():
    plt.close("all")
    wide = np.random.default_rng(0).random((28, 84))
    show_image_table(
        {
            "gaussian": {"noisy": wide, "denoised": wide[..., np.newaxis] / 2},
            "speckle": {"noisy": 1 - wide, "denoised": wide},
        }
    )
    fig = plt.gcf()
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes] == ["noisy", "denoised", "", ""]
    assert fig.axes[0].get_ylabel() == "gaussian" and fig.axes[2].get_ylabel() == "speckle"
    np.testing.assert_allclose(fig.axes[1].images[0].get_array(), wide / 2)
    np.testing.assert_allclose(fig.axes[2].images[0].get_array(), 1 - wide)


def test_show_image_table_refuses_ragged_or_empty_tables():
    with pytest.raises(ValueError, match="expected"):
        show_image_table({"a": {"x": np.zeros((28, 28))}, "b": {"y": np.zeros((28, 28))}})
    with pytest.raises(ValueError, match="table is empty"):
        show_image_table({})
