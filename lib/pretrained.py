"""A strong pretrained denoiser: scico's DnCNN-17, ported to Keras.

DnCNN (Zhang et al., 2017) is 17 convolutions of 3 x 3 with 64 filters: the first with a
ReLU, fifteen each followed by batch normalisation and a ReLU, and a last one that predicts
the noise, which is subtracted from the input. scico 0.0.7 (BSD-3-Clause, Los Alamos
National Laboratory; licence in ``lib/pretrained/LICENSE-scico.txt``) ships three trained
sets of weights: for Gaussian noise of standard deviation 0.06, 0.10 and 0.20 on the
[0, 1] scale (about 15, 25 and 51 on the 0-255 scale). ``tools/convert_scico_dncnn.py``
converted them once into ``lib/pretrained/scico_dncnn17.npz``; this module checks that
file's SHA-256 and builds the matching Keras model. As in scico's flax code, the
convolutions have no bias and pad by wrapping around the image (circular padding), batch
normalisation uses epsilon 1e-5 and its stored running statistics, and the output is not
clipped.
"""

import hashlib
from pathlib import Path

import keras
import numpy as np
from keras import layers

WEIGHTS = Path(__file__).resolve().parent / "pretrained" / "scico_dncnn17.npz"
WEIGHTS_SHA256 = "03a48f7be87a944bec2b21c834451090b10a90316e22c242e0be792c657db9dd"
TRAINED_SIGMAS = {"L": 0.06, "M": 0.10, "H": 0.20}  # on the [0, 1] scale
BLOCKS = 15


@keras.saving.register_keras_serializable(package="course")
class CircularPad(layers.Layer):
    """Pad (n, h, w, c) by ``width`` pixels on each side, wrapping around: (n, h+2w, w+2w, c)."""

    def __init__(self, width=1, **kwargs):
        super().__init__(**kwargs)
        self.width = width

    def call(self, x):
        k = self.width
        x = keras.ops.concatenate([x[:, -k:], x, x[:, :k]], axis=1)
        return keras.ops.concatenate([x[:, :, -k:], x, x[:, :, :k]], axis=2)

    def get_config(self):
        return {**super().get_config(), "width": self.width}


def _load_arrays():
    data = WEIGHTS.read_bytes() if WEIGHTS.exists() else b""
    if hashlib.sha256(data).hexdigest() != WEIGHTS_SHA256:
        raise RuntimeError(
            f"{WEIGHTS} is missing or is not the file this course was tested with (SHA-256 mismatch). "
            "Restore it from the repository (git checkout lib/pretrained), or rebuild it with "
            "tools/convert_scico_dncnn.py and update WEIGHTS_SHA256."
        )
    with np.load(WEIGHTS, allow_pickle=False) as stored:
        return {name: stored[name] for name in stored.files}


def variant_for(sigma):
    """The variant ("L", "M" or "H") trained at the noise level nearest ``sigma`` (0-1 scale)."""
    if not (isinstance(sigma, (int, float, np.floating)) and 0 < sigma < 1):
        raise ValueError(f"sigma is a noise standard deviation on the [0, 1] scale, in (0, 1); got {sigma!r}")
    return min(TRAINED_SIGMAS, key=lambda name: abs(np.log(TRAINED_SIGMAS[name] / sigma)))


def pretrained_dncnn(variant="M"):
    """scico's DnCNN-17 trained at one noise level, as a Keras model with its weights.

    ``variant``: "L", "M" or "H" (trained at sigma = 0.06, 0.10, 0.20 of [0, 1]). The model
    takes (n, h, w, 1) float32 grey images in [0, 1], any h and w, and returns the denoised
    (n, h, w, 1), not clipped. 557,952 parameters, 1,920 of them batch-norm running statistics.
    """
    if variant not in TRAINED_SIGMAS:
        raise ValueError(f"variant must be one of {sorted(TRAINED_SIGMAS)}, got {variant!r}")
    arrays = _load_arrays()
    conv = dict(kernel_size=3, padding="valid", use_bias=False)
    inputs = keras.Input(shape=(None, None, 1))
    y = layers.Conv2D(64, activation="relu", name="conv_start", **conv)(CircularPad()(inputs))
    for i in range(BLOCKS):
        y = layers.Conv2D(64, name=f"block{i}_conv", **conv)(CircularPad()(y))
        y = layers.BatchNormalization(epsilon=1e-5, name=f"block{i}_norm")(y)
        y = layers.ReLU()(y)
    noise = layers.Conv2D(1, name="conv_end", **conv)(CircularPad()(y))
    model = keras.Model(inputs, layers.Subtract()([inputs, noise]), name=f"dncnn17{variant}")
    get = lambda name: arrays[f"{variant}/{name}"]  # noqa: E731
    model.get_layer("conv_start").set_weights([get("conv_start")])
    model.get_layer("conv_end").set_weights([get("conv_end")])
    for i in range(BLOCKS):
        model.get_layer(f"block{i}_conv").set_weights([get(f"block{i}/kernel")])
        model.get_layer(f"block{i}_norm").set_weights(
            [get(f"block{i}/{part}") for part in ("scale", "bias", "mean", "var")]
        )
    return model
