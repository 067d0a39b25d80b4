"""Photographs that ship inside installed packages, their licences, and the chapter's split.

Nothing here downloads anything: every photo is read from a file inside scikit-image,
scikit-learn or matplotlib. Each is free to reuse (public domain, CC0 or CC BY 2.0); the
licence and credit of each is in ``PHOTOS``. Photos come back as float64 arrays in [0, 1]:
(h, w) grey, or (h, w, 3) RGB.

The split is fixed: patches for training are cut from the training photos, anything tuned
is tuned on the validation photos, and the test photos choose nothing. None of the test
photos is in BSDS500, the 500 Berkeley photos that DnCNN weights are usually trained on.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Photo:
    """One photo: where it is, its split, and who may use it how."""

    name: str
    split: str  # "train", "validation" or "test"
    licence: str
    credit: str
    jpeg: bool = False  # stored as JPEG: its "clean" version already carries compression artefacts


PHOTOS = [
    Photo("camera", "test", "CC0", "Lav Varshney (scikit-image)"),
    Photo("astronaut", "test", "public domain", "NASA, Eileen Collins (scikit-image)"),
    Photo("coffee", "test", "CC0", "Rachel Michetti, Pikolo Espresso Bar (scikit-image)"),
    Photo("chelsea", "test", "CC0", "Stefan van der Walt (scikit-image)"),
    Photo("brick", "test", "CC0", "CC0Textures (scikit-image)"),
    Photo("rocket", "validation", "public domain", "SpaceX (scikit-image)"),
    Photo("grass", "validation", "CC0", "CC0Textures (scikit-image)"),
    Photo("clock", "train", "public domain", "Stefan van der Walt (scikit-image)"),
    Photo("coins", "train", "no known copyright restrictions", "Brooklyn Museum (scikit-image)"),
    Photo("gravel", "train", "CC0", "CC0Textures (scikit-image)"),
    Photo("hubble_deep_field", "train", "public domain", "NASA (scikit-image)"),
    Photo(
        "immunohistochemistry",
        "train",
        "no known copyright restrictions",
        "Center for Microscopy and Molecular Imaging (scikit-image)",
    ),
    Photo("retina", "train", "CC0", "Mikael Häggström, Wikimedia Commons (scikit-image)"),
    Photo("china", "train", "CC BY 2.0", "danielbuechele on Flickr (scikit-learn)", jpeg=True),
    Photo("flower", "train", "CC BY 2.0", "vultilion on Flickr (scikit-learn)", jpeg=True),
    Photo("grace_hopper", "train", "public domain", "U.S. Navy (matplotlib sample data)", jpeg=True),
]
SPLITS = ("train", "validation", "test")


def _read(name):
    """The photo ``name`` as uint8, (h, w) or (h, w, 3), from the package that ships it."""
    if name in ("china", "flower"):
        from sklearn.datasets import load_sample_image

        return load_sample_image(f"{name}.jpg")
    if name == "grace_hopper":
        import matplotlib
        from PIL import Image

        path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
        return np.asarray(Image.open(path).convert("RGB"))
    import skimage.data

    return getattr(skimage.data, name)()


def load_photo(name, colour=False):
    """Photo ``name`` in [0, 1]: (h, w) float64 grey, or (h, w, 3) RGB when ``colour``.

    Grey is the luminance Y = 0.2125 R + 0.7154 G + 0.0721 B (``skimage.color.rgb2gray``).
    A photo that is grey to begin with cannot be given in colour.
    """
    from skimage.color import rgb2gray

    known = {photo.name for photo in PHOTOS}
    if name not in known:
        raise ValueError(f"unknown photo {name!r}; choose one of {sorted(known)}")
    image = np.asarray(_read(name))
    if image.ndim == 3 and image.shape[-1] == 4:  # an alpha channel: drop it
        image = image[..., :3]
    image = image.astype("float64") / 255.0
    if colour:
        if image.ndim != 3:
            raise ValueError(f"photo {name!r} is grey; it has no colour version")
        return image
    return rgb2gray(image) if image.ndim == 3 else image


def photo_split():
    """``{"train": [names], "validation": [names], "test": [names]}``, in ``PHOTOS`` order."""
    return {split: [photo.name for photo in PHOTOS if photo.split == split] for split in SPLITS}


def centre_crop(image, size):
    """The central ``size`` x ``size`` pixels of an (h, w[, c]) image."""
    h, w = image.shape[:2]
    if size > min(h, w):
        raise ValueError(f"cannot cut {size} x {size} pixels out of a {h} x {w} image")
    top, left = (h - size) // 2, (w - size) // 2
    return image[top : top + size, left : left + size]


def add_white_noise(image, sigma, seed):
    """``image`` plus Gaussian noise of standard deviation ``sigma`` (0-1 scale), NOT clipped.

    The protocol of the denoising literature (DnCNN, FFDNet, DRUNet): additive white
    Gaussian noise, zero-mean, kept outside [0, 1]. Same shape as ``image``, float64.
    """
    if not (np.isfinite(sigma) and sigma >= 0):
        raise ValueError(f"sigma must be a finite number >= 0, got {sigma!r}")
    return image + np.random.default_rng(seed).normal(0.0, sigma, np.shape(image))


def random_patches(images, size, count, seed):
    """``count`` random ``size`` x ``size`` crops, taken in turn from each (h, w) image: (count, size, size, 1) float32."""
    if not images:
        raise ValueError("no images to cut patches from")
    for image in images:
        if min(image.shape[:2]) < size:
            raise ValueError(f"an image of {image.shape[0]} x {image.shape[1]} is smaller than a {size}-pixel patch")
    rng = np.random.default_rng(seed)
    patches = []
    for index in range(count):
        image = images[index % len(images)]
        top, left = rng.integers(0, image.shape[0] - size + 1), rng.integers(0, image.shape[1] - size + 1)
        patches.append(image[top : top + size, left : left + size])
    return np.stack(patches)[..., np.newaxis].astype("float32")


def noisy_patch_pipeline(patches, batch_size, sigma_range, seed):
    """A ``tf.data`` pipeline of ((noisy, sigma map), clean) batches, endlessly, the same every time.

    ``patches``: (n, s, s, 1) clean patches in [0, 1]. Each time a patch comes round it is
    turned by a random multiple of 90 degrees and maybe mirrored, and gets fresh Gaussian
    noise (not clipped) whose sigma is drawn uniformly from ``sigma_range`` (0-1 scale).
    The sigma map is an (s, s, 1) array filled with that sigma, so the network is told the
    noise level. Every random draw is a stateless function of ``seed`` and the patch's
    position in the stream, so each iteration gives the very same batches (which the model
    cache relies on). Batches: (batch_size, s, s, 1) float32, three of them.
    """
    import tensorflow as tf

    low, high = sigma_range
    if not 0 <= low < high < 1:
        raise ValueError(f"sigma_range must be (low, high) with 0 <= low < high < 1, got {sigma_range!r}")

    @tf.autograph.experimental.do_not_convert  # plain TensorFlow ops: nothing for AutoGraph to rewrite
    def augment(position, clean):
        key = tf.stack([tf.cast(position, tf.int32), tf.constant(seed, tf.int32)])
        turn = tf.random.stateless_uniform([], key, 0, 8, dtype=tf.int32)
        clean = tf.image.rot90(clean, turn % 4)
        clean = tf.cond(turn >= 4, lambda: tf.image.flip_left_right(clean), lambda: clean)
        sigma = tf.random.stateless_uniform([], key + 1, low, high)
        noisy = clean + sigma * tf.random.stateless_normal(tf.shape(clean), key + 2)
        return (noisy, tf.fill(tf.shape(clean), sigma)), clean

    stream = tf.data.Dataset.from_tensor_slices(patches).repeat().enumerate()
    return stream.map(augment, num_parallel_calls=2, deterministic=True).batch(batch_size).prefetch(2)


def add_poisson_gaussian_noise(image, peak, read_sigma, seed):
    """Camera-like noise: photon (Poisson) noise for a pixel of value 1 catching ``peak`` photons, plus read noise.

    ``image`` in [0, 1]; returns Poisson(peak * image) / peak + Normal(0, read_sigma), not
    clipped. Its variance, image / peak + read_sigma², grows with the brightness.
    """
    if not (peak > 0 and read_sigma >= 0):
        raise ValueError(f"peak must be > 0 and read_sigma >= 0, got {peak!r} and {read_sigma!r}")
    rng = np.random.default_rng(seed)
    return rng.poisson(peak * np.asarray(image)) / peak + rng.normal(0.0, read_sigma, np.shape(image))


def anscombe(noisy, peak, read_sigma):
    """The generalised Anscombe transform: Poisson-Gaussian noise -> noise of variance about 1.

    For ``z = Poisson(peak x) / peak + Normal(0, read_sigma)``, ``2 sqrt(peak z + 3/8 + (peak read_sigma)²)``
    has nearly unit variance whatever x (Murtagh, Starck and Bijaoui, 1995).
    """
    return 2 * np.sqrt(np.maximum(peak * noisy + 3 / 8 + (peak * read_sigma) ** 2, 0))


def inverse_anscombe(stabilised, peak, read_sigma):
    """Back from ``anscombe``'s scale to [0, 1] intensities, by the closed-form unbiased inverse for Poisson.

    Makitalo and Foi's (2011) approximation of the exact unbiased inverse, which removes
    the bias that simply inverting the square root leaves at low photon counts.
    """
    d = np.maximum(stabilised, 1e-6)
    poisson = d**2 / 4 + np.sqrt(3 / 2) / (4 * d) - 11 / (8 * d**2) + 5 * np.sqrt(3 / 2) / (8 * d**3) - 1 / 8
    return (poisson - (peak * read_sigma) ** 2) / peak
