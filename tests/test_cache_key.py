"""The cache key changes with whatever changes training, and with nothing else."""

import lib  # noqa: F401  (quiet TensorFlow import)
import keras
import numpy as np

from lib.cache_key import model_description, training_key
from lib.training import set_seed

X = np.random.default_rng(0).random((16, 4)).astype("float32")


def key(model):
    return training_key(model, X, X, None, epochs=1, batch_size=8, seed=0)


def build(optimizer=None, loss="mean_squared_error", metrics=None, units=4, nested=False, layer=None):
    """A small model, seeded, so that two calls give the same initial weights (and other auto-names)."""
    set_seed(0)
    inputs = keras.Input((4,))
    outputs = keras.layers.Dense(units)(inputs)
    if layer is not None:
        outputs = layer()(outputs)
    model = keras.Model(inputs, keras.layers.Dense(4)(outputs))
    if nested:
        outer_inputs = keras.Input((4,))
        model = keras.Model(outer_inputs, model(outer_inputs))
    model.compile(optimizer=optimizer or keras.optimizers.Adam(1e-3), loss=loss, metrics=metrics)
    return model


def test_two_identically_built_models_give_the_same_key_though_keras_names_them_apart():
    first, second = build(), build()
    assert first.layers[1].name != second.layers[1].name  # dense_0 vs dense_2, adam vs adam_1, ...
    assert key(first) == key(second)


def test_nested_models_and_loss_objects_give_a_stable_key():
    assert key(build(nested=True)) == key(build(nested=True))
    assert key(build(loss=keras.losses.MeanSquaredError())) == key(build(loss=keras.losses.MeanSquaredError()))
    assert key(build(metrics=[keras.metrics.MeanAbsoluteError()])) == key(
        build(metrics=[keras.metrics.MeanAbsoluteError()])
    )
    assert " at 0x" not in model_description(build(loss=keras.losses.Huber()))


def test_the_optimizer_s_settings_change_the_key():
    base = key(build())
    assert key(build(optimizer=keras.optimizers.Adam(1e-2))) != base  # the learning rate
    assert key(build(optimizer=keras.optimizers.SGD(0.01, momentum=0.0))) != key(
        build(optimizer=keras.optimizers.SGD(0.01, momentum=0.9))
    )


def test_the_loss_and_the_metrics_change_the_key():
    base = key(build())
    assert key(build(loss=keras.losses.Huber(delta=1.0))) != key(build(loss=keras.losses.Huber(delta=2.0)))
    assert key(build(metrics=["mae"])) != base
    assert key(build(units=5)) != base  # and the architecture, as before


class Double(keras.layers.Layer):
    def call(self, x):
        return 2 * x


class Triple(keras.layers.Layer):
    def call(self, x):
        return 3 * x


def test_the_code_of_a_custom_layer_changes_the_key():
    assert key(build(layer=Double)) == key(build(layer=Double))
    assert key(build(layer=Double)) != key(build(layer=Triple))
    assert "return 2 * x" in model_description(build(layer=Double))


def custom_loss(y_true, y_pred):
    return keras.ops.mean(keras.ops.abs(y_true - y_pred))


def test_the_code_of_a_custom_loss_function_reaches_the_key():
    assert "keras.ops.abs(y_true - y_pred)" in model_description(build(loss=custom_loss))
