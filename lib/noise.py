"""Seeded Gaussian noise for images in [0, 1]."""

import numpy as np


def check_unit_images(images, name="images"):
    """Raise a clear error unless ``images`` is a float array with every value in [0, 1]."""
    images = np.asarray(images)
    if not np.issubdtype(images.dtype, np.floating):
        raise TypeError(
            f"{name} must be floats in [0, 1], got dtype {images.dtype}; "
            f"divide uint8 images by 255 first (lib.data.scale_to_unit)."
        )
    if images.size == 0:
        raise ValueError(f"{name} is empty (shape {images.shape}).")
    low, high = float(images.min()), float(images.max())
    if not (0.0 <= low and high <= 1.0):  # also false for NaN
        raise ValueError(f"{name} must lie in [0, 1], found values from {low:.3g} to {high:.3g}.")
    return images


def add_gaussian_noise(images, sigma=0.2, seed=0):
    """Add N(0, sigma²) noise to every pixel, then clip back to [0, 1].

    ``images``: float array in [0, 1], any shape. ``sigma``: standard deviation in the same
    units (1.0 = full grey scale). ``seed``: seeds a fresh ``numpy.random.Generator`` so the
    same call always gives the same noise. Returns float32, same shape.
    """
    images = check_unit_images(images)
    if not sigma >= 0:
        raise ValueError(f"sigma must be a non-negative number, got {sigma!r}.")
    noise = np.random.default_rng(seed).normal(0.0, sigma, size=images.shape)
    return np.clip(images + noise, 0.0, 1.0).astype("float32")
