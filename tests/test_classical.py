import numpy as np
import pytest
from scipy import ndimage

from lib import classical
from lib.classical import (
    METHODS,
    bm3d_tiled,
    each,
    gaussian_filter,
    median_filter,
    score_all,
    total_variation,
    tune,
    tune_all,
)
from lib.scoreboard import Scoreboard
from lib.metrics import per_image_psnr
from lib.noise import add_gaussian_noise


@pytest.fixture(autouse=True)
def result_cache(monkeypatch, tmp_path):
    """The five methods' results are cached: each test gets an empty cache of its own."""
    monkeypatch.setenv("COURSE_RESULT_CACHE", str(tmp_path / "results"))
    return tmp_path / "results"


def digits_like(n, seed=0):
    """Black images with a bright bar, each at another height: a stand-in for digits (n <= 24)."""
    rows = np.random.default_rng(seed).permutation(24)[:n]
    images = np.zeros((n, 28, 28), dtype=np.float32)
    for image, row in zip(images, rows):
        image[row : row + 4, 6:22] = 1.0
    return images


@pytest.mark.parametrize("shape", [(3, 28, 28), (3, 28, 28, 1)])
def test_each_keeps_the_shape_and_clips(shape):
    images = np.full(shape, 0.9, dtype=np.float32)
    out = each(lambda image, gain: image * gain, images, gain=1.5)  # 1.35: a little over, clipped
    assert out.shape == shape and out.dtype == np.float32
    np.testing.assert_array_equal(out, 1.0)


def test_each_refuses_colour_images_and_bad_values():
    with pytest.raises(ValueError, match=r"grey images \(n, h, w\)"):
        each(ndimage.gaussian_filter, np.zeros((2, 28, 28, 3)), sigma=1)
    with pytest.raises(TypeError, match="divide uint8"):
        each(ndimage.gaussian_filter, np.zeros((2, 28, 28), dtype=np.uint8), sigma=1)


@pytest.mark.parametrize(
    "denoise, message",
    [
        (lambda image: image[:-1], r"returned shape \(27, 28\) for an image of shape \(28, 28\)"),
        (lambda image: image * np.nan, "NaN"),
        (lambda image: image * 255, "grey levels 0..255"),
    ],
)
def test_each_refuses_a_denoiser_output_of_the_wrong_shape_or_scale_or_nan(denoise, message):
    with pytest.raises(ValueError, match=message):
        each(denoise, np.full((2, 28, 28), 0.5))


@pytest.mark.parametrize("tile", [0, -1, 2.5, True])
def test_bm3d_tiled_refuses_a_tile_that_is_not_a_positive_whole_number(tile):
    with pytest.raises(ValueError, match="tile must be a positive whole number"):
        bm3d_tiled(np.full((2, 28, 28), 0.5), sigma_psd=0.1, tile=tile)


def test_bm3d_tiled_denoises_each_image_in_place():
    clean = digits_like(7)  # not a multiple of the 4 images per mosaic: the last is padded
    noisy = add_gaussian_noise(clean, 0.2, seed=1)
    out = bm3d_tiled(noisy[..., np.newaxis], sigma_psd=0.15, tile=2)
    assert out.shape == (7, 28, 28, 1) and out.min() >= 0 and out.max() <= 1
    # every output image is a cleaner version of its own input, not of a neighbour's
    gain = per_image_psnr(out[..., 0], clean) - per_image_psnr(noisy, clean)
    assert np.all(gain > 2)
    errors = [[np.mean((out[i, ..., 0] - clean[j]) ** 2) for j in range(7)] for i in range(7)]
    assert np.argmin(errors, axis=1).tolist() == list(range(7))


def test_tune_picks_the_best_setting_on_the_pairs_it_is_given():
    clean = digits_like(20)
    noisy = add_gaussian_noise(clean, 0.2, seed=2)
    calls = []

    def blur(images, width, sigma):
        calls.append(sigma)
        return each(ndimage.gaussian_filter, images, sigma=width)

    best, scores = tune(blur, [0.0, 0.7, 5.0], noisy, clean, sigma=0.2)
    assert set(scores) == {0.0, 0.7, 5.0} and calls == [0.2, 0.2, 0.2]
    assert best == 0.7 and scores[0.7] > scores[0.0] and scores[0.7] > scores[5.0]
    with pytest.raises(ValueError, match="settings is empty"):
        tune(blur, [], noisy, clean, sigma=0.2)


def test_the_named_methods_denoise_and_their_settings_mean_what_they_say(monkeypatch):
    clean = digits_like(4)
    noisy = add_gaussian_noise(clean, 0.2, seed=3)
    assert list(METHODS) == ["Gaussian filter", "median filter", "total variation", "non-local means", "BM3D"]
    for name, (denoise, candidates) in list(METHODS.items())[:4]:  # BM3D: below, and test_bm3d_tiled_*
        out = denoise(noisy, candidates[len(candidates) // 2], 0.2)
        assert out.shape == noisy.shape and out.dtype == np.float32, name
        assert per_image_psnr(out, clean).mean() > per_image_psnr(noisy, clean).mean() + 0.5, name
    # a setting that is a multiple of sigma scales with sigma: twice the noise level, twice the weight
    np.testing.assert_array_equal(total_variation(noisy, 0.5, 0.2), total_variation(noisy, 0.25, 0.4))
    np.testing.assert_array_equal(gaussian_filter(noisy, 0.7, 0.1), gaussian_filter(noisy, 0.7, 0.3))
    np.testing.assert_array_equal(median_filter(noisy, 3, 0.2), each(ndimage.median_filter, noisy, size=3))
    calls = []
    monkeypatch.setattr(classical, "bm3d_tiled", lambda images, sigma_psd: calls.append(sigma_psd) or images)
    METHODS["BM3D"][0](noisy, 0.5, 0.2)
    assert calls == [pytest.approx(0.1)]


def test_tune_all_and_score_all_tune_on_validation_and_score_every_method(capsys):
    clean = digits_like(8)
    noisy = add_gaussian_noise(clean, 0.2, seed=4)
    methods = {"Gaussian filter": METHODS["Gaussian filter"], "median filter": METHODS["median filter"]}
    settings = tune_all(noisy[:4], clean[:4], 0.2, methods)
    assert set(settings) == set(methods) and settings["median filter"] in (3, 5)
    printed = capsys.readouterr().out
    assert "Gaussian filter" in printed and "->" in printed
    board = Scoreboard(clean)
    denoised = score_all(board, noisy, settings, 0.2, bm3d_indices=[0, 1], methods=methods)
    assert list(board) == list(methods) and all(out.shape == clean.shape for out in denoised.values())
    assert board.mean("median filter", "psnr") > per_image_psnr(noisy, clean).mean()


def test_the_five_methods_are_cached_and_other_denoisers_run_every_time(result_cache):
    clean = digits_like(4)
    noisy = add_gaussian_noise(clean, 0.2, seed=5)
    first, seconds = classical.run_timed(median_filter, noisy, 3, 0.2)
    assert len(list(result_cache.glob("*.result.npz"))) == 1 and seconds > 0
    again, seconds_again = classical.run_timed(median_filter, noisy, 3, 0.2)
    np.testing.assert_array_equal(again, first)
    assert seconds_again == pytest.approx(seconds, abs=1e-3)  # the stored time, not a new one
    calls = []

    def mine(images, setting, sigma):
        calls.append(setting)
        return images

    for _ in range(2):
        classical.run_timed(mine, noisy, 1, 0.2)
    assert calls == [1, 1] and len(list(result_cache.glob("*.result.npz"))) == 1
