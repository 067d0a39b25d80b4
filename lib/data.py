"""Load MNIST (and Fashion-MNIST) exactly as Keras' loaders return them, and split MNIST.

Where the data comes from
-------------------------
* If the environment variable ``COURSE_MNIST_PATH`` is set, it names a local ``mnist.npz``
  (keys ``x_train``, ``y_train``, ``x_test``, ``y_test``; uint8). The file is read with
  ``allow_pickle=False`` and every array is checked against the published SHA-256 of
  MNIST, so a truncated or altered file is refused rather than trained on.
* Otherwise Keras downloads MNIST into ``~/.keras/datasets`` on first use. Offline and
  without a local copy, you get one error that says how to fix it.
* Fashion-MNIST follows the same pattern: ``COURSE_FASHION_MNIST_PATH`` names a folder
  with the original gzip'd IDX files (Debian's ``dataset-fashion-mnist`` installs them in
  ``/usr/share/datasets/fashion-mnist``), otherwise Keras downloads them into
  ``~/.keras/datasets/fashion-mnist``. Either way each file's content (after gunzip) is
  checked against the SHA-256 of Zalando's original, so MNIST's files under Fashion-MNIST's
  names, or a half-downloaded file, are refused with a message naming the file.
"""

import gzip
import hashlib
import os
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np

from lib.images import scale_to_unit  # chapters 6 and 7 import it from here

MNIST_PATH_VARIABLE = "COURSE_MNIST_PATH"
FASHION_PATH_VARIABLE = "COURSE_FASHION_MNIST_PATH"

#: The original Fashion-MNIST files: name -> (IDX magic number, shape, SHA-256 of the
#: gunzip'd file). The checksums are of the content, not of the .gz, which Debian recompressed.
FASHION_FILES = {
    "train-images-idx3-ubyte.gz": (
        2051,
        (60000, 28, 28),
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    ),
    "train-labels-idx1-ubyte.gz": (2049, (60000,), "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte.gz": (
        2051,
        (10000, 28, 28),
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    ),
    "t10k-labels-idx1-ubyte.gz": (2049, (10000,), "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}
FASHION_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"  # where Keras fetches them

#: Shape and SHA-256 of each array's bytes (``arr.tobytes()``), as Keras serves MNIST.
MNIST_ARRAYS = {
    "x_train": ((60000, 28, 28), "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"),
    "y_train": ((60000,), "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13"),
    "x_test": ((10000, 28, 28), "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161"),
    "y_test": ((10000,), "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"),
}


class DataFileError(ValueError):
    """A local data file exists but is not the data set it claims to be."""


def load_mnist():
    """Return ``(x_train, y_train), (x_test, y_test)`` exactly as Keras' loader does.

    Images are uint8 arrays of shape (n, 28, 28) with grey levels 0..255; labels are uint8
    arrays of shape (n,) with digits 0..9; n is 60,000 for training and 10,000 for testing.
    """
    path = os.environ.get(MNIST_PATH_VARIABLE)
    arrays = _read_local_mnist(path) if path else _download_mnist()
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _read_local_mnist(path):
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"{MNIST_PATH_VARIABLE} is set to {path!r}, but there is no file there. "
            f"Point it at a copy of mnist.npz, or unset it to let Keras download MNIST."
        )
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise DataFileError(
                f"{path} (from {MNIST_PATH_VARIABLE}) holds a single array (a .npy file), not the .npz "
                f"archive of x_train, y_train, x_test and y_test. Point it at mnist.npz."
            )
        with loaded as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        if isinstance(error, DataFileError):
            raise
        raise DataFileError(
            f"{path} (from {MNIST_PATH_VARIABLE}) is not a readable .npz file ({error}). "
            f"Replace it with a fresh copy of mnist.npz."
        ) from error
    missing = sorted(set(MNIST_ARRAYS) - set(arrays))
    if missing:
        raise DataFileError(f"{path} has no array {missing[0]!r} (it has {sorted(arrays)}); it is not mnist.npz.")
    for key, (shape, _) in MNIST_ARRAYS.items():
        if arrays[key].dtype != np.uint8 or arrays[key].shape != shape:
            raise DataFileError(
                f"{path}: {key} is {arrays[key].dtype} {arrays[key].shape}, expected uint8 {shape}. "
                f"Replace it with a fresh copy of mnist.npz."
            )
    for key, (_, sha256) in MNIST_ARRAYS.items():
        if hashlib.sha256(arrays[key].tobytes()).hexdigest() != sha256:
            raise DataFileError(
                f"{path}: the values of {key} differ from MNIST's (SHA-256 mismatch); the file is "
                f"corrupt or another data set. Replace it with a fresh copy of mnist.npz."
            )
    return arrays


def _download_mnist():
    import keras

    try:
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # Keras raises plain Exception for a failed fetch
        raise RuntimeError(
            f"Could not download MNIST through Keras ({error}). Without internet, set "
            f"{MNIST_PATH_VARIABLE} to a local mnist.npz, for example "
            f"`export {MNIST_PATH_VARIABLE}=/path/to/mnist.npz` before starting Jupyter."
        ) from error
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def load_fashion_mnist():
    """Return ``(x_train, y_train), (x_test, y_test)`` as ``keras.datasets.fashion_mnist`` does.

    Images: uint8 (n, 28, 28), grey levels 0..255; labels: uint8 (n,), classes 0..9
    (T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot);
    n is 60,000 for training and 10,000 for testing.
    """
    folder = os.environ.get(FASHION_PATH_VARIABLE)
    if not folder:
        return _download_fashion_mnist()
    if not os.path.isdir(folder):
        raise FileNotFoundError(
            f"{FASHION_PATH_VARIABLE} is set to {folder!r}, but there is no folder there. Point it at "
            f"the folder holding train-images-idx3-ubyte.gz and the other three files, or unset it."
        )
    return _read_fashion(
        {name: os.path.join(folder, name) for name in FASHION_FILES},
        f"replace it with Zalando's original (Debian: apt-get install --reinstall "
        f"dataset-fashion-mnist), or unset {FASHION_PATH_VARIABLE} to download them",
    )


def _read_fashion(paths, remedy):
    """The four arrays from ``paths`` ({file name: path}); ``remedy`` ends every error message."""
    missing = [path for path in paths.values() if not os.path.isfile(path)]
    if missing:  # before reading 30 MB of the others
        raise FileNotFoundError(f"{missing[0]} is missing ({FASHION_PATH_VARIABLE} names its folder).")
    x_train, y_train, x_test, y_test = (
        read_idx(paths[name], magic, shape, sha256, remedy) for name, (magic, shape, sha256) in FASHION_FILES.items()
    )
    return (x_train, y_train), (x_test, y_test)


def read_idx(path, magic, shape, sha256=None, remedy="replace it with the original"):
    """Read one gzip'd IDX file (the format of the original MNIST files) into a uint8 array.

    ``magic``: the expected magic number (2051 for images, 2049 for labels); ``shape``: the
    expected shape; ``sha256``: if given, the SHA-256 the gunzip'd file must have.
    Raises FileNotFoundError if the file is missing and DataFileError if it is not gzip,
    not IDX, holds a different number or size of items, or other values; ``remedy`` says
    what to do, at the end of the message.
    """
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path} is missing ({FASHION_PATH_VARIABLE} names its folder).")
    try:
        with gzip.open(path, "rb") as file:
            data = file.read()
    except (OSError, EOFError, zlib.error) as error:
        raise DataFileError(f"{path} is not a readable gzip file ({error}); {remedy}.") from error
    header = 4 * (1 + len(shape))
    found_magic = int.from_bytes(data[:4], "big") if len(data) >= 4 else None
    if found_magic != magic:
        raise DataFileError(
            f"{path}: IDX magic number {found_magic}, expected {magic}; it is not this kind "
            f"of file. {remedy[0].upper() + remedy[1:]}."
        )
    dims = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(len(shape)))
    if dims != shape or len(data) != header + int(np.prod(shape)):
        raise DataFileError(
            f"{path}: header says {dims} with {len(data) - header} bytes of data, expected {shape}; "
            f"the file is truncated or another data set; {remedy}."
        )
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise DataFileError(
            f"{path}: its content differs from the original's (SHA-256 mismatch); it is "
            f"another data set (MNIST under Fashion-MNIST's name?) or damaged; {remedy}."
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _download_fashion_mnist():
    import keras

    try:  # what keras.datasets.fashion_mnist.load_data does, but the files are then checked here
        paths = {
            name: keras.utils.get_file(
                name, origin=FASHION_URL + name, cache_subdir=os.path.join("datasets", "fashion-mnist")
            )
            for name in FASHION_FILES
        }
    except Exception as error:  # Keras raises plain Exception for a failed fetch
        raise RuntimeError(
            f"Could not download Fashion-MNIST through Keras ({error}). Without internet, set "
            f"{FASHION_PATH_VARIABLE} to a folder with the original gzip'd IDX files, for example "
            f"`export {FASHION_PATH_VARIABLE}=/usr/share/datasets/fashion-mnist` after "
            f"`apt-get install dataset-fashion-mnist` (Debian, Ubuntu)."
        ) from error
    return _read_fashion(paths, "delete it, and Keras will download it again")


@dataclass(frozen=True)
class MnistSplits:
    """MNIST as the models see it: float32 images in [0, 1], shape (n, 28, 28), and labels.

    ``train`` has 59,500 images, ``valid`` the 500 held out from training, ``test`` 10,000.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_valid: np.ndarray
    y_valid: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def mnist_splits(valid_size=500, seed=42):
    """Load MNIST, scale it to [0, 1] and hold ``valid_size`` training images out.

    The split is scikit-learn's ``train_test_split`` with ``random_state=seed``: chapter 1
    does these steps by hand, and every later chapter gets the same arrays from here.
    """
    from sklearn.model_selection import train_test_split

    (x_train, y_train), (x_test, y_test) = load_mnist()
    x_train, x_valid, y_train, y_valid = train_test_split(
        scale_to_unit(x_train), y_train, test_size=valid_size, random_state=seed
    )
    return MnistSplits(x_train, y_train, x_valid, y_valid, scale_to_unit(x_test), y_test)
