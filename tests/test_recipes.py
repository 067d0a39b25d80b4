import lib  # noqa: F401  (quiet TensorFlow import)
import numpy as np
import pytest

from lib import recipes
from lib.cache import CACHE_VARIABLE, fit_or_load
from lib.data import MnistSplits
from lib.models import architecture, simple_autoencoder, small_dncnn
from lib.noise import add_gaussian_noise
from lib.training import set_seed

IMAGES = np.random.default_rng(0).random((6, 28, 28, 1)).astype("float32")


@pytest.fixture
def small_splits(monkeypatch):
    """``mnist_splits`` as the recipes see it, with 8 training, 4 validation and 2 test images."""
    rng = np.random.default_rng(2)
    images = [rng.random((count, 28, 28)).astype("float32") for count in (8, 4, 2)]
    splits = MnistSplits(images[0], np.zeros(8), images[1], np.zeros(4), images[2], np.zeros(2))
    monkeypatch.setattr(recipes, "mnist_splits", lambda: splits)
    return splits


def test_small_dncnn_keeps_full_resolution_and_subtracts_its_noise_estimate():
    model = small_dncnn()
    assert model.name == "dncnn" and small_dncnn("blind_dncnn").name == "blind_dncnn"
    assert model.count_params() == 9585
    assert [tuple(layer.output.shape) for layer in model.layers if type(layer).__name__ == "Conv2D"] == (
        [(None, 28, 28, 16)] * 5 + [(None, 28, 28, 1)]
    )
    assert model.loss == "mean_squared_error" and type(model.optimizer).__name__ == "Adam"
    # with the noise estimate set to zero the network passes its input straight through
    model.layers[-3].set_weights([np.zeros_like(weights) for weights in model.layers[-3].get_weights()])
    np.testing.assert_array_equal(model(IMAGES), IMAGES)  # called: no predict graph to trace


def test_small_dncnn_output_stays_in_unit_range():
    set_seed(0)
    output = np.asarray(small_dncnn()(IMAGES))
    assert output.shape == IMAGES.shape and output.min() >= 0.0 and output.max() <= 1.0


def test_noisy_uses_one_seed_per_split_and_the_course_sigma():
    for split, seed in (("train", 1), ("valid", 2), ("test", 3)):
        np.testing.assert_array_equal(recipes.noisy(IMAGES, split), add_gaussian_noise(IMAGES, sigma=0.2, seed=seed))
    assert not np.array_equal(recipes.noisy(IMAGES, "train"), recipes.noisy(IMAGES, "valid"))
    np.testing.assert_array_equal(
        recipes.noisy(IMAGES, "test", sigma=0.4), add_gaussian_noise(IMAGES, sigma=0.4, seed=3)
    )


def test_noisy_gives_flat_and_square_copies_the_same_noise():
    flat = recipes.noisy(IMAGES.reshape(len(IMAGES), -1), "test")
    assert flat.shape == (6, 784) and flat.dtype == np.float32
    np.testing.assert_array_equal(flat.reshape(IMAGES.shape), recipes.noisy(IMAGES, "test"))


def test_noisy_splits_is_noisy_for_each_split_in_order():
    train, valid, test = recipes.noisy_splits(IMAGES[:2], IMAGES[2:4], IMAGES[4:])
    for noisy, images, split in (
        (train, IMAGES[:2], "train"),
        (valid, IMAGES[2:4], "valid"),
        (test, IMAGES[4:], "test"),
    ):
        np.testing.assert_array_equal(noisy, recipes.noisy(images, split))


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="split must be one of"):
        recipes.noisy(IMAGES, "validation")
    with pytest.raises(ValueError, match="split must be one of"):
        recipes.blind_levels("test", 3)


def test_blind_levels_are_seeded_per_split_and_in_range():
    train = recipes.blind_levels("train", 1000)
    np.testing.assert_array_equal(train, recipes.blind_levels("train", 1000))
    assert train.shape == (1000,) and 0.0 <= train.min() and train.max() < 0.5
    assert not np.array_equal(train[:10], recipes.blind_levels("valid", 10))


def test_recipes_hold_the_course_settings():
    settings = {
        recipe.name: (recipe.epochs, recipe.batch_size, recipe.seed)
        for recipe in (
            recipes.dense_autoencoder(),
            recipes.convolutional_autoencoder(),
            recipes.denoiser(),
            recipes.dense_denoiser(),
            recipes.small_dncnn(),
            recipes.blind_dncnn(),
            recipes.dense_autoencoder(8, epochs=20),
        )
    }
    assert settings == {
        "dense_autoencoder(code_size=32, epochs=50)": (50, 128, 0),
        "convolutional_autoencoder()": (50, 128, 0),
        "denoiser()": (50, 128, 0),
        "dense_denoiser()": (20, 128, 0),
        "small_dncnn()": (3, 128, 0),
        "blind_dncnn()": (3, 128, 0),
        "dense_autoencoder(code_size=8, epochs=20)": (20, 128, 0),
    }


def test_recipes_build_the_library_models():
    set_seed(0)
    assert architecture(recipes.denoiser().build()) == architecture(recipes.convolutional_autoencoder().build())
    assert architecture(recipes.small_dncnn().build()) == architecture(small_dncnn())
    autoencoder, encoder, decoder = recipes.dense_autoencoder(16).build()
    assert architecture(autoencoder) == architecture(simple_autoencoder(16)[0])
    assert recipes.denoiser().build().name == "denoiser" and recipes.blind_dncnn().build().name == "blind_dncnn"


@pytest.mark.parametrize(
    "arguments", [{"code_size": 0}, {"code_size": 2.5}, {"epochs": -1}, {"epochs": True}, {"code_size": "32"}]
)
def test_dense_autoencoder_refuses_bad_settings(arguments):
    with pytest.raises(ValueError, match="must be a positive whole number"):
        recipes.dense_autoencoder(**arguments)


def test_recipe_data_are_mnist_splits_in_the_layout_each_model_reads(small_splits):
    x, y, (x_valid, y_valid) = recipes.dense_autoencoder().data()
    assert x.shape == (8, 784) and x_valid.shape == (4, 784) and x is y and x_valid is y_valid
    np.testing.assert_array_equal(x, small_splits.x_train.reshape(8, 784))
    x, y, (x_valid, y_valid) = recipes.convolutional_autoencoder().data()
    assert x.shape == (8, 28, 28, 1) and x_valid.shape == (4, 28, 28, 1) and x is y and x_valid is y_valid
    x, y, (x_valid, y_valid) = recipes.denoiser().data()
    assert x.shape == y.shape == (8, 28, 28, 1) and x_valid.shape == y_valid.shape == (4, 28, 28, 1)
    np.testing.assert_array_equal(y, small_splits.x_train[..., np.newaxis])
    np.testing.assert_array_equal(x, recipes.noisy(y, "train"))
    np.testing.assert_array_equal(x_valid, recipes.noisy(y_valid, "valid"))
    flat_noisy, flat_clean, _ = recipes.dense_denoiser().data()
    np.testing.assert_array_equal(flat_noisy, x.reshape(-1, 784))
    np.testing.assert_array_equal(flat_clean, y.reshape(-1, 784))


def test_blind_recipe_draws_a_noise_level_per_image(small_splits):
    x, y, (x_valid, y_valid) = recipes.blind_dncnn().data()
    np.testing.assert_array_equal(x, add_gaussian_noise(y, sigma=recipes.blind_levels("train", 8), seed=1))
    np.testing.assert_array_equal(x_valid, add_gaussian_noise(y_valid, sigma=recipes.blind_levels("valid", 4), seed=2))
    assert not np.array_equal(x, recipes.noisy(y, "train"))


# A recipe small enough to train in a test: a dense autoencoder on 64 random vectors.
TINY_X = np.random.default_rng(1).random((64, 784)).astype("float32")


def tiny(epochs=1, code_size=4):
    return recipes.Recipe(
        "tiny()",
        lambda: simple_autoencoder(code_size),
        lambda: (TINY_X, TINY_X, (TINY_X, TINY_X)),
        epochs=epochs,
        batch_size=32,
    )


def test_train_then_check_accepts_the_same_training_and_refuses_a_drifted_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    (model, encoder, decoder), history = recipes.train(tiny())
    assert len(history.history["loss"]) == 1 and encoder.output.shape == (None, 4)
    recipes.check(tiny(), history)
    assert capsys.readouterr().out.endswith("lib.recipes.tiny() trains this same model\n")
    for drifted in (tiny(epochs=2), tiny(code_size=8)):
        with pytest.raises(AssertionError, match="is not lib.recipes"):
            recipes.check(drifted, history)


def test_check_accepts_a_training_written_out_by_hand(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, "off")
    set_seed(0)
    model = simple_autoencoder(4)[0]
    model.run_eagerly = True  # not part of the key; saves tracing a graph (tests/test_training_and_cache.py)
    history = fit_or_load(model, TINY_X, TINY_X, epochs=1, batch_size=32, validation_data=(TINY_X, TINY_X))
    recipes.check(tiny(), history)
    set_seed(1)  # other initial weights: another training
    model = simple_autoencoder(4)[0]
    model.run_eagerly = True
    history = fit_or_load(model, TINY_X, TINY_X, epochs=1, batch_size=32, validation_data=(TINY_X, TINY_X))
    with pytest.raises(AssertionError):
        recipes.check(tiny(), history)


def test_train_and_check_refuse_what_is_not_a_recipe():
    with pytest.raises(TypeError, match="lib.recipes.Recipe"):
        recipes.train("denoiser")
    with pytest.raises(TypeError, match="lib.recipes.Recipe"):
        recipes.check(recipes.denoiser, None)
    with pytest.raises(TypeError, match="History that lib.cache.fit_or_load returned"):
        recipes.check(tiny(), object())
