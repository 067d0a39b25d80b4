"""Seeded noise for images in [0, 1]: Gaussian, and the bias that clipping gives it; Poisson,
salt-and-pepper and speckle; and the level of each that gives a chosen noisy-input PSNR."""

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


def add_gaussian_noise(images, sigma=0.2, seed=0, clip=True):
    """Add N(0, sigma²) noise to every pixel, then clip back to [0, 1].

    ``images``: float array in [0, 1], shape (n, ...). ``sigma``: standard deviation in the
    same units (1.0 = full grey scale), one number or an array of n, one per image.
    ``seed``: seeds a fresh ``numpy.random.Generator``, so the same call always gives the
    same noise (and the same seed with another sigma gives the same draw, scaled).
    ``clip=False`` keeps the values outside [0, 1] (zero-mean noise, as a sensor's raw
    reading before it is stored as an image); clipping that gives the clipped images.
    Returns float32, same shape.
    """
    images = check_unit(images)
    sigma = _check_sigma(sigma, images)
    noisy = images + np.random.default_rng(seed).standard_normal(size=images.shape) * sigma
    return (np.clip(noisy, 0.0, 1.0) if clip else noisy).astype("float32")


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


NOISE_LEVELS = {  # kind: (what its level means, the smallest and largest level accepted)
    "gaussian": ("sigma, the standard deviation", 0.0, np.inf),
    "poisson": ("photons a white pixel collects on average", 1e-3, np.inf),
    "salt & pepper": ("share of pixels set to 0 or 1", 0.0, 1.0),
    "speckle": ("variance of the multiplicative noise", 0.0, np.inf),
}


def add_noise(images, kind, level, seed=0):
    """Seeded noise of one ``kind`` at one ``level``, clipped to [0, 1].

    ``images``: floats in [0, 1], shape (n, ...). ``kind`` and the meaning of ``level``:

    * ``"gaussian"``: sigma; the same as ``add_gaussian_noise``.
    * ``"poisson"``: photons a white pixel collects on average; each pixel becomes
      Poisson(level · v) / level (shot noise: fewer photons, more noise). scikit-image's
      ``random_noise(mode="poisson")`` fixes that count from the number of grey levels, so
      it is drawn here with NumPy instead.
    * ``"salt & pepper"``: the share of pixels replaced by 0 or 1 (half each), through
      ``skimage.util.random_noise``.
    * ``"speckle"``: the variance of n in v + v·n, n ~ N(0, level), through ``random_noise``.

    The same ``seed`` always gives the same noise. Returns float32, same shape.
    """
    images = check_unit(images)
    if kind not in NOISE_LEVELS:
        raise ValueError(f"unknown noise kind {kind!r}; choose one of {sorted(NOISE_LEVELS)}")
    meaning, low, high = NOISE_LEVELS[kind]
    if not (np.ndim(level) == 0 and low <= level <= high):  # also false for NaN
        raise ValueError(f"{kind} noise needs one level from {low} to {high} ({meaning}), got {level!r}")
    if kind == "gaussian":
        return add_gaussian_noise(images, sigma=level, seed=seed)
    if kind == "poisson":
        noisy = np.random.default_rng(seed).poisson(images * level) / level
    else:
        from skimage.util import random_noise

        settings = {"amount": level} if kind == "salt & pepper" else {"var": level}
        noisy = random_noise(images, mode="s&p" if kind == "salt & pepper" else "speckle", rng=seed, **settings)
    return np.clip(noisy, 0.0, 1.0).astype("float32")


def level_for_psnr(images, kind, target_psnr, low, high, seed=0, steps=30):
    """The level of noise ``kind`` at which the noisy ``images`` score ``target_psnr`` dB.

    Mean per-image PSNR of ``add_noise(images, kind, level, seed)`` against ``images``,
    found by bisection on a log scale between the levels ``low`` and ``high`` (both > 0),
    which must give PSNRs on either side of the target. Returns ``(level, psnr in dB)``.
    """
    from lib.metrics import per_image_psnr

    if not 0 < low < high:
        raise ValueError(f"need 0 < low < high, got low={low!r}, high={high!r}")
    psnr = lambda level: float(per_image_psnr(add_noise(images, kind, level, seed), images).mean())  # noqa: E731
    at_low, at_high = psnr(low), psnr(high)
    if not min(at_low, at_high) <= target_psnr <= max(at_low, at_high):
        raise ValueError(
            f"{kind}: levels {low} to {high} give {at_low:.2f} to {at_high:.2f} dB, "
            f"which does not include {target_psnr:.2f} dB; widen the range"
        )
    for _ in range(steps):
        middle = float(np.sqrt(low * high))
        if (psnr(middle) > target_psnr) == (at_low > target_psnr):
            low = middle
        else:
            high = middle
    level = float(np.sqrt(low * high))
    return level, psnr(level)
