"""How far an image is from its clean original."""

import numpy as np


def mean_squared_error(images, references):
    """Mean over all pixels of (images - references)², for arrays of the same shape.

    Pixel values in [0, 1]; the result is in those units squared (0 = identical).
    """
    images, references = np.asarray(images, dtype="float64"), np.asarray(references, dtype="float64")
    if images.shape != references.shape:
        raise ValueError(f"shapes differ: {images.shape} vs {references.shape}; compare image with image")
    if images.size == 0:
        raise ValueError("no pixels to compare: the arrays are empty")
    return float(np.mean((images - references) ** 2))
