import numpy as np
import pytest

from lib.noise import add_gaussian_noise, add_noise, clipped_noise_mean, level_for_psnr, undo_clipping_bias


def test_noise_is_seeded_clipped_and_keeps_shape():
    images = np.full((200, 28, 28, 1), 0.5, dtype=np.float32)
    noisy = add_gaussian_noise(images, sigma=0.2, seed=7)
    assert noisy.shape == images.shape and noisy.dtype == np.float32
    assert np.array_equal(noisy, add_gaussian_noise(images, sigma=0.2, seed=7))
    assert not np.array_equal(noisy, add_gaussian_noise(images, sigma=0.2, seed=8))
    assert noisy.min() >= 0 and noisy.max() <= 1
    # at mid-grey clipping is rare (2.5 sigma away): mean and spread are the noise's own
    assert abs(float(noisy.mean()) - 0.5) < 0.002
    assert abs(float(noisy.std()) - 0.2) < 0.003


def test_clipping_biases_the_noise_on_black_background():
    noisy = add_gaussian_noise(np.zeros((100, 28, 28)), sigma=0.2, seed=0)
    # E[max(0, N(0, 0.2^2))] = 0.2 / sqrt(2 pi) ~ 0.0798
    assert abs(float(noisy.mean()) - 0.2 / np.sqrt(2 * np.pi)) < 0.002
    assert np.mean(noisy == 0) == pytest.approx(0.5, abs=0.01)


def test_zero_sigma_changes_nothing():
    images = np.linspace(0, 1, 784, dtype=np.float32).reshape(1, 28, 28)
    np.testing.assert_array_equal(add_gaussian_noise(images, sigma=0.0), images)


@pytest.mark.parametrize(
    "images, error, message",
    [
        (np.zeros((2, 28, 28), dtype=np.uint8), TypeError, "divide uint8 images by 255"),
        (np.full((2, 28, 28), 1.5), ValueError, r"must lie in \[0, 1\]"),
        (np.full((2, 28, 28), -0.1), ValueError, r"must lie in \[0, 1\]"),
        (np.full((2, 28, 28), np.nan), ValueError, "NaN"),
        (np.zeros((0, 28, 28)), ValueError, "empty"),
    ],
)
def test_bad_images_are_refused(images, error, message):
    with pytest.raises(error, match=message):
        add_gaussian_noise(images)


@pytest.mark.parametrize("sigma", [-0.1, float("nan")])
def test_bad_sigma_is_refused(sigma):
    with pytest.raises(ValueError, match="sigma must be a finite, non-negative number"):
        add_gaussian_noise(np.zeros((1, 28, 28)), sigma=sigma)


def test_one_sigma_per_image_scales_each_image_s_noise():
    images = np.full((3, 28, 28), 0.5, dtype=np.float32)
    noisy = add_gaussian_noise(images, sigma=[0.0, 0.05, 0.1], seed=1)
    np.testing.assert_array_equal(noisy[0], images[0])
    assert abs(float(noisy[1].std()) - 0.05) < 0.005 and abs(float(noisy[2].std()) - 0.1) < 0.01
    # the same seed gives the same draw, scaled: at 0.1, image 2's noise is twice what it is at 0.05
    lighter = add_gaussian_noise(images, sigma=0.05, seed=1)
    np.testing.assert_array_equal(noisy[1], lighter[1])
    np.testing.assert_allclose(noisy[2] - 0.5, 2 * (lighter[2] - 0.5), atol=1e-6)
    with pytest.raises(ValueError, match="one number or one per image"):
        add_gaussian_noise(images, sigma=[0.1, 0.2])


def test_clipped_noise_mean_matches_a_simulation():
    values = np.array([0.0, 0.05, 0.3, 0.5, 0.9, 1.0])
    simulated = add_gaussian_noise(np.repeat(values[:, None], 200_000, axis=1), sigma=0.25, seed=4).mean(axis=1)
    np.testing.assert_allclose(clipped_noise_mean(values, 0.25), simulated, atol=0.002)
    assert clipped_noise_mean(0.0, 0.2) == pytest.approx(0.2 / np.sqrt(2 * np.pi))
    np.testing.assert_array_equal(clipped_noise_mean(values, 0.0), values)


def test_undo_clipping_bias_inverts_the_mean_and_clamps_the_ends():
    values = np.linspace(0, 1, 21)
    means = clipped_noise_mean(values, 0.2).astype("float32")
    np.testing.assert_allclose(undo_clipping_bias(means, 0.2), values, atol=1e-4)
    # anything darker than the mean of a black pixel is black; the result stays in [0, 1]
    assert undo_clipping_bias(np.array([0.0, 0.05]), 0.2).tolist() == [0.0, 0.0]
    assert undo_clipping_bias(np.array([0.99]), 0.2)[0] == 1.0
    with pytest.raises(ValueError, match="one number here"):
        undo_clipping_bias(means[:3], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\]"):
        undo_clipping_bias(np.array([1.2]), 0.2)


@pytest.mark.parametrize("sigma", [np.inf, np.nan, -0.1])
def test_a_sigma_that_is_not_a_finite_non_negative_number_is_refused(sigma):
    with pytest.raises(ValueError, match="finite, non-negative"):
        add_gaussian_noise(np.zeros((2, 28, 28)), sigma=sigma)


def test_clipped_noise_mean_takes_one_sigma_and_says_so_for_an_array():
    with pytest.raises(ValueError, match="one number"):
        clipped_noise_mean(0.5, np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match="finite"):
        clipped_noise_mean(0.5, np.inf)


# Poisson, salt-and-pepper and speckle noise, and the level that gives a chosen PSNR

GREY = np.full((50, 28, 28, 1), 0.5, dtype=np.float32)


@pytest.mark.parametrize(
    "kind, level", [("gaussian", 0.2), ("poisson", 10.0), ("salt & pepper", 0.1), ("speckle", 0.2)]
)
def test_every_noise_is_seeded_clipped_and_keeps_shape(kind, level):
    noisy = add_noise(GREY, kind, level, seed=1)
    assert noisy.shape == GREY.shape and noisy.dtype == np.float32
    assert noisy.min() >= 0 and noisy.max() <= 1
    assert np.array_equal(noisy, add_noise(GREY, kind, level, seed=1))
    assert not np.array_equal(noisy, add_noise(GREY, kind, level, seed=2))


def test_each_noise_has_the_statistics_its_level_says():
    poisson = add_noise(GREY, "poisson", 10.0, seed=0)  # Poisson(5) / 10: mean 0.5, variance 5 / 100
    assert abs(float(poisson.mean()) - 0.5) < 0.01 and abs(float(poisson.var()) - 0.05) < 0.003
    salted = add_noise(GREY, "salt & pepper", 0.1, seed=0)
    assert abs(np.mean(salted != 0.5) - 0.1) < 0.005 and abs(np.mean(salted == 1) - 0.05) < 0.005
    speckled = add_noise(GREY, "speckle", 0.04, seed=0)  # 0.5 + 0.5 · N(0, 0.04): std 0.1
    assert abs(float(speckled.std()) - 0.1) < 0.003
    black = np.zeros((5, 28, 28), dtype=np.float32)  # shot noise and speckle leave black black
    assert not add_noise(black, "poisson", 10.0).any() and not add_noise(black, "speckle", 0.5).any()
    np.testing.assert_array_equal(add_noise(GREY, "gaussian", 0.2, seed=3), add_gaussian_noise(GREY, 0.2, seed=3))


@pytest.mark.parametrize(
    "kind, level, message",
    [
        ("blur", 0.1, "unknown noise kind"),
        ("salt & pepper", 1.5, "from 0.0 to 1.0"),
        ("poisson", 0.0, "photons"),
        ("speckle", float("nan"), "variance"),
        ("gaussian", [0.1, 0.2], "one level"),
    ],
)
def test_bad_noise_settings_are_refused(kind, level, message):
    with pytest.raises(ValueError, match=message):
        add_noise(GREY, kind, level)


def test_level_for_psnr_finds_the_level_either_way_round():
    images = np.linspace(0, 1, 20 * 784, dtype=np.float32).reshape(20, 28, 28)
    level, psnr = level_for_psnr(images, "salt & pepper", 15.0, low=0.001, high=0.5)
    assert abs(psnr - 15.0) < 0.05 and 0.001 < level < 0.5
    level, psnr = level_for_psnr(images, "poisson", 20.0, low=1.0, high=1000.0)  # more photons, less noise
    assert abs(psnr - 20.0) < 0.05
    with pytest.raises(ValueError, match="widen the range"):
        level_for_psnr(images, "speckle", 60.0, low=0.01, high=0.1)


def test_unclipped_noise_is_zero_mean_and_clips_to_the_usual_images():
    images = np.zeros((100, 28, 28), dtype=np.float32)
    raw = add_gaussian_noise(images, sigma=0.2, seed=4, clip=False)
    assert raw.min() < 0 and abs(float(raw.mean())) < 0.002  # no bias on the black background
    np.testing.assert_array_equal(np.clip(raw, 0, 1), add_gaussian_noise(images, sigma=0.2, seed=4))
