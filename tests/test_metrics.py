import numpy as np
import pytest

from lib.metrics import mean_squared_error, per_image_mse, per_image_psnr


def test_mean_squared_error_is_zero_for_equal_images_and_averages_squares():
    a = np.zeros((2, 28, 28), dtype=np.float32)
    assert mean_squared_error(a, a) == 0
    b = a.copy()
    b[0] = 0.5  # half the pixels off by 0.5
    assert mean_squared_error(b, a) == pytest.approx(0.125)


def test_mean_squared_error_refuses_mismatched_or_empty_arrays():
    with pytest.raises(ValueError, match="shapes differ"):
        mean_squared_error(np.zeros((2, 784)), np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="empty"):
        mean_squared_error(np.zeros((0, 4)), np.zeros((0, 4)))


def test_per_image_mse_and_psnr_score_each_image():
    references = np.zeros((3, 28, 28))
    images = references.copy()
    images[1] += 0.1  # MSE 0.01 -> 20 dB
    images[2] += 0.01  # MSE 0.0001 -> 40 dB
    np.testing.assert_allclose(per_image_mse(images, references), [0, 0.01, 0.0001])
    psnr = per_image_psnr(images, references)
    assert psnr[0] == np.inf
    np.testing.assert_allclose(psnr[1:], [20.0, 40.0])


@pytest.mark.parametrize("function", [per_image_mse, per_image_psnr])
def test_per_image_metrics_refuse_mismatched_or_empty_batches(function):
    with pytest.raises(ValueError, match="shapes differ"):
        function(np.zeros((2, 784)), np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="non-empty batch"):
        function(np.zeros((0, 784)), np.zeros((0, 784)))
