"""Shared helpers for the course *Autoencoders: how to reduce image noise*.

The chapters in ``book/`` write the models they teach in plain sight; this package holds
the plumbing around them, one module per concern:

``lib.data``      load MNIST and Fashion-MNIST (from Keras, or local copies named by environment variables)
``lib.letters``   typeset letters A-Z as 28 x 28 images processed like MNIST
``lib.noise``     seeded noise: Gaussian (clipped to [0, 1] or raw), Poisson, salt-and-pepper, speckle
``lib.blindspot`` masked inputs and loss weights for training a denoiser on single noisy images
``lib.plots``     image grids, loss curves, histograms, ROC and rate-distortion plots (matplotlib)
``lib.training``  seeding, a compact progress display for ``model.fit``, loss summaries
``lib.models``    the autoencoders and the small DnCNN that later chapters rebuild, once a chapter has shown them
``lib.metrics``   reconstruction error and PSNR, per image or overall
``lib.ood``       ROC curves and AUROC for out-of-distribution detection
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
