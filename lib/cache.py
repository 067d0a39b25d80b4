"""Train once, reuse everywhere: ``fit_or_load`` and the local model cache.

Chapter 4 compares the denoiser with the models of chapters 2 and 3, and later chapters
reuse all three. Rather than train the same model again in every chapter, ``fit_or_load``
stores the trained weights and the loss history under a key made of everything that
determines them, and loads them the next time the same training is asked for:

* the model (``lib.cache_key.model_description``): every layer's configuration (nested
  models included, names left out), the compile configuration (the optimizer and its
  settings, the loss, the metrics), the source code of any layer, model, loss or metric
  that is not Keras' own, and the initial weights,
* the training and validation arrays (their bytes), epochs, batch size and seed,
* the Keras backend and the versions of Keras, the backend and NumPy.

A chapter run alone, or on a clean checkout, finds no entry and trains; it prints the same
lines either way. An entry whose weights or record (the loss history included) do not match
their recorded SHA-256, or that cannot be read, is deleted and retrained, never trusted.
Such decisions are logged by the ``lib.cache`` logger at INFO level, not printed: a stored
notebook must look the same whether a model was loaded, trained, or retrained.

The cache lives in ``.cache/models`` at the top of the repository (ignored by git), or in
the folder named by ``COURSE_MODEL_CACHE``; ``COURSE_MODEL_CACHE=off`` trains every time.
Every file is written to a temporary file of its own and renamed into place, so a crash or a
second process writing the same entry never leaves half an entry. A folder that cannot be
written is reported by a warning before training, and the model is trained without being
stored: a training run is never lost to the cache.
"""

import logging
import os
import time
import warnings
from pathlib import Path

import keras
import numpy as np

from lib.atomic_files import checked_record, remove_entry, store_entry, unwritable
from lib.cache_key import is_dataset, training_key, versions
from lib.training import TrainingProgress

CACHE_VARIABLE = "COURSE_MODEL_CACHE"
log = logging.getLogger(__name__)
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "models"
# Batches TensorFlow runs per call from Python when the model was compiled with the default
# of one. The arithmetic and its order are the same (the weights come out bit for bit equal);
# only the Python between batches goes: small models train up to a third faster.
STEPS_PER_EXECUTION = 16


def cache_dir():
    """The folder ``fit_or_load`` keeps models in, or None when caching is off."""
    setting = os.environ.get(CACHE_VARIABLE, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else DEFAULT_CACHE


def batches_per_call(steps_per_epoch=None):
    """``STEPS_PER_EXECUTION``, or for a pipeline the largest number up to it that divides
    ``steps_per_epoch``: Keras runs whole calls, and on an endless pipeline a short last call
    would run on into the next epoch's batches."""
    if steps_per_epoch is None:
        return STEPS_PER_EXECUTION
    return max(n for n in range(1, STEPS_PER_EXECUTION + 1) if steps_per_epoch % n == 0)


def _load(model, weights_path, meta_path, key):
    """The stored record (history, timing) if the entry is complete and intact, else None.

    A bad entry is removed (where the folder allows it), and ``model`` keeps its initial
    weights: training must never start from half-loaded ones.
    """
    if not (weights_path.exists() and meta_path.exists()):
        return None
    initial = model.get_weights()
    try:
        meta = checked_record(weights_path, meta_path, key, "weights_sha256")
        record = {"history": meta["history"], "seconds_per_epoch": meta["seconds_per_epoch"]}
        with np.load(weights_path, allow_pickle=False) as stored:
            model.set_weights([stored[f"w{index}"] for index in range(len(stored.files))])
        return record
    except Exception as error:  # any unreadable entry is retrained, never trusted
        model.set_weights(initial)
        log.info("discarding %s (%r); training again", weights_path.name, error)
        remove_entry(weights_path, meta_path)
        return None


def _store(model, weights_path, meta_path, meta):
    """Write the trained weights, then their record; on failure warn and keep nothing half-made."""
    try:
        store_entry(
            weights_path,
            meta_path,
            lambda file: np.savez(file, **{f"w{index}": weights for index, weights in enumerate(model.get_weights())}),
            meta,
            "weights_sha256",
        )
    except OSError as error:
        warnings.warn(
            f"could not store the trained model in the cache ({error}); the model and its "
            f"history are returned, but the next run will train again.",
            stacklevel=3,
        )


def _check_arguments(model, x, y, validation_data, epochs, batch_size, steps_per_epoch):
    if not getattr(model, "compiled", False):
        raise ValueError("the model is not compiled: call model.compile(optimizer=..., loss=...) first.")
    if isinstance(epochs, bool) or not (isinstance(epochs, (int, np.integer)) and epochs >= 1):
        raise ValueError(f"epochs must be a whole number of at least 1, got {epochs!r}.")
    if is_dataset(x):
        if y is not None or batch_size is not None or not steps_per_epoch:
            raise ValueError(
                "with a tf.data.Dataset, give steps_per_epoch and leave y and batch_size unset: "
                "the dataset yields (inputs, targets) batches"
            )
        return
    if steps_per_epoch is not None:
        raise ValueError("steps_per_epoch is for a tf.data.Dataset; with arrays, give batch_size")
    if len(x) != len(y):
        raise ValueError(f"x and y must hold the same number of samples, got {len(x)} and {len(y)}")
    arrays = [("x", x), ("y", y)] + [(f"validation_data[{i}]", a) for i, a in enumerate(validation_data or ())]
    for name, array in arrays:
        if np.asarray(array).dtype == np.uint8 and np.ndim(array) >= 2:
            raise TypeError(
                f"{name} holds uint8 grey levels 0..255; the models train on floats in [0, 1]: "
                f"scale it with lib.images.scale_to_unit first."
            )


def fit_or_load(
    model, x, y=None, *, epochs, batch_size=None, validation_data=None, seed=0, steps_per_epoch=None, sample_weight=None
):
    """``model.fit(x, y, ...)`` with a compact progress line, or the cached result of it.

    ``model`` must be compiled and freshly built (call ``lib.training.set_seed`` before
    building it); images must be floats (uint8 images are refused); ``epochs`` at least 1.
    ``seed`` re-seeds the random generators right before training, so the shuffling is
    the same on every run. Returns a ``keras.callbacks.History`` whose ``history`` holds
    the per-epoch losses, trained or loaded, and whose ``seconds_per_epoch`` is the
    wall-clock training time measured when it was trained, and whose ``key`` is the
    ``training_key`` (``lib.recipes.check`` compares it).

    If the cache folder cannot be written, a warning says so before training, and the
    model is trained and returned without being stored; the same if storing it fails.

    A model compiled with the default ``steps_per_execution=1`` is switched to
    ``batches_per_call(steps_per_epoch)`` batches per call before it trains: the same
    weights, sooner.

    ``x`` may also be a ``tf.data.Dataset`` of ``(inputs, targets)`` batches; then ``y``
    and ``batch_size`` stay None and ``steps_per_epoch`` says how many batches make an
    epoch (``lib.cache_key.training_key`` says what the pipeline must guarantee).

    ``sample_weight``: passed to ``fit`` (weights for the loss, one per sample or per
    output value), and part of the key.
    """
    _check_arguments(model, x, y, validation_data, epochs, batch_size, steps_per_epoch)
    folder = cache_dir()
    key = training_key(model, x, y, validation_data, epochs, batch_size, seed, steps_per_epoch, sample_weight)
    weights_path = folder / f"{key[:24]}.weights.npz" if folder else None
    meta_path = folder / f"{key[:24]}.json" if folder else None

    stored = _load(model, weights_path, meta_path, key) if folder else None
    progress = TrainingProgress()
    if stored is None:
        problem = unwritable(folder) if folder else None
        if problem:
            warnings.warn(
                f"the model cache {folder} cannot be written ({problem}); training without "
                f"storing the result. Set {CACHE_VARIABLE} to a writable folder, or to 'off'.",
                stacklevel=2,
            )
        if model.steps_per_execution == 1 and model.train_function is None:  # not yet traced for one
            model.steps_per_execution = batches_per_call(steps_per_epoch)
        keras.utils.set_random_seed(seed)
        started = time.perf_counter()
        fit = model.fit(
            x,
            y,
            epochs=epochs,
            batch_size=batch_size,
            validation_data=validation_data,
            steps_per_epoch=steps_per_epoch,
            sample_weight=sample_weight,
            shuffle=not is_dataset(x),  # a pipeline brings its own order
            verbose=0,
            callbacks=[progress],
        )
        seconds_per_epoch = (time.perf_counter() - started) / epochs
        logs = {name: [float(value) for value in values] for name, values in fit.history.items()}
        if folder and not problem:
            _store(
                model,
                weights_path,
                meta_path,
                {
                    "key": key,
                    "history": logs,
                    "model": model.name,
                    "parameters": model.count_params(),
                    "seconds_per_epoch": round(seconds_per_epoch, 3),
                    "versions": versions(),
                    "samples": steps_per_epoch if is_dataset(x) else len(x),
                    "epochs": epochs,
                    "batch_size": batch_size,
                    "seed": seed,
                },
            )
    else:
        logs, seconds_per_epoch = stored["history"], stored["seconds_per_epoch"]
        progress.replay({name: values[-1] for name, values in logs.items()}, len(logs["loss"]))
    history = keras.callbacks.History()
    history.seconds_per_epoch = seconds_per_epoch
    history.key = key
    history.history = logs
    history.epoch = list(range(len(logs["loss"])))
    return history
