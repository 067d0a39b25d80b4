"""Seeded Gaussian noise for images in [0, 1], and the bias that clipping gives it."""

import numpy as np

from lib.images import check_unit


def _check_sigma(sigma, images):
    """``sigma`` as an array that broadcasts over ``images``: a scalar, or one value per image."""
    sigma = np.asarray(sigma, dtype="float64")
    if sigma.ndim == 1 and len(sigma) == len(images):
        sigma = sigma.reshape((-1,) + (1,) * (images.ndim - 1))
    elif sigma.ndim != 0:
        raise ValueError(f"sigma must be one number or one per image ({len(images)}), got shape {sigma.shape}.")
    if not np.all((sigma >= 0) & np.isfinite(sigma)):  # also false for NaN
        raise ValueError(f"sigma must be a finite, non-negative number, got {sigma.ravel()[:5]!r}.")
    return sigma


def add_gaussian_noise(images, sigma=0.2, seed=0):
    """Add N(0, sigma²) noise to every pixel, then clip back to [0, 1].

    ``images``: float array in [0, 1], shape (n, ...). ``sigma``: standard deviation in the
    same units (1.0 = full grey scale), one number or an array of n, one per image.
    ``seed``: seeds a fresh ``numpy.random.Generator``, so the same call always gives the
    same noise (and the same seed with another sigma gives the same draw, scaled).
    Returns float32, same shape.
    """
    images = check_unit(images)
    sigma = _check_sigma(sigma, images)
    noise = np.random.default_rng(seed).standard_normal(size=images.shape) * sigma
    return np.clip(images + noise, 0.0, 1.0).astype("float32")


def clipped_noise_mean(values, sigma):
    """E[clip(v + sigma·ε, 0, 1)] for ε ~ N(0, 1): what a pixel of value ``v`` averages to.

    ``values`` in [0, 1], any shape; ``sigma`` one number (for several levels, call it once
    per level). Clipping moves the mean away from the edges: 0 averages to sigma/√(2π)
    (0.080 at sigma = 0.2), 1 to 1 minus that.
    """
    from scipy.special import ndtr  # the standard normal's distribution function

    values = np.asarray(values, dtype="float64")
    if np.ndim(sigma) != 0:
        raise ValueError(f"sigma must be one number here, got shape {np.shape(sigma)}; call once per level.")
    sigma = float(_check_sigma(sigma, values))
    if sigma == 0:
        return values
    low, high = -values / sigma, (1 - values) / sigma
    density = lambda z: np.exp(-z * z / 2) / np.sqrt(2 * np.pi)  # noqa: E731
    inside = values * (ndtr(high) - ndtr(low)) + sigma * (density(low) - density(high))
    return inside + (1 - ndtr(high))  # plus the draws clipped to 1


def undo_clipping_bias(images, sigma):
    """Map a denoised estimate of the noisy image's mean back to the clean value.

    A denoiser made for zero-mean noise returns about ``clipped_noise_mean(v, sigma)``
    where the clean pixel is ``v``; this inverts that (monotone) curve, so a background
    that came out at 0.08 goes back to 0 (Foi, 2009). ``images`` in [0, 1], any shape;
    ``sigma`` the noise level, one number. Returns float32 in [0, 1], same shape.
    """
    images = check_unit(images)
    if np.ndim(sigma) != 0:
        raise ValueError(
            f"sigma must be one number here, got shape {np.shape(sigma)}; undo each image's own level separately."
        )
    sigma = float(_check_sigma(sigma, images))
    grid = np.linspace(0.0, 1.0, 2001)
    return np.interp(images, clipped_noise_mean(grid, sigma), grid).astype("float32")
