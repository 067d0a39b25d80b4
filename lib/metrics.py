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


def per_image_ssim(images, references):
    """Structural similarity of each image with its reference, (n, h, w[, 1]) pairs -> (n,).

    Pixel values in [0, 1] (``data_range=1``), computed by
    ``skimage.metrics.structural_similarity`` over 7 x 7 windows. It compares local means,
    contrasts and correlations rather than single pixels: 1 means identical, 0 unrelated.
    """
    from skimage.metrics import structural_similarity

    images, references = np.asarray(images, dtype="float64"), np.asarray(references, dtype="float64")
    flat, _ = _paired(images, references)  # the same checks as the other metrics
    if images.ndim == 4 and images.shape[-1] == 1:
        images, references = images[..., 0], references[..., 0]
    if images.ndim != 3 or min(images.shape[1:]) < 7:
        raise ValueError(f"expected grey images (n, h, w) of at least 7 x 7 pixels, got shape {images.shape}")
    return np.array([structural_similarity(ref, img, data_range=1) for img, ref in zip(images, references)])


def describe(scores, unit="", digits=2):
    """``[21.3, 23.1, ...]`` -> ``'22.20 ± 0.90 dB'``: mean ± standard deviation, rounded."""
    scores = np.asarray(scores, dtype="float64")
    return f"{scores.mean():.{digits}f} ± {scores.std():.{digits}f}{' ' + unit if unit else ''}"
