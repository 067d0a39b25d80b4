"""Shared helpers for the course *Autoencoders: how to reduce image noise*.

Where code goes. A chapter holds what the reader is learning: its prose, the models it
teaches written out layer by layer, their training in full, and helpers only it uses.
``lib`` holds what several chapters share and what needs tests of its own: loading data,
noise, metrics, figures, the model cache, and the builder and training recipe of every
model a later chapter reuses (the chapter that taught it checks that it is the same).
One module per concern, under about 300 lines; ``lib`` never imports a chapter. A new
module gets a line in this map (``tests/test_lib_map.py`` checks that it has one):

``lib.data``        load MNIST and Fashion-MNIST (from Keras, or local copies named by environment variables)
``lib.images``      image layouts (uint8 or [0, 1] floats; flat, square, with a channel axis): convert and check
``lib.letters``     typeset letters A-Z as 28 x 28 images processed like MNIST
``lib.noise``       seeded noise: Gaussian (clipped to [0, 1] or raw, and the bias clipping gives it), Poisson,
                    salt-and-pepper, speckle
``lib.blindspot``   masked inputs and loss weights for training a denoiser on single noisy images
``lib.metrics``     squared error, PSNR and SSIM, per image or overall
``lib.plots``       image grids, loss curves, histograms, ROC, rate-distortion and score charts (matplotlib)
``lib.training``    seeding, a compact progress display for ``model.fit``, loss summaries
``lib.models``      builders of the networks later chapters reuse, and ``architecture`` to compare models
``lib.cache``       ``fit_or_load``: train once, load the stored weights the next time
``lib.cache_key``   the cache's key: every setting, weight and code that changes what training produces
``lib.atomic_files`` files written atomically and checked by SHA-256, for both caches
``lib.result_cache`` ``compute_or_load``: compute a slow array once, load it the next time
``lib.recipes``     one training recipe per reused model, and the course's noisy splits
``lib.classical``   the five classical denoisers and their settings, tuned and scored fairly
``lib.scoreboard``  PSNR and SSIM per denoiser with its costs, a stopwatch, a model's row
``lib.ood``         ROC curves and AUROC for out-of-distribution detection
``lib.photos``      photos that ship inside packages, their licences and split, patches and camera-like noise
``lib.pretrained``  scico's DnCNN-17, ported to Keras, with its checksummed weights
``lib.denoise``     denoise an image file of your own (``python -m lib.denoise IN OUT``)
``lib.compression`` bytes per image for gzip, PNG, JPEG and quantised codes

Importing ``lib`` first keeps TensorFlow's start-up log off the page: TensorFlow prints a
time-stamped oneDNN notice on standard error when it is imported, which would make every
executed notebook differ from the last. ``lib`` imports TensorFlow once with that stream
muted (only when Keras runs on TensorFlow, its default backend); errors still raise.
TensorFlow's Python warnings are also kept off the page: a chapter that runs many models
gets a "triggered tf.function retracing" performance hint on standard error otherwise.
"""

import contextlib
import logging
import os
import sys


@contextlib.contextmanager
def _stderr_muted():
    """Send the process's standard error (file descriptor 2) to /dev/null for a while."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


if os.environ.get("KERAS_BACKEND", "tensorflow") == "tensorflow" and "tensorflow" not in sys.modules:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with _stderr_muted():
        import tensorflow  # noqa: F401  (imported for its side effect: a quiet start)
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
