"""lib.photos: the packaged photos, the split, patches and noise for photographs."""

import numpy as np
import pytest

from lib import photos


def test_every_photo_loads_grey_in_unit_range():
    for photo in photos.PHOTOS:
        image = photos.load_photo(photo.name)
        assert image.ndim == 2 and image.dtype == np.float64 and min(image.shape) >= 256, photo.name
        assert 0 <= image.min() and image.max() <= 1 and image.std() > 0.02, photo.name


def test_split_is_fixed_and_disjoint():
    split = photos.photo_split()
    assert split["test"] == ["camera", "astronaut", "coffee", "chelsea", "brick"]
    names = [name for names in split.values() for name in names]
    assert len(names) == len(set(names)) == len(photos.PHOTOS)
    assert not any(photo.jpeg for photo in photos.PHOTOS if photo.split != "train")


def test_colour_and_errors():
    assert photos.load_photo("astronaut", colour=True).shape == (512, 512, 3)
    with pytest.raises(ValueError, match="grey"):
        photos.load_photo("camera", colour=True)
    with pytest.raises(ValueError, match="unknown photo"):
        photos.load_photo("moon")


def test_centre_crop():
    image = np.arange(30 * 40).reshape(30, 40)
    crop = photos.centre_crop(image, 10)
    assert crop.shape == (10, 10) and crop[0, 0] == image[10, 15]
    with pytest.raises(ValueError, match="cannot cut"):
        photos.centre_crop(image, 31)


def test_white_noise_is_unclipped_zero_mean_and_seeded():
    flat = np.full((200, 200), 0.98)
    noisy = photos.add_white_noise(flat, 0.1, seed=0)
    assert noisy.max() > 1 and abs((noisy - flat).mean()) < 0.002 and abs((noisy - flat).std() - 0.1) < 0.002
    np.testing.assert_array_equal(noisy, photos.add_white_noise(flat, 0.1, seed=0))
    with pytest.raises(ValueError, match="sigma"):
        photos.add_white_noise(flat, float("inf"), seed=0)


def test_random_patches():
    images = [np.random.default_rng(i).random((60, 70)) for i in range(3)]
    patches = photos.random_patches(images, size=16, count=7, seed=0)
    assert patches.shape == (7, 16, 16, 1) and patches.dtype == np.float32
    np.testing.assert_array_equal(patches, photos.random_patches(images, size=16, count=7, seed=0))
    with pytest.raises(ValueError, match="smaller"):
        photos.random_patches(images, size=61, count=1, seed=0)


def test_pipeline_gives_the_same_batches_each_time_with_sigma_in_range():
    patches = np.random.default_rng(0).random((5, 8, 8, 1)).astype("float32")
    pipeline = photos.noisy_patch_pipeline(patches, batch_size=4, sigma_range=(0.05, 0.1), seed=3)
    first, second = list(pipeline.take(3)), list(pipeline.take(3))
    for ((noisy_a, map_a), clean_a), ((noisy_b, _), _) in zip(first, second):
        np.testing.assert_array_equal(noisy_a.numpy(), noisy_b.numpy())
        assert noisy_a.shape == map_a.shape == clean_a.shape == (4, 8, 8, 1)
        sigma = map_a.numpy()[:, 0, 0, 0]
        assert np.all((0.05 <= sigma) & (sigma <= 0.1))
        assert np.all(map_a.numpy() == sigma[:, None, None, None])  # one sigma per patch
    with pytest.raises(ValueError, match="sigma_range"):
        photos.noisy_patch_pipeline(patches, batch_size=4, sigma_range=(0.2, 0.1), seed=3)


def test_anscombe_stabilises_the_variance_and_inverts():
    peak, read = 60, 2 / 255
    rng_stds = []
    for brightness in (0.05, 0.3, 0.9):
        image = np.full(200_000, brightness)
        noisy = photos.add_poisson_gaussian_noise(image, peak, read, seed=1)
        assert noisy.std() == pytest.approx(np.sqrt(brightness / peak + read**2), rel=0.02)
        stabilised = photos.anscombe(noisy, peak, read)
        rng_stds.append(stabilised.std())
        # the inverse of the mean comes back to the brightness (the unbiased inverse)
        assert photos.inverse_anscombe(stabilised.mean(), peak, read) == pytest.approx(brightness, abs=0.01)
    assert np.allclose(rng_stds, 1, atol=0.05)
    with pytest.raises(ValueError, match="peak"):
        photos.add_poisson_gaussian_noise(np.zeros(3), 0, read, seed=0)
