"""Classical denoisers on batches of small images, and a fair way to tune them.

The denoisers themselves are one-liners around scikit-image, SciPy and PyPI's ``bm3d``
(the chapter shows them); this module runs them over a batch (``each``, ``bm3d_tiled``)
and picks their settings on validation images (``tune``).
"""

import numpy as np

from lib.metrics import per_image_psnr
from lib.images import OVERSHOOT, check_unit, grey
from lib.noise import undo_clipping_bias


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
        setting: float(per_image_psnr(undo_clipping_bias(denoise(noisy, setting, sigma), sigma), clean).mean())
        for setting in settings
    }
    return max(scores, key=scores.get), scores
