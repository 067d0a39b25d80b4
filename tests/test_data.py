import gzip
import os
import shutil

import numpy as np
import pytest

import lib.data
from lib.data import (
    FASHION_FILES,
    FASHION_PATH_VARIABLE,
    MNIST_PATH_VARIABLE,
    DataFileError,
    load_fashion_mnist,
    load_mnist,
    mnist_splits,
    read_idx,
    scale_to_unit,
)


def write_npz(path, **arrays):
    np.savez(path, **arrays)
    return str(path)


def fake_mnist(**changes):
    arrays = {key: np.zeros(shape, dtype=np.uint8) for key, (shape, _) in lib.data.MNIST_ARRAYS.items()}
    arrays.update(changes)
    return arrays


def test_local_copy_loads_exactly_as_keras_lays_it_out(mnist_path, monkeypatch):
    monkeypatch.setenv(MNIST_PATH_VARIABLE, mnist_path)
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert list(np.bincount(y_train)) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert list(np.bincount(y_test)) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_splits_are_scaled_seeded_and_disjoint(mnist_path, monkeypatch):
    monkeypatch.setenv(MNIST_PATH_VARIABLE, mnist_path)
    (x_train, y_train), test = load_mnist()
    # read the file once (0.4 s a time): the repeated splits below are about the split, not the file
    monkeypatch.setattr(lib.data, "load_mnist", lambda: ((x_train.copy(), y_train.copy()), test))
    first, again = mnist_splits(), mnist_splits()
    assert first.x_train.shape == (59500, 28, 28) and first.x_valid.shape == (500, 28, 28)
    assert first.x_train.dtype == np.float32 and 0 <= first.x_train.min() and first.x_train.max() == 1
    assert np.array_equal(first.x_valid, again.x_valid)
    assert not np.array_equal(mnist_splits(seed=1).x_valid, first.x_valid)
    # every validation image comes from the training set, and none is also a training image
    train_rows = {row.tobytes() for row in (first.x_train * 255).round().astype(np.uint8)}
    valid_rows = [row.tobytes() for row in (first.x_valid * 255).round().astype(np.uint8)]
    assert sum(row in train_rows for row in valid_rows) <= 5  # MNIST holds a few duplicate images
    assert len(first.x_train) + len(first.x_valid) == len(x_train)


def test_missing_local_file_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv(MNIST_PATH_VARIABLE, str(tmp_path / "nowhere.npz"))
    with pytest.raises(FileNotFoundError, match="COURSE_MNIST_PATH.*no file there"):
        load_mnist()


def test_file_that_is_not_npz_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "mnist.npz"
    path.write_bytes(b"this is not a zip archive")
    monkeypatch.setenv(MNIST_PATH_VARIABLE, str(path))
    with pytest.raises(DataFileError, match="not a readable .npz"):
        load_mnist()


def test_truncated_file_is_refused(mnist_path, tmp_path, monkeypatch):
    path = tmp_path / "mnist.npz"
    path.write_bytes(open(mnist_path, "rb").read()[:100_000])
    monkeypatch.setenv(MNIST_PATH_VARIABLE, str(path))
    with pytest.raises(DataFileError):
        load_mnist()


def test_missing_array_wrong_dtype_and_wrong_values_are_refused(tmp_path, monkeypatch):
    arrays = fake_mnist()
    del arrays["y_test"]
    monkeypatch.setenv(MNIST_PATH_VARIABLE, write_npz(tmp_path / "a.npz", **arrays))
    with pytest.raises(DataFileError, match="no array 'y_test'"):
        load_mnist()

    monkeypatch.setenv(
        MNIST_PATH_VARIABLE,
        write_npz(tmp_path / "b.npz", **fake_mnist(x_train=np.zeros((60000, 28, 28), dtype=np.float32))),
    )
    with pytest.raises(DataFileError, match="x_train is float32"):
        load_mnist()

    monkeypatch.setenv(MNIST_PATH_VARIABLE, write_npz(tmp_path / "c.npz", **fake_mnist()))
    with pytest.raises(DataFileError, match="SHA-256 mismatch"):
        load_mnist()


def test_a_npy_file_in_place_of_mnist_npz_gets_a_clear_error(tmp_path, monkeypatch):
    """It used to crash with an unrelated TypeError (an array is no context manager)."""
    path = tmp_path / "x_train.npy"
    np.save(path, np.zeros((3, 28, 28), dtype=np.uint8))
    monkeypatch.setenv(MNIST_PATH_VARIABLE, str(path))
    with pytest.raises(DataFileError, match=r"x_train.npy .*COURSE_MNIST_PATH.* single array \(a .npy file\)"):
        load_mnist()


def test_pickled_arrays_are_never_loaded(tmp_path, monkeypatch):
    arrays = fake_mnist(x_train=np.array([{"not": "pixels"}], dtype=object))
    monkeypatch.setenv(MNIST_PATH_VARIABLE, write_npz(tmp_path / "pickle.npz", **arrays))
    with pytest.raises(DataFileError, match="not a readable .npz"):
        load_mnist()


@pytest.mark.parametrize(
    "dataset, loader, variable, name",
    [
        ("mnist", load_mnist, MNIST_PATH_VARIABLE, "MNIST"),
        ("fashion_mnist", load_fashion_mnist, FASHION_PATH_VARIABLE, "Fashion-MNIST"),
    ],
)
def test_offline_without_local_copy_gives_one_clear_error(monkeypatch, dataset, loader, variable, name):
    import keras

    def no_internet():
        raise Exception(f"URL fetch failure on https://storage.googleapis.com/{dataset}: None")

    monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(getattr(keras.datasets, dataset), "load_data", no_internet)
    monkeypatch.setattr(keras.utils, "get_file", lambda *args, **kwargs: no_internet())
    with pytest.raises(RuntimeError, match=f"Could not download {name}.*{variable}"):
        loader()


def test_scale_to_unit_maps_grey_levels_and_rejects_floats():
    scaled = scale_to_unit(np.array([[0, 51, 255]], dtype=np.uint8))
    assert scaled.dtype == np.float32
    np.testing.assert_allclose(scaled, [[0.0, 0.2, 1.0]])
    with pytest.raises(TypeError, match="expected uint8"):
        scale_to_unit(scaled)


def write_idx(path, magic, array):
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in array.shape)
    with gzip.open(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


@pytest.fixture(scope="module")
def fake_fashion_files(tmp_path_factory):
    """Files laid out like the original Fashion-MNIST ones, holding 0, 1, ..., 9, 0, 1, ... (made once)."""
    folder = tmp_path_factory.mktemp("fake_fashion")
    for name, (magic, shape, _) in FASHION_FILES.items():
        size = int(np.prod(shape))  # np.tile: arange(size) % 10 took a second
        write_idx(folder / name, magic, np.tile(np.arange(10, dtype=np.uint8), size // 10 + 1)[:size].reshape(shape))
    return folder


@pytest.fixture
def fake_fashion(fake_fashion_files, tmp_path):
    """A copy of those files of the test's own, which it may damage."""
    for file in fake_fashion_files.iterdir():
        shutil.copyfile(file, tmp_path / file.name)
    return tmp_path


def test_fashion_mnist_from_the_installed_original_files(monkeypatch):
    folder = "/usr/share/datasets/fashion-mnist"
    if not os.path.isdir(folder):
        pytest.skip("Debian's dataset-fashion-mnist is not installed")
    monkeypatch.setenv(FASHION_PATH_VARIABLE, folder)
    (x_train, y_train), (x_test, y_test) = load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8 and x_test.shape == (10000, 28, 28)
    assert list(np.bincount(y_train)) == [6000] * 10 and list(np.bincount(y_test)) == [1000] * 10


def test_read_idx_reads_what_the_header_announces(fake_fashion):
    labels = read_idx(str(fake_fashion / "train-labels-idx1-ubyte.gz"), 2049, (60000,))
    assert labels.shape == (60000,) and list(labels[:12]) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]


def test_files_of_the_right_format_but_other_values_are_refused_by_checksum(fake_fashion, monkeypatch):
    """MNIST's own files under Fashion-MNIST's names used to load silently: same format, other data."""
    monkeypatch.setenv(FASHION_PATH_VARIABLE, str(fake_fashion))
    with pytest.raises(
        DataFileError,
        match=r"train-images-idx3-ubyte.gz: its content differs.*SHA-256.*"
        r"reinstall dataset-fashion-mnist",
    ):
        load_fashion_mnist()


def test_a_corrupt_gzip_stream_is_a_clear_error_not_a_bare_zlib_error(tmp_path):
    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    data = bytearray(gzip.compress(np.arange(10000, dtype=np.uint8).tobytes() * 4))
    data[40:60] = b"\xff" * 20  # damage inside the deflate stream
    path.write_bytes(bytes(data))
    with pytest.raises(DataFileError, match="t10k-labels-idx1-ubyte.gz is not a readable gzip file"):
        read_idx(str(path), 2049, (10000,))


def test_a_half_downloaded_file_in_keras_cache_is_named_with_what_to_do(fake_fashion, monkeypatch):
    import keras

    first = fake_fashion / "train-images-idx3-ubyte.gz"
    first.write_bytes(first.read_bytes()[:5000])  # the download broke off
    monkeypatch.delenv(FASHION_PATH_VARIABLE, raising=False)
    monkeypatch.setattr(keras.utils, "get_file", lambda name, **kwargs: str(fake_fashion / name))
    with pytest.raises(DataFileError, match="train-images-idx3-ubyte.gz is not a readable gzip.*delete it"):
        load_fashion_mnist()


def test_fashion_mnist_missing_folder_or_file_says_what_to_do(fake_fashion, tmp_path, monkeypatch):
    monkeypatch.setenv(FASHION_PATH_VARIABLE, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="COURSE_FASHION_MNIST_PATH.*no folder there"):
        load_fashion_mnist()
    (fake_fashion / "t10k-labels-idx1-ubyte.gz").unlink()
    monkeypatch.setenv(FASHION_PATH_VARIABLE, str(fake_fashion))
    with pytest.raises(FileNotFoundError, match="t10k-labels-idx1-ubyte.gz is missing"):
        load_fashion_mnist()


def test_corrupt_idx_files_are_refused(tmp_path):
    path = tmp_path / "images.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(DataFileError, match="not a readable gzip"):
        read_idx(str(path), 2051, (2, 28, 28))
    write_idx(path, 2049, np.zeros((2, 28, 28)))  # a labels magic number on an images file
    with pytest.raises(DataFileError, match="magic number 2049, expected 2051"):
        read_idx(str(path), 2051, (2, 28, 28))
    write_idx(path, 2051, np.zeros((3, 28, 28)))
    with pytest.raises(DataFileError, match=r"header says \(3, 28, 28\).*expected \(2, 28, 28\)"):
        read_idx(str(path), 2051, (2, 28, 28))
    with gzip.open(path, "wb") as file:  # right header, data cut short
        file.write((2051).to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in (2, 28, 28)) + b"\0" * 100)
    with pytest.raises(DataFileError, match="truncated"):
        read_idx(str(path), 2051, (2, 28, 28))
    path.write_bytes(gzip.compress(b"\0" * 40)[:-10])  # a gzip stream cut short
    with pytest.raises(DataFileError, match="not a readable gzip"):
        read_idx(str(path), 2051, (2, 28, 28))
