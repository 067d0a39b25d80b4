"""Classical denoisers on batches of small images, and a fair way to tune them.

The five methods chapters 5, 6 and 9 compare, each a short function
``denoise(images, setting, sigma)`` around SciPy, scikit-image or PyPI's ``bm3d``, with the
settings worth trying (``METHODS``); ``each`` and ``bm3d_tiled`` run a one-image denoiser
over a batch, and ``tune`` picks a setting on validation images.

What the five methods make of a batch is kept by ``lib.result_cache``: chapters 6 and 9
load the tunings and scores chapter 5 computed, instead of computing them again.

Settings of the methods that are told the noise level σ are multiples of σ, so that one
list of candidates serves at every noise level.
"""

import numpy as np
from scipy import ndimage
from skimage import restoration

from lib.metrics import per_image_psnr
from lib.images import OVERSHOOT, check_unit, grey
from lib.noise import undo_clipping_bias
from lib.result_cache import compute_or_load
from lib.scoreboard import Stopwatch


def each(denoise, images, **settings):
    """``denoise(image, **settings)`` on every image of a batch.

    ``images``: (n, h, w) or (n, h, w, 1), floats in [0, 1]. Returns float32 of the same
    shape, clipped to [0, 1] (some denoisers overshoot a little). Raises ValueError if
    ``denoise`` returns an image of another shape, NaN, or values far outside [0, 1].
    """
    images, restore = grey(images)
    out = []
    for image in images:
        result = np.asarray(denoise(image, **settings))
        if result.shape != image.shape:
            raise ValueError(
                f"{getattr(denoise, '__name__', denoise)} returned shape {result.shape} "
                f"for an image of shape {image.shape}; a denoiser must keep the shape."
            )
        out.append(check_unit(result, f"the output of {getattr(denoise, '__name__', denoise)}", OVERSHOOT))
    return restore(np.clip(np.stack(out), 0, 1).astype("float32"))


def bm3d_tiled(images, sigma_psd, tile=10):
    """BM3D (PyPI ``bm3d``) on mosaics of ``tile`` x ``tile`` images.

    The library spends about 0.3 s setting up each call whatever the image size, 15 times
    what a 28 x 28 image then takes; so the images are laid out side by side, ``tile²`` to a
    mosaic (the last one padded with black), denoised, and cut apart again. Block matching
    may then find similar blocks in a neighbouring digit too. ``sigma_psd``: the noise's
    standard deviation BM3D assumes, in pixel units. ``images`` as for ``each``.
    """
    import bm3d

    if isinstance(tile, bool) or not (isinstance(tile, (int, np.integer)) and tile >= 1):
        raise ValueError(f"tile must be a positive whole number of images per side, got {tile!r}")
    images, restore = grey(images)
    n, h, w = images.shape
    per_mosaic = tile * tile
    padded = np.concatenate([images, np.zeros((-n % per_mosaic, h, w))])
    mosaics = padded.reshape(-1, tile, tile, h, w).transpose(0, 1, 3, 2, 4).reshape(-1, tile * h, tile * w)
    done = np.stack([bm3d.bm3d(mosaic, sigma_psd=sigma_psd) for mosaic in mosaics])
    out = done.reshape(-1, tile, h, tile, w).transpose(0, 1, 3, 2, 4).reshape(-1, h, w)[:n]
    return restore(np.clip(out, 0, 1).astype("float32"))


def run_timed(denoise, images, setting, sigma):
    """``(denoise(images, setting, sigma), wall-clock seconds)``.

    For the five methods of ``METHODS`` the result comes from ``lib.result_cache`` when an
    earlier run computed it (with the seconds it took then); any other denoiser runs.
    """
    if any(denoise is method for method, _ in METHODS.values()):
        return compute_or_load(denoise, images, setting, sigma)
    with Stopwatch() as clock:
        denoised = denoise(images, setting, sigma)
    return denoised, clock.seconds


def tune(denoise, settings, noisy, clean, sigma):
    """Pick the setting of a denoiser that restores validation images best.

    ``denoise(noisy, setting, sigma)`` -> denoised batch; ``settings``: the values to try;
    ``noisy``, ``clean``: validation pairs in [0, 1] (never test images); ``sigma``: the
    noise level, told to the denoiser and used to undo the clipping bias of each output
    (``lib.noise.undo_clipping_bias``) before scoring. Returns ``(best setting, {setting: mean PSNR in dB})``.
    """
    if len(settings) == 0:
        raise ValueError("settings is empty: give at least one value to try")
    scores = {
        setting: float(
            per_image_psnr(undo_clipping_bias(run_timed(denoise, noisy, setting, sigma)[0], sigma), clean).mean()
        )
        for setting in settings
    }
    return max(scores, key=scores.get), scores


def gaussian_filter(images, width, sigma):
    """Each image blurred by a Gaussian of standard deviation ``width`` pixels (``sigma`` unused)."""
    return each(ndimage.gaussian_filter, images, sigma=width)


def median_filter(images, size, sigma):
    """Each pixel replaced by the median of its ``size`` x ``size`` neighbourhood (``sigma`` unused)."""
    return each(ndimage.median_filter, images, size=size)


def total_variation(images, k, sigma):
    """Chambolle's total-variation denoising with weight ``k * sigma``."""
    return each(restoration.denoise_tv_chambolle, images, weight=k * sigma)


def non_local_means(images, k, sigma):
    """Non-local means over 5 x 5 patches within 6 pixels, filter strength ``h = k * sigma``."""
    return each(restoration.denoise_nl_means, images, h=k * sigma, sigma=sigma, patch_size=5, patch_distance=6)


def bm3d(images, k, sigma):
    """BM3D told a noise level of ``k * sigma``, on mosaics of 100 images (``bm3d_tiled``)."""
    return bm3d_tiled(images, sigma_psd=k * sigma)


# name: (denoise(images, setting, sigma), the settings to try)
METHODS = {
    "Gaussian filter": (gaussian_filter, (0.4, 0.5, 0.6, 0.7, 0.8)),
    "median filter": (median_filter, (3, 5)),
    "total variation": (total_variation, (0.25, 0.35, 0.5, 0.7)),
    "non-local means": (non_local_means, (0.3, 0.4, 0.5, 0.6)),
    "BM3D": (bm3d, (0.5, 0.6, 0.7, 0.8)),
}


def tune_all(noisy, clean, sigma, methods=METHODS):
    """``tune`` every method of ``methods`` on the validation pairs ``noisy``, ``clean``.

    Prints, for each method, the mean PSNR (dB) of every setting tried and the one chosen.
    Returns ``{name: chosen setting}``.
    """
    settings = {}
    for name, (denoise, candidates) in methods.items():
        settings[name], scores = tune(denoise, candidates, noisy, clean, sigma)
        tried = "  ".join(f"{setting}: {psnr:.2f}" for setting, psnr in scores.items())
        print(f"{name:16} {tried}  ->  {settings[name]}")
    return settings


def score_all(board, noisy, settings, sigma, bm3d_indices, methods=METHODS):
    """Denoise ``noisy`` test images with every method at its setting, and score each on ``board``.

    ``board``: a ``lib.scoreboard.Scoreboard`` of the clean test images; ``noisy``: the
    matching noisy images; ``settings``: ``{name: setting}`` (from ``tune_all``). BM3D, slow,
    sees only the images ``bm3d_indices`` selects; the others all of them. Every output
    has the clipping bias undone (``lib.noise.undo_clipping_bias``) and is timed (``run_timed``).
    Prints one line of scores per method; returns ``{name: denoised images}``.
    """
    denoised = {}
    for name, (denoise, _) in methods.items():
        indices = np.asarray(bm3d_indices) if name == "BM3D" else np.arange(len(noisy))
        output, seconds = run_timed(denoise, noisy[indices], settings[name], sigma)
        denoised[name] = undo_clipping_bias(output, sigma)
        board.add(name, denoised[name], indices=indices, seconds=seconds)
    return denoised
