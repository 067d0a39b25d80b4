"""Shared fixtures. Tests draw figures without a screen."""

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def mnist_path():
    """A real mnist.npz: the one COURSE_MNIST_PATH names, else the copy Keras downloads."""
    path = os.environ.get("COURSE_MNIST_PATH")
    if path:
        return path
    import keras

    try:
        keras.datasets.mnist.load_data()
    except Exception as error:
        pytest.fail(f"no MNIST for the tests: set COURSE_MNIST_PATH to a local mnist.npz ({error})")
    return str(Path(os.environ.get("KERAS_HOME", "~/.keras")).expanduser() / "datasets" / "mnist.npz")
