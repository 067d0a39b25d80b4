"""How far an image is from its clean original."""

import numpy as np


def _paired(images, references):
    images, references = np.asarray(images, dtype="float64"), np.asarray(references, dtype="float64")
    if images.shape != references.shape:
        raise ValueError(f"shapes differ: {images.shape} vs {references.shape}; compare image with image")
    if images.size == 0 or images.ndim < 2:
        raise ValueError(f"expected a non-empty batch of images (n, ...), got shape {images.shape}")
    return images.reshape(len(images), -1), references.reshape(len(references), -1)


def per_image_mse(images, references):
    """Mean squared error of each image against its reference: (n, ...) pairs -> (n,).

    Pixel values in [0, 1]; each entry is in those units squared. This is the
    reconstruction error an autoencoder makes on each image.
    """
    images, references = _paired(images, references)
    return np.mean((images - references) ** 2, axis=1)


def mean_squared_error(images, references):
    """Mean squared error over all pixels of a batch: (n, ...) pairs -> one float.

    Pixel values in [0, 1]; the result is in those units squared (0 = identical). Every
    image has the same number of pixels, so this is the mean of ``per_image_mse``.
    """
    return float(per_image_mse(images, references).mean())


def per_image_psnr(images, references):
    """Peak signal-to-noise ratio of each image in dB, (n, ...) pairs -> (n,).

    Pixel values in [0, 1] (``data_range=1``): PSNR = 10 log10(1 / MSE), computed by
    ``skimage.metrics.peak_signal_noise_ratio``. Higher is better; identical images give inf.
    """
    from skimage.metrics import peak_signal_noise_ratio

    images, references = _paired(images, references)
    with np.errstate(divide="ignore"):  # an exact copy has MSE 0: its PSNR is inf, not a warning
        return np.array([peak_signal_noise_ratio(ref, img, data_range=1) for img, ref in zip(images, references)])
