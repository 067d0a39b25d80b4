import gzip

import numpy as np
import pytest

from lib.compression import (
    dequantise_codes,
    gzip_size_together,
    gzip_sizes,
    jpeg_roundtrip,
    png_sizes,
    quantise_codes,
    to_uint8,
)


@pytest.fixture
def images():
    rng = np.random.default_rng(0)
    blank = np.zeros((28, 28), dtype=np.uint8)
    noise = rng.integers(0, 256, size=(28, 28), dtype=np.uint8)
    return np.stack([blank, noise])


def test_lossless_sizes_are_small_for_blank_and_large_for_noise(images):
    for sizes in (gzip_sizes(images), png_sizes(images)):
        assert sizes.shape == (2,) and sizes.dtype.kind == "i"
        assert sizes[0] < 100 < 784 <= sizes[1]  # noise does not compress; a blank image does
    assert gzip.decompress(gzip.compress(images[1].tobytes())) == images[1].tobytes()


def test_gzip_together_shares_patterns_across_images():
    repeated = np.repeat(np.random.default_rng(1).integers(0, 256, (1, 28, 28), dtype=np.uint8), 50, axis=0)
    assert gzip_size_together(repeated) < gzip_sizes(repeated).mean() / 10


def test_jpeg_is_lossy_and_smaller_at_lower_quality(images):
    smooth = np.tile(np.linspace(0, 255, 28).astype(np.uint8), (3, 28, 1))
    small, decoded_low = jpeg_roundtrip(smooth, quality=10)
    large, decoded_high = jpeg_roundtrip(smooth, quality=90)
    assert decoded_low.shape == smooth.shape and decoded_low.dtype == np.uint8
    assert small.sum() < large.sum()
    assert np.abs(decoded_high.astype(int) - smooth).mean() < np.abs(decoded_low.astype(int) - smooth).mean()
    with pytest.raises(ValueError, match="quality"):
        jpeg_roundtrip(images, quality=0)


def test_quantised_codes_take_one_byte_per_value_and_come_back_close():
    codes = np.array([[0.0, 1.0, 2.5, 7.0]], dtype=np.float32)
    quantised = quantise_codes(codes, high=5.0)
    assert quantised.dtype == np.uint8 and quantised.nbytes == 4
    assert list(quantised[0]) == [0, 51, 128, 255]  # 7.0 is clipped to the top level
    np.testing.assert_allclose(dequantise_codes(quantised, 5.0)[0, :3], [0, 1, 2.5], atol=5 / 255 / 2)


def test_to_uint8_rounds_and_checks():
    np.testing.assert_array_equal(to_uint8(np.array([0.0, 0.5, 1.0])), [0, 128, 255])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        to_uint8(np.array([1.5]))
    with pytest.raises(TypeError, match="floats"):
        to_uint8(np.array([1], dtype=np.uint8))


@pytest.mark.parametrize("function", [gzip_sizes, gzip_size_together, png_sizes, lambda x: jpeg_roundtrip(x, 50)])
def test_zero_size_and_wrong_images_are_refused(function):
    with pytest.raises(ValueError, match="empty"):
        function(np.zeros((1, 0, 28), dtype=np.uint8))
    with pytest.raises(ValueError, match="expected uint8"):
        function(np.zeros((2, 28, 28), dtype=np.float32))


def test_empty_inputs_to_the_other_helpers_are_refused():
    with pytest.raises(ValueError, match="empty"):
        to_uint8(np.zeros((0, 28, 28)))
    with pytest.raises(ValueError, match="empty"):
        quantise_codes(np.zeros((0, 32)), high=1.0)
    with pytest.raises(ValueError, match="positive"):
        quantise_codes(np.ones((1, 32)), high=0)
    with pytest.raises(ValueError, match="positive, finite"):
        quantise_codes(np.ones((1, 32)), high=np.inf)


def test_quantise_codes_refuses_nan_codes_instead_of_storing_them_as_zero():
    codes = np.ones((2, 32), dtype=np.float32)
    codes[1, 3] = np.nan
    with pytest.raises(ValueError, match="1 NaN or infinite"):
        quantise_codes(codes, high=1.0)


@pytest.mark.parametrize("quality", [True, 0, 96, 50.0, "50"])
def test_jpeg_quality_must_be_a_whole_number_from_1_to_95_not_a_bool(quality):
    with pytest.raises(ValueError, match="quality must be an integer"):
        jpeg_roundtrip(np.zeros((1, 28, 28), dtype=np.uint8), quality)
    with pytest.raises(TypeError, match="uint8"):
        dequantise_codes(np.ones((1, 32)), high=1.0)
