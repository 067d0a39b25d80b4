"""Shared fixtures, and how `make test` splits its work between two pytest-xdist workers.
Tests draw figures without a screen."""

import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent

# `make test` runs on two pytest-xdist workers (`-n 2 --dist loadgroup`). Each group below runs
# on one worker, in the order listed, and the two groups side by side. The first group is the
# chain of chapters that reuse each other's models from the cache: chapter 3's autoencoder,
# chapter 4's denoiser, chapter 5's dense denoiser, chapter 6 last. It is the longest path.
# The second group holds everything else. Chapter 2 comes first in it: its dense autoencoder,
# which chapters 3, 4 and 7 reuse, is cached within about two minutes, while chapter 3 asks for it
# only after ten minutes of training its own network. (Were it not yet cached, chapter 3 would
# train the same model itself: the order saves time and changes no result.) What this gains,
# measured, is in the README ("Two commands").
GROUPS = {
    "chain": ("book/01_", "book/03_", "book/04_", "book/05_", "book/06_"),
    "beside": ("book/02_", "book/07_", "book/08_", "book/09_", "tests/"),
}


def worker_group(nodeid):
    """(group, place in the group's order) of a test, from its node id ("book/03_....ipynb::Cell 4")."""
    for group, prefixes in GROUPS.items():
        for place, prefix in enumerate(prefixes):
            if nodeid.startswith(prefix):
                return group, place
    raise ValueError(f"{nodeid} is in no group of tests/conftest.py: add its chapter to GROUPS")


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """For `--dist loadgroup`: a scheduler that sends each of GROUPS, whole, to one worker.

    pytest-xdist's own loadgroup reads `xdist_group` marks by renaming node ids through an
    attribute that pytest 9 no longer reads, so with pytest 9 it spreads a notebook's cells
    over both workers. This scheduler asks `worker_group` instead."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CourseGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return worker_group(nodeid)[0]

    return CourseGroups(config, log)


def pytest_collection_modifyitems(config, items):
    """On a pytest-xdist worker under `--dist loadgroup`, put each group's tests in its order."""
    if getattr(config.option, "loadgroup", False):  # pytest-xdist sets it on its workers
        items.sort(key=lambda item: worker_group(item.nodeid))  # stable: a file keeps its own order


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
