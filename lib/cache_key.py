"""The key of the model cache: a SHA-256 of everything that changes what ``fit`` makes of a model.

Keras names layers, models and optimizers with a per-process counter (``dense_3``,
``adam_1``), and the repr of a loss object holds a memory address; neither may reach the
key, or an identical training would never be found again. Everything that does change the
result must: the configuration of every layer, the optimizer's settings, the loss and the
metrics, and the code of any class or function that is not Keras' own.
"""

import hashlib
import inspect
import json
import re
import sys

import keras
import numpy as np


def versions():
    """The Keras backend and the versions of Keras, the backend and NumPy: results depend on them."""
    backend = keras.backend.backend()
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}.get(backend, backend)
    version = getattr(sys.modules.get(module) or __import__(module), "__version__", "?")
    return {"backend": backend, backend: version, "keras": keras.__version__, "numpy": np.__version__}


def _canonical_json(value):
    """``value`` as JSON text that is the same in every process: sorted keys, no memory addresses."""
    text = json.dumps(value, sort_keys=True, default=repr)
    return re.sub(r" at 0x[0-9a-fA-F]+", "", text)


def _source(thing):
    """The source code of a class or function (its compiled code where the source is not to be had)."""
    try:
        return inspect.getsource(thing)
    except (OSError, TypeError):  # a class defined in a notebook cell has no file to read
        functions = (
            [thing]
            if callable(thing) and hasattr(thing, "__code__")
            else [
                value
                for cls in inspect.getmro(thing)
                if not _from_keras(cls)
                for value in vars(cls).values()
                if hasattr(value, "__code__")
            ]
        )
        return repr([(f.__qualname__, f.__code__.co_code, f.__code__.co_consts) for f in functions])


def _from_keras(thing):
    return (getattr(thing, "__module__", None) or "").split(".")[0] in ("keras", "builtins", "tensorflow")


def _leaves(value):
    """The objects in a nest of lists, tuples and dicts (compile's loss and metrics arguments)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _leaves(item)]
    return [] if value is None or isinstance(value, str) else [value]


def model_description(model):
    """Everything about ``model`` that changes what training makes of it, as canonical JSON text.

    The model's configuration (every layer's, nested models included), its compile
    configuration (optimizer with its settings, loss, metrics), and the source code of every
    layer, model, loss or metric class or function not from Keras. Layer and model names are
    replaced by their order of appearance: Keras numbers them per process (``dense_3``), and
    two identically built models must give the same description.
    """
    layers = list(model._flatten_layers(include_self=True, recursive=True))
    names = {}
    for layer in layers:
        names.setdefault(layer.name, f"layer {len(names)}")

    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        return names.get(value, value) if isinstance(value, str) else value

    configs = []
    for layer in layers:
        try:
            config = layer.get_config()
        except NotImplementedError:  # a subclassed model without get_config: its code and weights say it
            config = None
        configs.append((f"{type(layer).__module__}.{type(layer).__qualname__}", plain(config)))
    compiled = model.get_compile_config()
    if isinstance(compiled.get("optimizer"), dict):  # Keras numbers optimizers too: adam, adam_1, ...
        compiled["optimizer"]["config"].pop("name", None)
    arguments = getattr(getattr(model, "_compile_config", None), "config", {})  # compile()'s own arguments
    custom, settings = {type(layer) for layer in layers}, []
    for thing in _leaves([arguments.get("loss"), arguments.get("metrics"), arguments.get("weighted_metrics")]):
        if inspect.isfunction(thing) or inspect.isclass(thing):
            custom.add(thing)
            continue
        custom.update({type(thing), getattr(thing, "fn", None), getattr(thing, "_fn", None)})
        # a wrapped loss's own arguments: get_config leaves some out (Huber's delta, for one)
        settings.append(
            {
                name: value
                for name, value in vars(thing).items()
                if isinstance(value, (bool, int, float, str, dict, list, tuple, type(None)))
            }
        )
    code = sorted(
        _source(thing)
        for thing in custom
        if (inspect.isclass(thing) or inspect.isfunction(thing)) and not _from_keras(thing)
    )
    return _canonical_json({"layers": configs, "compile": compiled, "loss and metric settings": settings, "code": code})


def is_dataset(x):
    """Whether ``x`` is a ``tf.data.Dataset`` (without importing TensorFlow for arrays)."""
    return type(x).__module__.startswith("tensorflow") and hasattr(x, "element_spec")


def training_key(model, x, y, validation_data, epochs, batch_size, seed, steps_per_epoch=None, sample_weight=None):
    """SHA-256 (hex) of everything that determines the result of a ``fit``.

    For a ``tf.data.Dataset`` it hashes the ``epochs * steps_per_epoch`` batches that
    training will draw, so the pipeline must give the same batches every time it is
    iterated (seeded, stateless random operations).
    """
    digest = hashlib.sha256()

    def add(label, value):
        digest.update(label.encode() + b"\0")
        if isinstance(value, np.ndarray):
            array = np.ascontiguousarray(value)
            digest.update(f"{array.dtype}{array.shape}".encode() + array.tobytes())
        else:
            digest.update(repr(value).encode())

    add("model", model_description(model))
    for index, weights in enumerate(model.get_weights()):
        add(f"initial weights {index}", weights)
    if is_dataset(x):
        import tensorflow as tf

        for index, batch in enumerate(x.take(epochs * steps_per_epoch)):
            for part, array in enumerate(tf.nest.flatten(batch)):
                add(f"batch {index}.{part}", np.asarray(array))
    else:
        add("x", np.asarray(x))
        add("y", np.asarray(y))
    if sample_weight is not None:  # only when given, so that earlier keys stay valid
        add("sample_weight", np.asarray(sample_weight))
    for index, array in enumerate(validation_data or ()):
        add(f"validation {index}", np.asarray(array))
    settings = (epochs, batch_size, seed) + ((steps_per_epoch,) if steps_per_epoch is not None else ())
    add("settings", settings + (sorted(versions().items()),))
    return digest.hexdigest()
