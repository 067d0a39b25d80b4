"""Shared fixtures. Tests draw figures without a screen."""

import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


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


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built from the stored notebook outputs with warnings as errors."""
    output = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(ROOT),
            "--builder",
            "html",
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output / "_build" / "html"
