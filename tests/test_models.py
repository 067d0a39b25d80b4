import lib  # noqa: F401  (quiet TensorFlow import)
import numpy as np

from lib.models import architecture, convolutional_autoencoder, simple_autoencoder
from lib.training import set_seed

# The article's layer table: output shape and parameters of every layer after the input.
ARTICLE_CONV_TABLE = [
    ((None, 28, 28, 16), 160),
    ((None, 14, 14, 16), 0),
    ((None, 14, 14, 8), 1160),
    ((None, 7, 7, 8), 0),
    ((None, 7, 7, 8), 584),
    ((None, 4, 4, 8), 0),
    ((None, 4, 4, 8), 584),
    ((None, 8, 8, 8), 0),
    ((None, 8, 8, 8), 584),
    ((None, 16, 16, 8), 0),
    ((None, 14, 14, 16), 1168),
    ((None, 28, 28, 16), 0),
    ((None, 28, 28, 1), 145),
]


def test_convolutional_autoencoder_matches_the_article_layer_by_layer():
    model = convolutional_autoencoder()
    table = [(tuple(layer.output.shape), layer.count_params()) for layer in model.layers[1:]]
    assert table == ARTICLE_CONV_TABLE
    assert model.count_params() == 4385
    assert model.loss == "binary_crossentropy" and type(model.optimizer).__name__ == "Adam"


def test_simple_autoencoder_shares_layers_with_its_encoder_and_decoder():
    autoencoder, encoder, decoder = simple_autoencoder()
    assert autoencoder.count_params() == 50992
    assert encoder.output.shape == (None, 32) and decoder.output.shape == (None, 784)
    x = np.random.default_rng(0).random((4, 784)).astype("float32")
    np.testing.assert_allclose(decoder(encoder(x)), autoencoder(x), atol=1e-6)  # called: no predict graphs to trace


def test_architecture_tells_models_apart_but_ignores_names_and_weights():
    set_seed(0)
    first = convolutional_autoencoder()
    set_seed(1)
    second = convolutional_autoencoder()
    assert architecture(first) == architecture(second)
    assert architecture(first) != architecture(simple_autoencoder()[0])
    assert architecture(simple_autoencoder(16)[0]) != architecture(simple_autoencoder(32)[0])


def test_set_seed_makes_initial_weights_repeatable():
    set_seed(3)
    first = [w.copy() for w in convolutional_autoencoder().get_weights()]
    set_seed(3)
    second = convolutional_autoencoder().get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(first, second))


def test_small_dncnn_subtracts_its_noise_estimate_and_clips():
    from lib.models import small_dncnn

    set_seed(0)
    model = small_dncnn()
    assert model.name == "dncnn" and model.count_params() == 9585
    assert model.input_shape == model.output_shape == (None, 28, 28, 1)
    assert model.loss == "mean_squared_error"
    assert small_dncnn("l1", loss="mean_absolute_error").loss == "mean_absolute_error"
    # with a zero noise estimate the network is the identity on [0, 1], clipped outside it
    last = model.layers[-3]  # the convolution that estimates the noise
    last.set_weights([np.zeros_like(w) for w in last.get_weights()])
    x = np.linspace(-0.5, 1.5, 784, dtype="float32").reshape(1, 28, 28, 1)
    np.testing.assert_allclose(model(x), np.clip(x, 0, 1), atol=1e-6)
