"""The course's image layouts, and the one place that converts between them and checks them.

An image batch comes in one of two value scales and three shapes:

* **scale**: uint8 grey levels 0..255 (as MNIST is stored and as codecs read it), or
  floats in [0, 1] (what the models read and the metrics score; 0 is black);
* **shape**: flat ``(n, h*w)`` rows (the dense models), square ``(n, h, w)``, or
  ``(n, h, w, 1)`` with a channel axis (the convolutional models).

The batch axis always comes first, also for one image: ``image[np.newaxis]``. Every helper
here raises a clear error, saying what it found and what to do, instead of guessing.
"""

import math

import numpy as np

#: How far outside [0, 1] a model's output may stray and still be scored: an unclipped
#: (residual) network can overshoot a little, but a value beyond this is the wrong scale.
OVERSHOOT = 0.5


def scale_to_unit(images):
    """uint8 grey levels 0..255 -> float32 in [0, 1], same shape."""
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise TypeError(f"expected uint8 grey levels 0..255, got {images.dtype}; scale only raw images.")
    return images.astype("float32") / 255.0


def to_uint8(images):
    """Floats in [0, 1], any shape -> uint8 grey levels 0..255 (rounded), same shape."""
    images = check_unit(images)
    return np.round(images * 255).astype(np.uint8)


def check_unit(images, name="images", overshoot=0.0):
    """``images`` as an array, after checking that it is a non-empty float array in [0, 1].

    ``overshoot``: how far outside [0, 1] values may lie (``OVERSHOOT`` for a model's
    output). NaN and infinity are always refused. Raises TypeError for integer or boolean
    images (divide uint8 by 255 first) and ValueError for empty arrays or values out of range.
    """
    images = np.asarray(images)
    if not np.issubdtype(images.dtype, np.floating):
        raise TypeError(
            f"{name} must be floats in [0, 1], got dtype {images.dtype}; "
            f"divide uint8 images by 255 first (lib.images.scale_to_unit)."
        )
    if images.size == 0:
        raise ValueError(f"{name} is empty (shape {images.shape}).")
    if not np.all(np.isfinite(images)):
        raise ValueError(f"{name} holds {np.count_nonzero(~np.isfinite(images))} NaN or infinite values.")
    low, high = float(images.min()), float(images.max())
    if low < -overshoot or high > 1.0 + overshoot:
        hint = " (grey levels 0..255? divide by 255)" if high > 2 else ""
        allowed = "[0, 1]" if overshoot == 0 else f"[{-overshoot:g}, {1 + overshoot:g}]"
        raise ValueError(f"{name} must lie in {allowed}, found values from {low:.3g} to {high:.3g}{hint}.")
    return images


def check_uint8(images, name="images"):
    """``images`` after checking that it is a non-empty uint8 batch of shape (n, height, width)."""
    images = np.asarray(images)
    if images.dtype != np.uint8 or images.ndim != 3:
        raise ValueError(
            f"expected uint8 {name} of shape (n, height, width), got {images.dtype} {images.shape}; "
            f"convert [0, 1] floats with lib.images.to_uint8."
        )
    if images.size == 0:
        raise ValueError(f"{name} is empty (shape {images.shape}).")
    return images


def check_batch(images, name="images"):
    """``images`` after checking it is a non-empty batch in one of the three layouts.

    A 2-D array is read as flat rows, so each row must hold a square number of pixels; a
    3-D array ending in an axis of 1 is taken for one image with a channel axis and refused.
    """
    images = np.asarray(images)
    one_image = "; for one image, add the batch axis: image[np.newaxis]"
    if images.ndim < 2 or images.ndim > 4 or images.size == 0:
        raise ValueError(f"expected a non-empty batch of images (n, ...), got {name} of shape {images.shape}")
    if images.ndim == 2 and math.isqrt(images.shape[1]) ** 2 != images.shape[1]:
        raise ValueError(
            f"{name} of shape {images.shape} would be {images.shape[0]} flat images of "
            f"{images.shape[1]} pixels, not a square number{one_image}"
        )
    if images.ndim == 3 and images.shape[-1] == 1:
        raise ValueError(f"{name} of shape {images.shape} looks like one image with a channel axis{one_image}")
    return images


def as_square(images, side=None):
    """(n, side*side), (n, h, w) or (n, h, w, 1) -> (n, h, w), same values and dtype.

    ``side``: the expected height and width, or None to accept any (flat rows must then
    hold a square number of pixels).
    """
    images = np.asarray(images)
    if images.ndim == 2 and images.shape[0] > 0:
        root = math.isqrt(images.shape[1])
        if root * root == images.shape[1] and side in (None, root):
            return images.reshape(-1, root, root)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim == 3 and images.shape[1] == images.shape[2] and side in (None, images.shape[1]):
        return images
    n = f"{side}" if side else "s"
    raise ValueError(f"expected images of shape (n, {n}*{n}), (n, {n}, {n}) or (n, {n}, {n}, 1), got {images.shape}")


def grey(images, name="images", overshoot=0.0):
    """(n, h, w) or (n, h, w, 1) floats in [0, 1] -> (n, h, w) float64, and a function that
    puts a result of that shape back into the input's layout (adding the channel axis again).

    ``overshoot`` as for ``check_unit``."""
    images = check_unit(images, name, overshoot)
    if images.ndim == 4 and images.shape[-1] == 1:
        return images[..., 0].astype("float64"), lambda out: out[..., np.newaxis]
    if images.ndim != 3:
        raise ValueError(f"expected grey {name} (n, h, w) or (n, h, w, 1), got shape {images.shape}")
    return images.astype("float64"), lambda out: out
