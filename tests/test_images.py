import numpy as np
import pytest

from lib.images import OVERSHOOT, as_square, check_batch, check_uint8, check_unit, grey, scale_to_unit, to_uint8


@pytest.mark.parametrize("shape", [(5, 784), (5, 28, 28), (5, 28, 28, 1)])
def test_as_square_accepts_the_three_layouts(shape):
    assert as_square(np.zeros(shape)).shape == (5, 28, 28)
    assert as_square(np.zeros(shape), side=28).shape == (5, 28, 28)


@pytest.mark.parametrize("shape", [(5, 783), (5, 28, 27), (5, 28, 28, 3), (784,)])
def test_as_square_names_the_bad_shape(shape):
    with pytest.raises(ValueError, match=r"got \(" + str(shape[0])):
        as_square(np.zeros(shape))


def test_as_square_checks_the_side_when_given():
    with pytest.raises(ValueError, match=r"\(n, 28, 28\)"):
        as_square(np.zeros((5, 16, 16)), side=28)


def test_scale_to_unit_and_to_uint8_are_inverse_and_refuse_the_other_scale():
    levels = np.array([[0, 51, 128, 255]], dtype=np.uint8)
    np.testing.assert_array_equal(to_uint8(scale_to_unit(levels)), levels)
    with pytest.raises(TypeError, match="uint8"):
        scale_to_unit(levels / 255)
    with pytest.raises(TypeError, match="divide uint8 images by 255"):
        to_uint8(levels)


@pytest.mark.parametrize(
    "images, error, message",
    [
        (np.zeros((2, 4), dtype=np.uint8), TypeError, "divide uint8 images by 255"),
        (np.zeros((2, 4), dtype=bool), TypeError, "must be floats"),
        (np.full((2, 4), 255.0), ValueError, "grey levels 0..255"),
        (np.full((2, 4), 1.01), ValueError, r"must lie in \[0, 1\]"),
        (np.full((2, 4), np.nan), ValueError, "NaN or infinite"),
        (np.full((2, 4), np.inf), ValueError, "NaN or infinite"),
        (np.zeros((0, 4)), ValueError, "empty"),
    ],
)
def test_check_unit_refuses_what_is_not_floats_in_0_1(images, error, message):
    with pytest.raises(error, match=message):
        check_unit(images, "images")


def test_check_unit_allows_the_overshoot_it_is_given_and_no_more():
    slightly_out = np.array([[-0.1, 1.2]])
    assert check_unit(slightly_out, overshoot=OVERSHOOT) is not None
    with pytest.raises(ValueError, match=r"\[-0.5, 1.5\]"):
        check_unit(slightly_out + 1, overshoot=OVERSHOOT)


@pytest.mark.parametrize("shape", [(28, 28), (28, 28, 1), (784,), (0, 784), (1, 2, 28, 28, 1)])
def test_check_batch_refuses_a_lone_image_or_no_batch(shape):
    with pytest.raises(ValueError, match="batch"):
        check_batch(np.zeros(shape))


@pytest.mark.parametrize("shape", [(3, 784), (3, 28, 28), (3, 28, 28, 1), (1, 28, 28)])
def test_check_batch_accepts_the_three_layouts(shape):
    assert check_batch(np.zeros(shape)).shape == shape


def test_check_uint8_wants_uint8_batches_of_square_images():
    with pytest.raises(ValueError, match="to_uint8"):
        check_uint8(np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="empty"):
        check_uint8(np.zeros((0, 28, 28), dtype=np.uint8))


def test_grey_drops_and_restores_the_channel_axis():
    images = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    flat, restore = grey(images)
    assert flat.shape == (2, 28, 28) and flat.dtype == np.float64
    assert restore(flat).shape == images.shape
    with pytest.raises(ValueError, match="expected grey"):
        grey(np.zeros((2, 28, 28, 3)))
