"""Bytes per image: what lossless and lossy codecs need to store one 28 x 28 grey image.

Every function takes the images as they are stored, uint8 grey levels 0..255, shape
(n, 28, 28) (``to_uint8`` turns [0, 1] floats into that), compresses each image on its
own and returns the sizes in bytes, shape (n,); ``gzip_size_together`` compresses them
as one file instead. Lossy codecs also return what a reader
would decode, so that its quality can be measured.
"""

import gzip
import io

import numpy as np
from PIL import Image

from lib.images import check_uint8 as _check_images
from lib.images import to_uint8  # noqa: F401  (chapter 7 imports it from here)


def gzip_sizes(images):
    """Bytes of each image's 784 raw bytes after gzip (level 9, the ``.gz`` file format)."""
    images = _check_images(images)
    return np.array([len(gzip.compress(image.tobytes(), compresslevel=9, mtime=0)) for image in images])


def gzip_size_together(images):
    """Bytes per image when all images are gzip'd as one file (level 9): total / n, a float.

    One file lets gzip reuse patterns across images and pays its header once.
    """
    images = _check_images(images)
    return len(gzip.compress(images.tobytes(), compresslevel=9, mtime=0)) / len(images)


def png_sizes(images):
    """Bytes of each image saved as an 8-bit grey PNG by Pillow (``optimize=True``); lossless."""
    images = _check_images(images)
    sizes = []
    for image in images:
        buffer = io.BytesIO()
        Image.fromarray(image, mode="L").save(buffer, format="PNG", optimize=True)
        sizes.append(buffer.tell())
    return np.array(sizes)


def jpeg_roundtrip(images, quality):
    """Save each image as a grey JPEG at ``quality`` (1..95, Pillow's scale) and read it back.

    Returns ``(sizes, decoded)``: bytes per image, shape (n,), and the decoded images,
    uint8 with the input's shape.
    """
    images = _check_images(images)
    if isinstance(quality, bool) or not (isinstance(quality, (int, np.integer)) and 1 <= quality <= 95):
        raise ValueError(f"quality must be an integer from 1 to 95, got {quality!r}")
    sizes, decoded = [], []
    for image in images:
        buffer = io.BytesIO()
        Image.fromarray(image, mode="L").save(buffer, format="JPEG", quality=quality)
        sizes.append(buffer.tell())
        buffer.seek(0)
        decoded.append(np.asarray(Image.open(buffer).convert("L")))
    return np.array(sizes), np.stack(decoded)


def quantise_codes(codes, high):
    """Store each code value in one byte: 256 even levels from 0 to ``high``.

    ``codes``: float array (n, code_size) of non-negative values (ReLU outputs); values
    above ``high`` are clipped to it. ``high`` is shared by all images (the decoder's
    side knows it), so a code costs exactly ``code_size`` bytes. Returns uint8, same shape.
    """
    codes = np.asarray(codes, dtype="float32")
    if codes.size == 0:
        raise ValueError(f"no codes to quantise: the array is empty (shape {codes.shape})")
    if not np.all(np.isfinite(codes)):
        bad = np.count_nonzero(~np.isfinite(codes))
        raise ValueError(f"codes hold {bad} NaN or infinite values; check the encoder.")
    if not (high > 0 and np.isfinite(high)):
        raise ValueError(f"high must be a positive, finite number, got {high!r}")
    return np.round(np.clip(codes, 0, high) / high * 255).astype(np.uint8)


def dequantise_codes(quantised, high):
    """Inverse of ``quantise_codes``: uint8 levels -> float32 code values in [0, high]."""
    quantised = np.asarray(quantised)
    if quantised.dtype != np.uint8:
        raise TypeError(f"expected the uint8 output of quantise_codes, got {quantised.dtype}")
    return quantised.astype("float32") / 255 * np.float32(high)
