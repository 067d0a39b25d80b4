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
  ``/usr/share/datasets/fashion-mnist``), otherwise Keras downloads them.
"""

import gzip
import hashlib
import os
import zipfile
from dataclasses import dataclass

import numpy as np

from lib.images import scale_to_unit  # chapters 5 and 6 import it from here

MNIST_PATH_VARIABLE = "COURSE_MNIST_PATH"
FASHION_PATH_VARIABLE = "COURSE_FASHION_MNIST_PATH"

#: The original Fashion-MNIST files: name -> (IDX magic number, shape).
FASHION_FILES = {
    "train-images-idx3-ubyte.gz": (2051, (60000, 28, 28)),
    "train-labels-idx1-ubyte.gz": (2049, (60000,)),
    "t10k-images-idx3-ubyte.gz": (2051, (10000, 28, 28)),
    "t10k-labels-idx1-ubyte.gz": (2049, (10000,)),
}

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
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
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
    x_train, y_train, x_test, y_test = (read_idx(os.path.join(folder, name), magic, shape)
                                        for name, (magic, shape) in FASHION_FILES.items())
    return (x_train, y_train), (x_test, y_test)


def read_idx(path, magic, shape):
    """Read one gzip'd IDX file (the format of the original MNIST files) into a uint8 array.

    ``magic``: the expected magic number (2051 for images, 2049 for labels); ``shape``: the
    expected shape. Raises FileNotFoundError if the file is missing and DataFileError if it
    is not gzip, not IDX, or holds a different number or size of items.
    """
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path} is missing ({FASHION_PATH_VARIABLE} names its folder).")
    try:
        with gzip.open(path, "rb") as file:
            data = file.read()
    except (OSError, EOFError) as error:
        raise DataFileError(f"{path} is not a readable gzip file ({error}); replace it with the original.") from error
    header = 4 * (1 + len(shape))
    found_magic = int.from_bytes(data[:4], "big") if len(data) >= 4 else None
    if found_magic != magic:
        raise DataFileError(f"{path}: IDX magic number {found_magic}, expected {magic}; it is not this kind of file.")
    dims = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(len(shape)))
    if dims != shape or len(data) != header + int(np.prod(shape)):
        raise DataFileError(
            f"{path}: header says {dims} with {len(data) - header} bytes of data, expected {shape}; "
            f"the file is truncated or another data set. Replace it with the original."
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _download_fashion_mnist():
    import keras

    try:
        return keras.datasets.fashion_mnist.load_data()
    except Exception as error:  # Keras raises plain Exception for a failed fetch
        raise RuntimeError(
            f"Could not download Fashion-MNIST through Keras ({error}). Without internet, set "
            f"{FASHION_PATH_VARIABLE} to a folder with the original gzip'd IDX files, for example "
            f"`export {FASHION_PATH_VARIABLE}=/usr/share/datasets/fashion-mnist` after "
            f"`apt-get install dataset-fashion-mnist` (Debian, Ubuntu)."
        ) from error


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
