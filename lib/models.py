"""The course's networks, for chapters that reuse them after a chapter has shown them.

Chapter 2 writes the dense autoencoder out layer by layer, chapter 3 the convolutional
one, chapter 6 the small DnCNN; each chapter then checks that what it trained is what
``lib.recipes`` trains with the builder here, so a later chapter that calls a builder
trains exactly what the reader saw.
"""

import keras
from keras import layers


def simple_autoencoder(code_size=32):
    """Dense 784 -> ``code_size`` (relu) -> 784 (sigmoid); Adam, binary cross-entropy.

    Returns ``(autoencoder, encoder, decoder)``: three models over the same two layers, so
    training the autoencoder trains the encoder (784 -> code) and decoder (code -> 784).
    """
    inputs = keras.Input(shape=(784,))
    encode = layers.Dense(code_size, activation="relu")
    decode = layers.Dense(784, activation="sigmoid")
    autoencoder = keras.Model(inputs, decode(encode(inputs)), name="simple_autoencoder")
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    codes = keras.Input(shape=(code_size,))
    return autoencoder, keras.Model(inputs, encode(inputs)), keras.Model(codes, decode(codes))


def convolutional_autoencoder(name="convolutional_autoencoder"):
    """The article's convolutional autoencoder: (28, 28, 1) -> (4, 4, 8) -> (28, 28, 1).

    4,385 parameters; Adam, binary cross-entropy. The second-to-last convolution uses
    ``padding='valid'`` to turn 16 x 16 into 14 x 14, so that the last up-sampling lands
    on 28 x 28. ``name`` names the model (a denoiser is the same network, trained otherwise).
    """
    inputs = keras.Input(shape=(28, 28, 1))
    x = inputs
    for filters in (16, 8, 8):
        x = layers.Conv2D(filters, 3, activation="relu", padding="same")(x)
        x = layers.MaxPooling2D(padding="same")(x)
    for filters, padding in ((8, "same"), (8, "same"), (16, "valid")):
        x = layers.Conv2D(filters, 3, activation="relu", padding=padding)(x)
        x = layers.UpSampling2D()(x)
    outputs = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)
    autoencoder = keras.Model(inputs, outputs, name=name)
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    return autoencoder


def small_dncnn(name="dncnn", loss="mean_squared_error"):
    """Chapter 6's small DnCNN: (n, 28, 28, 1) noisy images in [0, 1] -> (n, 28, 28, 1) in [0, 1].

    Five 3 x 3 convolutions of 16 filters (ReLU) at full resolution, then one of a single
    filter that estimates the noise (any sign); the output is the input minus that
    estimate, clipped to [0, 1] by a ReLU capped at 1. 9,585 parameters; Adam. ``loss``:
    any Keras loss name, the squared error by default (``"mean_absolute_error"`` for L1).
    ``name`` names the model ("blind_dncnn" for the one trained on many noise levels).
    """
    inputs = keras.Input(shape=(28, 28, 1))
    x = inputs
    for _ in range(5):
        x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    noise = layers.Conv2D(1, 3, padding="same")(x)  # the estimated noise, any sign
    outputs = layers.ReLU(max_value=1.0)(layers.Subtract()([inputs, noise]))
    model = keras.Model(inputs, outputs, name=name)
    model.compile(optimizer="adam", loss=loss)
    return model


def architecture(model):
    """What defines a model apart from its weights and names, as a list of plain tuples.

    One ``(layer class, output shape, parameter count, configuration)`` per layer, where the
    configuration leaves out the layer's name; plus the optimizer's class and the loss.
    Two models with equal ``architecture`` train identically from the same seed.
    """
    rows = []
    for layer in model.layers:
        config = {key: value for key, value in layer.get_config().items() if key != "name"}
        rows.append((type(layer).__name__, tuple(layer.output.shape), layer.count_params(), repr(config)))
    optimizer = type(model.optimizer).__name__ if model.optimizer else None
    return rows + [("compile", optimizer, repr(getattr(model, "loss", None)))]
