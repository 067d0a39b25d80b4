import numpy as np
import pytest

from lib.metrics import describe, mean_squared_error, per_image_mse, per_image_psnr, per_image_ssim


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


def test_per_image_ssim_is_one_for_a_copy_and_falls_with_noise():
    clean = np.random.default_rng(0).random((3, 28, 28, 1))
    noisy = np.clip(clean + np.random.default_rng(1).normal(0, 0.2, clean.shape), 0, 1)
    np.testing.assert_allclose(per_image_ssim(clean, clean), 1.0)
    scores = per_image_ssim(noisy, clean)
    assert scores.shape == (3,) and np.all(scores < 0.9)
    # images and references are told apart: SSIM is symmetric, but the shapes are checked
    with pytest.raises(ValueError, match="shapes differ"):
        per_image_ssim(noisy[:2], clean)
    with pytest.raises(ValueError, match="at least 7 x 7"):
        per_image_ssim(np.zeros((2, 5, 5)), np.zeros((2, 5, 5)))


@pytest.mark.parametrize("shape", [(20, 28, 28), (20, 28, 28, 1), (3, 40, 65)])
def test_per_image_ssim_equals_scikit_image_one_image_at_a_time_to_the_last_bit(shape):
    from skimage.metrics import structural_similarity

    clean = np.random.default_rng(2).random(shape).astype("float32")
    noisy = np.clip(clean + np.random.default_rng(3).normal(0, 0.2, shape), -0.01, 1.01)  # overshoot allowed
    expected = [
        structural_similarity(ref.astype("float64"), img.astype("float64"), data_range=1)
        for img, ref in zip(noisy.reshape(shape[:3]), clean.reshape(shape[:3]))
    ]
    np.testing.assert_array_equal(per_image_ssim(noisy, clean), expected)


def test_describe_gives_mean_and_spread_rounded():
    assert describe([20.0, 22.0], "dB") == "21.00 ± 1.00 dB"
    assert describe([0.5, 0.7], digits=3) == "0.600 ± 0.100"


ALL_METRICS = [per_image_mse, per_image_psnr, per_image_ssim, mean_squared_error]


@pytest.mark.parametrize("function", ALL_METRICS)
@pytest.mark.parametrize(
    "images, error, message",
    [
        (np.full((2, 28, 28), 128, dtype=np.uint8), TypeError, "divide uint8 images by 255"),
        (np.full((2, 28, 28), 128.0), ValueError, "grey levels 0..255"),
        (np.full((2, 28, 28), np.nan), ValueError, "NaN"),
    ],
)
def test_every_metric_refuses_images_on_the_wrong_scale_or_nan(function, images, error, message):
    """uint8 images used to score -43 dB (SSIM 6e-5) and NaN passed through, without complaint."""
    references = np.full((2, 28, 28), 0.5)
    with pytest.raises(error, match=message):
        function(images, references)
    with pytest.raises(error, match=message):
        function(references, images)  # references are checked too


@pytest.mark.parametrize("function", ALL_METRICS)
@pytest.mark.parametrize("shape", [(28, 28), (28, 28, 1)])
def test_every_metric_refuses_one_image_without_its_batch_axis(function, shape):
    """A lone 28 x 28 image used to be scored as 28 one-row images."""
    with pytest.raises(ValueError, match=r"image\[np.newaxis\]"):
        function(np.full(shape, 0.4), np.full(shape, 0.5))


@pytest.mark.parametrize("function", ALL_METRICS)
def test_a_model_output_slightly_outside_0_1_is_scored_but_references_must_be_in_range(function):
    references = np.full((2, 28, 28), 0.5)
    assert np.all(np.isfinite(function(np.full((2, 28, 28), 1.1), references)))
    with pytest.raises(ValueError, match="references must lie in"):
        function(references, np.full((2, 28, 28), 1.1))
