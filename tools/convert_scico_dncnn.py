"""Convert scico's pretrained DnCNN-17 weights (flax msgpack) into one NumPy file for lib.

Run once by a maintainer, never by the chapters: the course does not depend on JAX, Flax
or scico. scico 0.0.7 (BSD-3-Clause, Los Alamos National Laboratory) ships DnCNN weights
as ``scico/data/flax/dncnn17{L,M,H}.mpk``; L, M and H were trained for Gaussian noise of
standard deviation 0.06, 0.10 and 0.20 on the [0, 1] scale.

    python -m venv /tmp/convert && /tmp/convert/bin/pip install msgpack numpy
    pip download --no-deps scico==0.0.7 -d /tmp/scico
    /tmp/convert/bin/python tools/convert_scico_dncnn.py /tmp/scico/scico-0.0.7-py3-none-any.whl

It writes ``lib/pretrained/scico_dncnn17.npz`` with, for each variant V in L, M, H:
``V/conv_start`` (3, 3, 1, 64), ``V/block{i}/kernel`` (3, 3, 64, 64) and
``V/block{i}/{scale,bias,mean,var}`` (64,) for i = 0 .. 14, ``V/conv_end`` (3, 3, 64, 1),
all float32; kernels are HWIO, as Keras' Conv2D holds them. It prints the file's SHA-256,
which ``lib.pretrained.WEIGHTS_SHA256`` must repeat. It also checks the file with a plain
NumPy forward pass (circular padding, no bias, batch norm with epsilon 1e-5, output =
input - network(input)), an implementation independent of the Keras port in lib.
"""

import hashlib
import io
import sys
import zipfile
from pathlib import Path

import msgpack
import numpy as np

VARIANTS = {"L": 0.06, "M": 0.10, "H": 0.20}
BLOCKS = 15  # 17 layers: conv_start, 15 conv + batch-norm blocks, conv_end
OUTPUT = Path(__file__).resolve().parent.parent / "lib" / "pretrained" / "scico_dncnn17.npz"


def _ndarray(code, data):
    """flax.serialization's msgpack extension 1: (shape, dtype name, raw bytes)."""
    if code != 1:
        raise ValueError(f"unexpected msgpack extension type {code}")
    shape, dtype, buffer = msgpack.unpackb(data)
    return np.frombuffer(buffer, dtype=dtype).reshape(shape)


def read_variant(wheel, variant):
    """The weights of ``dncnn17<variant>.mpk`` as flat ``{name: array}``."""
    tree = msgpack.unpackb(wheel.read(f"scico/data/flax/dncnn17{variant}.mpk"), ext_hook=_ndarray, raw=False)
    params, stats = tree["params"], tree["batch_stats"]
    expected = {"conv_start", "conv_end"} | {f"ConvBNBlock_{i}" for i in range(BLOCKS)}
    if set(params) != expected:
        raise ValueError(f"unexpected layers in dncnn17{variant}: {sorted(params)}")
    arrays = {
        f"{variant}/conv_start": params["conv_start"]["kernel"],
        f"{variant}/conv_end": params["conv_end"]["kernel"],
    }
    for i in range(BLOCKS):  # by number: the keys sort as strings (ConvBNBlock_0, _1, _10, ...)
        block, norm = params[f"ConvBNBlock_{i}"], stats[f"ConvBNBlock_{i}"]["BatchNorm_0"]
        arrays[f"{variant}/block{i}/kernel"] = block["Conv_0"]["kernel"]
        arrays[f"{variant}/block{i}/scale"] = block["BatchNorm_0"]["scale"]
        arrays[f"{variant}/block{i}/bias"] = block["BatchNorm_0"]["bias"]
        arrays[f"{variant}/block{i}/mean"] = norm["mean"]
        arrays[f"{variant}/block{i}/var"] = norm["var"]
    return {name: np.asarray(array, dtype="float32") for name, array in arrays.items()}


def _conv_circular(image, kernel):
    """(h, w, c_in) * (3, 3, c_in, c_out) with wrap-around padding -> (h, w, c_out)."""
    padded = np.pad(image, ((1, 1), (1, 1), (0, 0)), mode="wrap")
    h, w = image.shape[:2]
    out = np.zeros((h, w, kernel.shape[3]), dtype="float64")
    for dy in range(3):
        for dx in range(3):
            out += padded[dy : dy + h, dx : dx + w] @ kernel[dy, dx].astype("float64")
    return out


def numpy_dncnn(arrays, variant, image):
    """Reference forward pass of one variant on a (h, w) image in [0, 1] -> (h, w)."""
    x = image[..., None].astype("float64")
    y = np.maximum(_conv_circular(x, arrays[f"{variant}/conv_start"]), 0)
    for i in range(BLOCKS):
        get = lambda part: arrays[f"{variant}/block{i}/{part}"].astype("float64")  # noqa: E731
        y = _conv_circular(y, get("kernel"))
        y = (y - get("mean")) / np.sqrt(get("var") + 1e-5) * get("scale") + get("bias")
        y = np.maximum(y, 0)
    return (x - _conv_circular(y, arrays[f"{variant}/conv_end"]))[..., 0]


def main(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        arrays = {}
        for variant in VARIANTS:
            arrays.update(read_variant(wheel, variant))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    OUTPUT.write_bytes(buffer.getvalue())
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    print(f"SHA-256 {hashlib.sha256(OUTPUT.read_bytes()).hexdigest()}")
    # A sanity check of the converted file: each variant must remove most of the noise it
    # was trained for from a smooth test pattern.
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:32, 0:32] / 32
    clean = 0.5 + 0.3 * np.sin(6 * xx) * np.cos(4 * yy)
    for variant, sigma in VARIANTS.items():
        noisy = clean + rng.normal(0, sigma, clean.shape)
        before, after = np.mean((noisy - clean) ** 2), np.mean((numpy_dncnn(arrays, variant, noisy) - clean) ** 2)
        print(f"dncnn17{variant}: noisy MSE {before:.5f} -> denoised {after:.5f}")
        assert after < before / 3, f"dncnn17{variant} does not denoise: the conversion is wrong"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/convert_scico_dncnn.py path/to/scico-0.0.7-py3-none-any.whl")
    main(sys.argv[1])
