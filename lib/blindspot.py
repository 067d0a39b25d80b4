"""Training pairs for a blind-spot denoiser, made from single noisy images (Noise2Void style).

A network that sees a pixel's own noisy value can lower a loss against that same noisy
value by copying it. ``blind_spot_pairs`` hides a random few pixels of each input behind
the value of a random neighbour and returns weights that are 1 on those pixels only, so
that ``fit(inputs, noisy, sample_weight=weights)`` scores the network only where it could
not see the answer.
"""

import numpy as np

from lib.images import check_unit

NEIGHBOURS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]


def blind_spot_pairs(noisy, fraction=0.05, seed=0):
    """Mask a share ``fraction`` of the pixels of every image; return ``(inputs, weights)``.

    ``noisy``: (n, h, w) or (n, h, w, 1) floats in [0, 1]. Each image gets its own seeded
    random set of round(fraction · h · w) pixels (at least one); each of them takes the value
    of one of its eight neighbours, picked at random (mirrored at the border). ``inputs``
    has the shape of ``noisy`` (float32); ``weights`` is (n, h, w) float32, 1 on the masked
    pixels and 0 elsewhere, ready for Keras' ``sample_weight``.
    """
    noisy = check_unit(noisy, "noisy")
    grey = noisy[..., 0] if noisy.ndim == 4 and noisy.shape[-1] == 1 else noisy
    if grey.ndim != 3:
        raise ValueError(f"expected grey images (n, h, w) or (n, h, w, 1), got shape {noisy.shape}")
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1 (the share of pixels to mask), got {fraction!r}")
    n, h, w = grey.shape
    count = max(1, round(fraction * h * w))
    rng = np.random.default_rng(seed)
    chosen = np.argsort(rng.random((n, h * w)), axis=1)[:, :count]  # distinct pixels per image
    rows, cols = np.divmod(chosen, w)
    shift = np.array(NEIGHBOURS)[rng.integers(len(NEIGHBOURS), size=(n, count))]
    mirror = lambda index, size: np.abs(size - 1 - np.abs(size - 1 - index))  # noqa: E731  (-1 -> 1, size -> size - 2)
    images = np.arange(n)[:, np.newaxis]
    masked = grey.astype("float32").copy()
    masked[images, rows, cols] = grey[images, mirror(rows + shift[..., 0], h), mirror(cols + shift[..., 1], w)]
    weights = np.zeros((n, h, w), dtype="float32")
    weights[images, rows, cols] = 1.0
    return masked.reshape(noisy.shape), weights
