"""How far an image is from its clean original.

Every metric takes a batch of images and the batch of their references, in the same layout
(``lib.images``: flat, square or with a channel axis; the batch axis first, also for one
image). References must be floats in [0, 1]; the images scored may overshoot that range by
``lib.images.OVERSHOOT`` (an unclipped model's output). uint8 images, NaN, infinity, values
on another scale and an image without its batch axis are refused with a clear error.
"""

import numpy as np

from lib.images import OVERSHOOT, check_batch, check_unit, grey


def _checked(images, references):
    """Both batches as float64 arrays of the same shape, after every check above."""
    images, references = np.asarray(images), np.asarray(references)
    if images.shape != references.shape:
        raise ValueError(f"shapes differ: {images.shape} vs {references.shape}; compare image with image")
    check_batch(images)
    images = check_unit(images, "images", overshoot=OVERSHOOT).astype("float64")
    return images, check_unit(references, "references").astype("float64")


def _paired(images, references):
    images, references = _checked(images, references)
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

    Pixel values in [0, 1] (``data_range=1``), over 7 x 7 windows: it compares local means,
    contrasts and correlations rather than single pixels: 1 means identical, 0 unrelated.
    The numbers are those of ``skimage.metrics.structural_similarity`` (its defaults, in
    float64), computed for the whole batch at once, which is twice as fast as one call per
    image; ``tests/test_metrics.py`` checks that they are equal to the last bit.
    """
    from scipy.ndimage import uniform_filter

    _checked(images, references)
    (images, _), (references, _) = grey(images, "images", OVERSHOOT), grey(references, "references")
    if min(images.shape[1:]) < 7:
        raise ValueError(f"expected grey images (n, h, w) of at least 7 x 7 pixels, got shape {images.shape}")
    window, c1, c2 = 7, 0.01**2, 0.03**2  # skimage's defaults: K1 = 0.01, K2 = 0.03, data range 1

    def local_mean(values):  # over each 7 x 7 window of each image, never across images
        return uniform_filter(values, size=(1, window, window))

    mean_x, mean_y = local_mean(references), local_mean(images)
    sample = window**2 / (window**2 - 1)  # sample covariance, as skimage
    var_x = sample * (local_mean(references * references) - mean_x * mean_x)
    var_y = sample * (local_mean(images * images) - mean_y * mean_y)
    cov_xy = sample * (local_mean(references * images) - mean_x * mean_y)
    ssim_map = ((2 * mean_x * mean_y + c1) * (2 * cov_xy + c2)) / ((mean_x**2 + mean_y**2 + c1) * (var_x + var_y + c2))
    border = (window - 1) // 2  # skimage leaves out the windows that reach past the edge
    return np.array([image[border:-border, border:-border].mean(dtype=np.float64) for image in ssim_map])


def describe(scores, unit="", digits=2):
    """``[21.3, 23.1, ...]`` -> ``'22.20 ± 0.90 dB'``: mean ± standard deviation, rounded."""
    scores = np.asarray(scores, dtype="float64")
    return f"{scores.mean():.{digits}f} ± {scores.std():.{digits}f}{' ' + unit if unit else ''}"
