"""Train once, reuse everywhere: ``fit_or_load`` and the local model cache.

Chapter 4 compares the denoiser with the models of chapters 2 and 3, and later chapters
reuse all three. Rather than train the same model again in every chapter, ``fit_or_load``
stores the trained weights and the loss history under a key made of everything that
determines them, and loads them the next time the same training is asked for:

* the architecture (``lib.models.architecture``) and the initial weights,
* the training and validation arrays (their bytes), epochs, batch size and seed,
* the Keras backend and the versions of Keras, the backend and NumPy.

A chapter run alone, or on a clean checkout, finds no entry and trains; it prints the same
lines either way. An entry whose weights do not match their recorded SHA-256, or that
cannot be read, is deleted and retrained, never trusted. Such decisions are logged by the
``lib.cache`` logger at INFO level, not printed: a stored notebook must look the same
whether a model was loaded, trained, or retrained.

The cache lives in ``.cache/models`` at the top of the repository (ignored by git), or in
the folder named by ``COURSE_MODEL_CACHE``; ``COURSE_MODEL_CACHE=off`` trains every time.
"""

import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path

import keras
import numpy as np

from lib.models import architecture
from lib.training import TrainingProgress

CACHE_VARIABLE = "COURSE_MODEL_CACHE"
log = logging.getLogger(__name__)
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "models"


def cache_dir():
    """The folder ``fit_or_load`` keeps models in, or None when caching is off."""
    setting = os.environ.get(CACHE_VARIABLE, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else DEFAULT_CACHE


def _versions():
    backend = keras.backend.backend()
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}.get(backend, backend)
    version = getattr(sys.modules.get(module) or __import__(module), "__version__", "?")
    return {"backend": backend, backend: version, "keras": keras.__version__, "numpy": np.__version__}


def training_key(model, x, y, validation_data, epochs, batch_size, seed, sample_weight=None):
    """SHA-256 (hex) of everything that determines the result of a ``fit``."""
    digest = hashlib.sha256()

    def add(label, value):
        digest.update(label.encode() + b"\0")
        if isinstance(value, np.ndarray):
            array = np.ascontiguousarray(value)
            digest.update(f"{array.dtype}{array.shape}".encode() + array.tobytes())
        else:
            digest.update(repr(value).encode())

    add("architecture", architecture(model))
    for index, weights in enumerate(model.get_weights()):
        add(f"initial weights {index}", weights)
    add("x", np.asarray(x))
    add("y", np.asarray(y))
    if sample_weight is not None:  # only when given, so that earlier keys stay valid
        add("sample_weight", np.asarray(sample_weight))
    for index, array in enumerate(validation_data or ()):
        add(f"validation {index}", np.asarray(array))
    add("settings", (epochs, batch_size, seed, sorted(_versions().items())))
    return digest.hexdigest()


def _file_sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _load(model, weights_path, meta_path, key):
    """The stored record (history, timing) if the entry is complete and intact, else None.

    A bad entry is removed, and ``model`` keeps its initial weights: training must never
    start from half-loaded ones.
    """
    if not (weights_path.exists() and meta_path.exists()):
        return None
    initial = model.get_weights()
    try:
        meta = json.loads(meta_path.read_text())
        if meta["key"] != key or meta["weights_sha256"] != _file_sha256(weights_path):
            raise ValueError("key or weights checksum does not match")
        record = {"history": meta["history"], "seconds_per_epoch": meta["seconds_per_epoch"]}
        with np.load(weights_path, allow_pickle=False) as stored:
            model.set_weights([stored[f"w{index}"] for index in range(len(stored.files))])
        return record
    except Exception as error:  # any unreadable entry is retrained, never trusted
        model.set_weights(initial)
        log.info("discarding %s (%r); training again", weights_path.name, error)
        weights_path.unlink(missing_ok=True)
        meta_path.unlink(missing_ok=True)
        return None


def fit_or_load(model, x, y, *, epochs, batch_size, validation_data=None, seed=0, sample_weight=None):
    """``model.fit(x, y, ...)`` with a compact progress line, or the cached result of it.

    ``model`` must be compiled and freshly built (call ``lib.training.set_seed`` before
    building it). ``seed`` re-seeds the random generators right before training, so the
    shuffling is the same on every run. Returns a ``keras.callbacks.History`` whose
    ``history`` holds the per-epoch losses, trained or loaded, and whose
    ``seconds_per_epoch`` is the wall-clock training time measured when it was trained.
    ``sample_weight``: passed to ``fit`` (weights for the loss, one per sample or per
    output value), and part of the key.
    """
    if len(x) != len(y):
        raise ValueError(f"x and y must hold the same number of samples, got {len(x)} and {len(y)}")
    folder = cache_dir()
    key = training_key(model, x, y, validation_data, epochs, batch_size, seed, sample_weight) if folder else None
    weights_path = folder / f"{key[:24]}.weights.npz" if folder else None
    meta_path = folder / f"{key[:24]}.json" if folder else None

    stored = _load(model, weights_path, meta_path, key) if folder else None
    progress = TrainingProgress()
    if stored is None:
        keras.utils.set_random_seed(seed)
        started = time.perf_counter()
        fit = model.fit(x, y, epochs=epochs, batch_size=batch_size, validation_data=validation_data,
                        sample_weight=sample_weight, verbose=0, callbacks=[progress])
        seconds_per_epoch = (time.perf_counter() - started) / epochs
        logs = {name: [float(value) for value in values] for name, values in fit.history.items()}
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f"{key[:24]}.partial.npz"
            np.savez(partial, **{f"w{index}": w for index, w in enumerate(model.get_weights())})
            os.replace(partial, weights_path)  # a crash never leaves a half-written entry
            meta = {"key": key, "weights_sha256": _file_sha256(weights_path), "history": logs,
                    "model": model.name, "parameters": model.count_params(),
                    "seconds_per_epoch": round(seconds_per_epoch, 3), "samples": len(x),
                    "versions": _versions(), "epochs": epochs, "batch_size": batch_size, "seed": seed}
            meta_path.with_suffix(".partial").write_text(json.dumps(meta, indent=1))
            os.replace(meta_path.with_suffix(".partial"), meta_path)
    else:
        logs, seconds_per_epoch = stored["history"], stored["seconds_per_epoch"]
        progress.replay({name: values[-1] for name, values in logs.items()}, len(logs["loss"]))
    history = keras.callbacks.History()
    history.seconds_per_epoch = seconds_per_epoch
    history.history = logs
    history.epoch = list(range(len(logs["loss"])))
    return history
