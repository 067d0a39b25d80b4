"""Denoise your own photo: ``python -m lib.denoise IN OUT [--sigma S] [--method M]``.

Reads any image Pillow reads (grey, RGB, RGBA, 8 or 16 bits per channel, any size),
estimates the noise level when none is given, denoises with BM3D (the best method of
chapter 8) or the pretrained DnCNN-17 (about 3 times faster), and writes the result in the
input's mode and bit depth. The input is never modified; an existing output is replaced
only with ``--replace``. An alpha channel is copied unchanged.

    python -m lib.denoise noisy.png clean.png                 # sigma estimated, BM3D
    python -m lib.denoise noisy.png clean.png --sigma 25      # sigma on the 0-255 scale
    python -m lib.denoise noisy.png clean.png --method dncnn  # the faster network
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

METHODS = ("bm3d", "dncnn")
MAX_PIXELS = 40_000_000  # 40 megapixels: BM3D needs several GB and many minutes beyond that
TILE, MARGIN = 512, 24  # the network sees 512 x 512 tiles (+24 px of context): about 1 GB at most


class DenoiseError(ValueError):
    """Bad input or output for ``denoise_file``; the message says what to do."""


def estimate_noise_sigma(image):
    """Noise standard deviation of a (h, w) or (h, w, 3) image in [0, 1], on the [0, 1] scale.

    scikit-image's wavelet estimate (median absolute deviation of the finest diagonal
    wavelet coefficients, Donoho and Johnstone), averaged over the channels. Fine texture
    counts as noise too, so on a clean textured photo it reads a few units (of 255) high.
    """
    from skimage.restoration import estimate_sigma

    return float(estimate_sigma(image, channel_axis=-1 if image.ndim == 3 else None, average_sigmas=True))


def dncnn_denoise(image, sigma, model=None):
    """The pretrained DnCNN-17 on a (h, w) grey image in [0, 1], in tiles: (h, w), clipped to [0, 1].

    ``sigma`` (0-1 scale) picks the variant trained nearest it (``lib.pretrained.variant_for``)
    unless ``model`` is given. The image is padded by wrapping around and cut into tiles of
    ``TILE`` pixels with ``MARGIN`` pixels of context, more than the network's reach of 17,
    so the result equals that of the whole image at once while memory stays bounded.
    """
    from lib.pretrained import pretrained_dncnn, variant_for

    model = model or pretrained_dncnn(variant_for(sigma))
    h, w = image.shape
    padded = np.pad(image.astype("float32"), MARGIN, mode="wrap")
    out = np.empty((h, w), dtype="float32")
    for top in range(0, h, TILE):
        for left in range(0, w, TILE):
            tile = padded[top : top + min(TILE, h - top) + 2 * MARGIN, left : left + min(TILE, w - left) + 2 * MARGIN]
            result = model(tile[None, ..., None], training=False).numpy()[0, ..., 0]
            out[top : top + TILE, left : left + TILE] = result[MARGIN:-MARGIN, MARGIN:-MARGIN]
    return np.clip(out, 0, 1)


def denoise_image(image, sigma, method="bm3d"):
    """Denoise a (h, w) grey or (h, w, 3) RGB image in [0, 1] with noise ``sigma`` (0-1 scale).

    BM3D uses its colour mode on RGB (block matching on luminance); the DnCNN, trained on
    grey images, denoises each channel. Returns float64 of the same shape, clipped to [0, 1].
    """
    if method not in METHODS:
        raise DenoiseError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not (np.isfinite(sigma) and 0 < sigma < 1):
        raise DenoiseError(f"sigma must be between 0 and 1 on the [0, 1] scale, got {sigma!r}")
    image = np.asarray(image, dtype="float64")
    if method == "bm3d":
        import bm3d

        out = bm3d.bm3d_rgb(image, sigma_psd=sigma) if image.ndim == 3 else bm3d.bm3d(image, sigma_psd=sigma)
    elif image.ndim == 3:
        from lib.pretrained import pretrained_dncnn, variant_for

        model = pretrained_dncnn(variant_for(sigma))
        out = np.stack([dncnn_denoise(image[..., c], sigma, model) for c in range(3)], axis=-1)
    else:
        out = dncnn_denoise(image, sigma)
    return np.clip(out, 0, 1).astype("float64")


def read_image(path, max_pixels=MAX_PIXELS):
    """Read ``path`` -> (pixels in [0, 1] as (h, w) or (h, w, 3), alpha or None, how to write back).

    The last item is ``(Pillow mode, maximum value)`` for ``write_image``: 8-bit images come
    back as 8 bits, 16-bit as 16.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise DenoiseError(f"{path}: no such file")
    Image.MAX_IMAGE_PIXELS = None  # our own limit below, with a clearer message
    try:
        with Image.open(path) as opened:
            w, h = opened.size
            if w * h == 0:
                raise DenoiseError(f"{path}: the image is empty ({w} x {h} pixels)")
            if w * h > max_pixels:
                raise DenoiseError(
                    f"{path}: {w} x {h} pixels is more than {max_pixels:,}; "
                    "crop or downscale it first, or raise the limit with --max-pixels"
                )
            picture = opened.copy()
    except UnidentifiedImageError:
        raise DenoiseError(f"{path}: not an image Pillow can read") from None
    alpha = None
    if picture.mode in ("I;16", "I;16B", "I;16L", "I"):
        pixels, mode, peak = np.asarray(picture, dtype="float64"), "I;16", 65535.0
        if pixels.max() > peak or pixels.min() < 0:
            raise DenoiseError(f"{path}: 32-bit integer pixels outside 0-65535 are not supported")
    elif picture.mode == "F":
        raise DenoiseError(f"{path}: floating-point images are not supported; save it as 8 or 16 bits")
    else:
        if picture.mode == "P":
            picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
        if picture.mode in ("RGBA", "LA", "PA"):
            alpha = np.asarray(picture.getchannel("A"))
        mode = "L" if picture.mode in ("1", "L", "LA") else "RGB"
        pixels, peak = np.asarray(picture.convert(mode), dtype="float64"), 255.0
    return pixels / peak, alpha, (mode, peak)


def write_image(path, pixels, alpha, how):
    """Write ``pixels`` in [0, 1] (and ``alpha``) to ``path`` in the mode ``how`` from ``read_image``."""
    from PIL import Image

    mode, peak = how
    values = np.round(np.clip(pixels, 0, 1) * peak)
    picture = Image.fromarray(values.astype("uint16" if peak > 255 else "uint8"))
    if mode == "I;16":
        picture = picture.convert("I;16") if picture.mode != "I;16" else picture
    if alpha is not None:
        picture.putalpha(Image.fromarray(alpha))
    picture.save(path, format=Image.registered_extensions().get(Path(path).suffix.lower()))


def _check_output(source, target, replace):
    if target.resolve() == source.resolve():
        raise DenoiseError(f"{target}: the output would overwrite the input; choose another name")
    if target.exists() and not replace:
        raise DenoiseError(f"{target} already exists; choose another name, or pass --replace to overwrite it")
    if target.is_dir():
        raise DenoiseError(f"{target} is a folder; give a file name such as {target / 'denoised.png'}")
    if not target.parent.is_dir():
        raise DenoiseError(f"{target.parent}: no such folder for the output")
    from PIL import Image

    if target.suffix.lower() not in Image.registered_extensions():
        raise DenoiseError(f"{target}: unknown image type {target.suffix!r}; use .png or .tif, for example")
    try:  # can we write there at all? Find out before minutes of denoising, not after.
        tempfile.TemporaryFile(dir=target.parent).close()
    except OSError as error:
        raise DenoiseError(f"{target.parent}: cannot write there ({error.strerror})") from None


def denoise_file(source, target, sigma=None, method="bm3d", replace=False, max_pixels=MAX_PIXELS):
    """Denoise the image file ``source`` into ``target``; return the sigma used (0-255 scale).

    ``sigma``: the noise standard deviation on the 0-255 scale, or None to estimate it.
    The result is written to a temporary file beside ``target`` and moved into place, so a
    failure never leaves half a file, and an existing ``target`` is replaced only when
    ``replace`` is true. ``source`` is only read.
    """
    source, target = Path(source), Path(target)
    if method not in METHODS:
        raise DenoiseError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if sigma is not None and not (np.isfinite(sigma) and 0 < sigma < 255):
        raise DenoiseError(f"--sigma is on the 0-255 scale and must be between 0 and 255, got {sigma!r}")
    pixels, alpha, how = read_image(source, max_pixels)
    _check_output(source, target, replace)
    level = sigma / 255 if sigma is not None else estimate_noise_sigma(pixels)
    if level <= 0:
        raise DenoiseError(f"{source}: no noise found (estimated sigma 0); give --sigma if there is some")
    denoised = denoise_image(pixels, level, method)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix)
    os.close(handle)
    try:
        write_image(temporary, denoised, alpha, how)
        if replace:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if target appeared meanwhile: nothing is overwritten
    except FileExistsError:
        raise DenoiseError(f"{target} appeared while denoising; nothing was overwritten") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return level * 255


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lib.denoise", description=__doc__.splitlines()[0])
    parser.add_argument("input", help="the noisy image (any format Pillow reads)")
    parser.add_argument("output", help="where to write the denoised image (its extension sets the format)")
    parser.add_argument("--sigma", type=float, help="noise standard deviation on the 0-255 scale (default: estimated)")
    parser.add_argument("--method", choices=METHODS, default="bm3d", help="bm3d (best, default) or dncnn (faster)")
    parser.add_argument("--replace", action="store_true", help="overwrite OUTPUT if it exists")
    parser.add_argument(
        "--max-pixels", type=int, default=MAX_PIXELS, help=f"refuse larger images (default {MAX_PIXELS:,})"
    )
    args = parser.parse_args(argv)
    try:
        used = denoise_file(args.input, args.output, args.sigma, args.method, args.replace, args.max_pixels)
    except DenoiseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    how = "given" if args.sigma is not None else "estimated"
    print(f"denoised {args.input} -> {args.output} with {args.method}, sigma {used:.1f} ({how}, 0-255 scale)")
    return 0


if __name__ == "__main__":
    import lib  # noqa: F401  (a quiet TensorFlow start)

    sys.exit(main())
