"""Compute once, reuse everywhere: ``compute_or_load`` for slow results that are arrays.

Chapter 6 starts from chapter 5's scores of the classical methods, and chapter 9 tunes them
as chapter 5 did. Each chapter must run on its own, so each computes them; but run in
order, a chapter finds what an earlier one computed and loads it, as ``lib.cache`` does for
trained models. The key of a result is a SHA-256 of everything that determines it:

* the function (its module and name) and the source code of the whole module that
  defines it, so that an edit to any helper beside it makes a new entry,
* every argument: an array by its dtype, shape and bytes, anything else by its ``repr``,
* the versions of NumPy, SciPy, scikit-image and ``bm3d``.

Code the function calls in *other* modules is not part of the key. The cache is meant for
functions whose results depend only on their arguments, such as ``lib.classical``'s
denoisers: nothing random that is not seeded, nothing read from elsewhere.

An entry is the result (``.npz``, read with ``allow_pickle=False``) and a record (``.json``)
holding the key, the seconds the computation took and the result's SHA-256; an entry that
does not match its checksums, or cannot be read, is deleted and computed again, never
trusted. Files are written atomically, and a folder that cannot be written is reported by a
warning; the result is returned either way, as with the model cache.

The cache lives in ``.cache/results`` at the top of the repository (ignored by git), or in
the folder named by ``COURSE_RESULT_CACHE``; ``COURSE_RESULT_CACHE=off`` computes every time.
"""

import hashlib
import importlib.metadata
import inspect
import json
import logging
import os
import time
import warnings
from pathlib import Path

import numpy as np

from lib.atomic_files import checked_record, remove_entry, store_entry, unwritable

RESULT_CACHE_VARIABLE = "COURSE_RESULT_CACHE"
DEFAULT_RESULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "results"
log = logging.getLogger(__name__)


def result_cache_dir():
    """The folder ``compute_or_load`` keeps results in, or None when that cache is off."""
    setting = os.environ.get(RESULT_CACHE_VARIABLE, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else DEFAULT_RESULT_CACHE


def _package_versions():
    found = {}
    for package in ("numpy", "scipy", "scikit-image", "bm3d"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def _describe(argument):
    """What in ``argument`` the key depends on: an array's dtype, shape and bytes, else its repr."""
    if isinstance(argument, np.ndarray):
        contiguous = np.ascontiguousarray(argument)
        return ["array", contiguous.dtype.str, list(contiguous.shape), hashlib.sha256(contiguous.tobytes()).hexdigest()]
    text = repr(argument)
    if " at 0x" in text:
        raise TypeError(
            f"compute_or_load cannot key an argument of type {type(argument).__name__} ({text}): "
            "pass arrays, numbers, strings or tuples of them."
        )
    return ["value", text]


def result_key(function, *arguments):
    """The cache key (64 hex digits) of ``function(*arguments)``."""
    module = inspect.getmodule(function)
    if module is None or getattr(function, "__name__", "<lambda>") == "<lambda>":
        raise TypeError(
            f"compute_or_load needs a named function defined in a module, got {function!r}: "
            "its module's source is part of the key."
        )
    description = {
        "function": f"{module.__name__}.{function.__qualname__}",
        "source": hashlib.sha256(inspect.getsource(module).encode()).hexdigest(),
        "arguments": [_describe(argument) for argument in arguments],
        "versions": _package_versions(),
    }
    return hashlib.sha256(json.dumps(description, sort_keys=True).encode()).hexdigest()


def _load(result_path, meta_path, key):
    """``(result, seconds)`` if the entry is complete and intact, else None (and the entry is removed)."""
    if not (result_path.exists() and meta_path.exists()):
        return None
    try:
        meta = checked_record(result_path, meta_path, key, "result_sha256")
        with np.load(result_path, allow_pickle=False) as stored:
            return stored["result"], meta["seconds"]
    except Exception as error:  # any unreadable entry is computed again, never trusted
        log.info("discarding %s (%r); computing again", result_path.name, error)
        remove_entry(result_path, meta_path)
        return None


def compute_or_load(function, *arguments):
    """``function(*arguments)``, or its stored result from an earlier run.

    ``function``: a named function of a module whose result is an array and depends only
    on its arguments (see the module's docstring for what the key holds). Returns
    ``(result, seconds)``: the array, and the wall-clock seconds it took when it was
    computed (on this run or the one that stored it).
    """
    key = result_key(function, *arguments)
    folder = result_cache_dir()
    if folder is not None:
        result_path, meta_path = folder / f"{key[:24]}.result.npz", folder / f"{key[:24]}.json"
        stored = _load(result_path, meta_path, key)
        if stored is not None:
            return stored
    started = time.perf_counter()
    result = np.asarray(function(*arguments))
    seconds = time.perf_counter() - started
    if result.dtype == object:
        raise TypeError(f"{function.__qualname__} returned objects, not numbers; only arrays of numbers are cached.")
    problem = unwritable(folder) if folder is not None else None
    if problem:
        warnings.warn(
            f"the result cache {folder} cannot be written ({problem}); the result is returned but not "
            f"stored. Set {RESULT_CACHE_VARIABLE} to a writable folder, or to 'off'.",
            stacklevel=2,
        )
    elif folder is not None:
        try:
            record = {"key": key, "function": function.__qualname__, "seconds": round(seconds, 3)}
            store_entry(result_path, meta_path, lambda file: np.savez(file, result=result), record, "result_sha256")
        except OSError as error:
            warnings.warn(f"could not store the result in the cache ({error}); it is returned all the same.")
    return result, seconds
