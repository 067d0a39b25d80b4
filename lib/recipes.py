"""One definition of each trained model that later chapters reuse, and the course's noise.

A recipe is everything that determines a trained model: the builder, the data it learns
from (inputs, targets and validation pairs), the number of epochs, the batch size and the
seed. ``train(recipe)`` seeds, builds and trains through ``lib.cache.fit_or_load``, so a
model one chapter trained is loaded, not trained again, by every later chapter.

The chapter that teaches a model writes its training out in full, then calls
``check(recipe, history)``: the recipe must describe that very training (the same cache
key: architecture, initial weights, data, epochs, batch size, seed). If an argument
drifts, the check fails there, instead of a later chapter silently training something
else for ten minutes.

The recipes, by the chapter that teaches them:

* ``dense_autoencoder()``, chapter 2: 784 -> 32 -> 784 on clean digits, 50 epochs (chapter 7
  trains other code sizes for 10);
* ``convolutional_autoencoder()``, chapter 3: the article's network, clean digits, 50 epochs;
* ``denoiser()``, chapter 4: the same network trained noisy -> clean, 50 epochs;
* ``dense_denoiser()``, chapter 5: the dense autoencoder trained noisy -> clean, 20 epochs;
* ``small_dncnn()``, chapter 6: the small DnCNN, noisy -> clean, squared error, 3 epochs;
* ``blind_dncnn()``, chapter 6: the same on noise levels drawn between 0 and 0.5 per image.

All train on ``lib.data.mnist_splits()`` with batches of 128 and seed 0.

The noise is the course's: σ = 0.2 clipped to [0, 1], a seeded draw of its own for each
split (``NOISE_SEEDS``), so that validation and test images never share noise with
training images. ``noisy_splits`` gives all three, ``noisy`` one of them.
"""

from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from lib import models
from lib.cache import fit_or_load, training_key
from lib.data import mnist_splits
from lib.noise import add_gaussian_noise
from lib.training import set_seed

SIGMA = 0.2
NOISE_SEEDS = {"train": 1, "valid": 2, "test": 3}
BLIND_SIGMA_RANGE = (0.0, 0.5)
BLIND_LEVEL_SEEDS = {"train": 4, "valid": 5}


def noisy(images, split, sigma=SIGMA):
    """``images`` with the course's noise for ``split`` ("train", "valid" or "test").

    ``images``: floats in [0, 1], shape (n, ...) in any layout (the draw does not depend on
    the shape, so flat and 28 x 28 copies of the same images get the same noise).
    ``sigma``: one number, or one per image. Returns float32, same shape.
    """
    if split not in NOISE_SEEDS:
        raise ValueError(f"split must be one of {sorted(NOISE_SEEDS)}, got {split!r}.")
    return add_gaussian_noise(images, sigma=sigma, seed=NOISE_SEEDS[split])


def noisy_splits(x_train, x_valid, x_test, sigma=SIGMA):
    """The noisy copies of the three splits that chapters 4 to 6 use: ``(train, valid, test)``.

    σ = 0.2 clipped to [0, 1] unless ``sigma`` says otherwise; seeds 1, 2 and 3.
    """
    return noisy(x_train, "train", sigma), noisy(x_valid, "valid", sigma), noisy(x_test, "test", sigma)


def blind_levels(split, count):
    """One noise level per image, uniform in ``BLIND_SIGMA_RANGE``, seeded per split."""
    if split not in BLIND_LEVEL_SEEDS:
        raise ValueError(f"split must be one of {sorted(BLIND_LEVEL_SEEDS)}, got {split!r}.")
    return np.random.default_rng(BLIND_LEVEL_SEEDS[split]).uniform(*BLIND_SIGMA_RANGE, size=count)


@dataclass(frozen=True)
class Recipe:
    """Everything that determines one trained model.

    ``build()`` returns a compiled model, or a tuple whose first item is one (the dense
    autoencoder comes with its encoder and decoder). ``data()`` returns ``(x, y,
    (x_valid, y_valid))``, float32 arrays in the layout the model reads.
    """

    name: str
    build: Callable
    data: Callable
    epochs: int
    batch_size: int = 128
    seed: int = 0


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {value!r}.")
    return int(value)


def _images(layout):
    """MNIST's three splits in [0, 1], flat ("flat": 784 numbers) or with a channel axis."""
    splits = mnist_splits()
    shape = (-1, 784) if layout == "flat" else (-1, 28, 28, 1)
    return tuple(images.reshape(shape) for images in (splits.x_train, splits.x_valid, splits.x_test))


def _clean(layout):
    x_train, x_valid, _ = _images(layout)
    return x_train, x_train, (x_valid, x_valid)


def _denoising(layout):
    x_train, x_valid, _ = _images(layout)
    return noisy(x_train, "train"), x_train, (noisy(x_valid, "valid"), x_valid)


def _blind():
    x_train, x_valid, _ = _images("images")
    train = noisy(x_train, "train", sigma=blind_levels("train", len(x_train)))
    valid = noisy(x_valid, "valid", sigma=blind_levels("valid", len(x_valid)))
    return train, x_train, (valid, x_valid)


def dense_autoencoder(code_size=32, epochs=50):
    """Chapter 2's dense autoencoder, 784 -> ``code_size`` -> 784, on clean digits.

    Chapter 7 trains the other code sizes for 10 epochs. Builds ``(autoencoder, encoder,
    decoder)``.
    """
    code_size, epochs = _positive_int(code_size, "code_size"), _positive_int(epochs, "epochs")
    return Recipe(
        f"dense_autoencoder(code_size={code_size}, epochs={epochs})",
        lambda: models.simple_autoencoder(code_size),
        lambda: _clean("flat"),
        epochs,
    )


def convolutional_autoencoder():
    """Chapter 3's convolutional autoencoder (the article's), on clean digits, 50 epochs."""
    return Recipe("convolutional_autoencoder()", models.convolutional_autoencoder, lambda: _clean("images"), 50)


def denoiser():
    """Chapter 4's denoiser: the convolutional autoencoder trained noisy -> clean, 50 epochs."""
    return Recipe(
        "denoiser()", lambda: models.convolutional_autoencoder(name="denoiser"), lambda: _denoising("images"), 50
    )


def dense_denoiser():
    """Chapter 5's dense autoencoder (784 -> 32 -> 784) trained noisy -> clean, 20 epochs."""
    return Recipe("dense_denoiser()", models.simple_autoencoder, lambda: _denoising("flat"), 20)


def small_dncnn():
    """Chapter 6's small DnCNN, noisy (σ = 0.2) -> clean, 3 epochs."""
    return Recipe("small_dncnn()", lambda: models.small_dncnn("dncnn"), lambda: _denoising("images"), 3)


def blind_dncnn():
    """Chapter 6's blind DnCNN: the small DnCNN on σ drawn per image in [0, 0.5], 3 epochs."""
    return Recipe("blind_dncnn()", lambda: models.small_dncnn("blind_dncnn"), _blind, 3)


def _build(recipe):
    set_seed(recipe.seed)
    built = recipe.build()
    return built, built[0] if isinstance(built, tuple) else built


def train(recipe):
    """Seed, build and train ``recipe`` (or load it from the model cache).

    Returns ``(built, history)``: what the builder returned (a model, or the dense
    autoencoder's ``(autoencoder, encoder, decoder)``), trained, and the
    ``keras.callbacks.History`` of ``fit_or_load``. Prints the one line ``fit_or_load`` prints.
    """
    if not isinstance(recipe, Recipe):
        raise TypeError(f"train needs a lib.recipes.Recipe, such as lib.recipes.denoiser(); got {recipe!r}.")
    built, model = _build(recipe)
    x, y, validation = recipe.data()
    history = fit_or_load(
        model, x, y, epochs=recipe.epochs, batch_size=recipe.batch_size, validation_data=validation, seed=recipe.seed
    )
    return built, history


def check(recipe, history):
    """Raise unless ``history`` (from ``fit_or_load``) is the training ``recipe`` describes.

    Compares cache keys: architecture, initial weights, data, epochs, batch size and seed.
    Costs a model build and hashing the data, no training. It re-seeds the random
    generators (``set_seed(recipe.seed)``), as any build does.
    """
    if not isinstance(recipe, Recipe):
        raise TypeError(f"check needs a lib.recipes.Recipe, such as lib.recipes.denoiser(); got {recipe!r}.")
    if getattr(history, "key", None) is None:
        raise TypeError("check needs the History that lib.cache.fit_or_load returned (it carries the training key).")
    _, model = _build(recipe)
    x, y, validation = recipe.data()
    if training_key(model, x, y, validation, recipe.epochs, recipe.batch_size, recipe.seed) != history.key:
        raise AssertionError(
            f"this training is not lib.recipes.{recipe.name}: the model, its initial weights, the data, "
            "the epochs, the batch size or the seed differ. Change the chapter or the recipe so they agree."
        )
    print(f"lib.recipes.{recipe.name} trains this same model")
