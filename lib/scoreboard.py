"""One row per denoiser: its PSNR and SSIM on the test images, and what it costs.

    board = Scoreboard(x_test)
    with Stopwatch() as clock:
        denoised = denoise(x_test_noisy)
    board.add("my denoiser", denoised, seconds=clock.seconds)   # prints the rounded scores
    print(board.table())                                          # every row, with timings

The scores are deterministic and printed rounded, so a notebook can compare them run after
run; the timings are not, so they appear only in ``table()``.
"""

import time
from dataclasses import dataclass

import numpy as np

from lib.metrics import describe, per_image_psnr, per_image_ssim
from lib.images import check_unit


class Stopwatch:
    """``with Stopwatch() as clock: ...`` then ``clock.seconds``: wall-clock seconds taken."""

    def __enter__(self):
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exception):
        self.seconds = time.perf_counter() - self._started


@dataclass
class Entry:
    """One denoiser's scores on the test images it was given, and its costs.

    ``psnr`` (dB) and ``ssim`` hold one value per image; ``indices`` says which test
    images. ``ms_per_image``: wall-clock milliseconds to denoise one image, in a batch;
    ``parameters`` and ``seconds_per_epoch`` (training) only for learned models.
    """

    name: str
    psnr: np.ndarray
    ssim: np.ndarray
    indices: np.ndarray
    ms_per_image: float | None = None
    parameters: int | None = None
    seconds_per_epoch: float | None = None

    def __str__(self):
        return f"{self.name}: PSNR {describe(self.psnr, 'dB')} · SSIM {describe(self.ssim, digits=3)}"


class Scoreboard(dict):
    """``{name: Entry}`` for denoisers scored against the same clean test images."""

    def __init__(self, clean):
        super().__init__()
        self.clean = check_unit(clean, "clean")

    def add(self, name, denoised, *, indices=None, seconds=None, parameters=None, seconds_per_epoch=None):
        """Score ``denoised`` against the clean images, keep it as row ``name``, print its scores.

        ``denoised``: in [0, 1], the same shape as the clean images, or as the subset of
        them that ``indices`` selects. ``seconds``: wall-clock time it took to make them.
        A name already on the board is refused (``del board[name]`` first to score it again).
        """
        if name in self:
            raise ValueError(f"{name!r} is already on the board; choose another name, or `del board[{name!r}]` first.")
        indices = np.arange(len(self.clean)) if indices is None else np.asarray(indices)
        denoised = check_unit(denoised, f"the output of {name}")
        clean = self.clean[indices]
        entry = Entry(
            name,
            per_image_psnr(denoised, clean),
            per_image_ssim(denoised, clean),
            indices,
            None if seconds is None else 1000 * seconds / len(indices),
            parameters,
            seconds_per_epoch,
        )
        self[name] = entry
        print(entry)

    def mean(self, name, metric, indices=None):
        """Mean ``metric`` ('psnr' or 'ssim') of row ``name``, over ``indices`` only if given."""
        entry = self[name]
        values = getattr(entry, metric)
        if indices is None:
            return float(values.mean())
        where = {index: position for position, index in enumerate(entry.indices)}
        missing = [index for index in indices if index not in where]
        if missing:
            raise ValueError(f"{name!r} was not scored on test images {missing[:5]}...")
        return float(values[[where[index] for index in indices]].mean())

    def table(self):
        """Every row as an aligned text table: size, cost, and mean ± spread of each score."""
        number = lambda value, spec: "—" if value is None else format(value, spec)  # noqa: E731
        lines = [
            f"{'method':34} {'parameters':>10} {'s/epoch':>8} {'ms/image':>9} {'images':>7} "
            f"{'PSNR (dB)':>14} {'SSIM':>14}"
        ]
        for entry in self.values():
            lines.append(
                f"{entry.name:34} {number(entry.parameters, ','):>10} {number(entry.seconds_per_epoch, '.1f'):>8} "
                f"{number(entry.ms_per_image, '.2f'):>9} {len(entry.indices):>7,} "
                f"{describe(entry.psnr):>14} {describe(entry.ssim, digits=3):>14}"
            )
        return "\n".join(lines)


def predict_images(model, images, batch_size=500):
    """``model`` run on ``images``, reshaped to what it reads and back.

    ``images``: (n, 28, 28, 1) or any layout with the same pixels per image; a dense model
    reads rows of 784 pixels. Returns the model's output in the shape of ``images``.
    """
    output = model.predict(images.reshape(-1, *model.input_shape[1:]), batch_size=batch_size, verbose=0)
    return output.reshape(images.shape)


def score_model(board, name, model, noisy, history=None):
    """Denoise ``noisy`` (the board's test images, noisy) with ``model``, time it, add row ``name``.

    The row records the model's parameter count and, given the ``History`` from
    ``lib.cache.fit_or_load``, its training seconds per epoch. Returns the denoised images.
    """
    with Stopwatch() as clock:
        denoised = predict_images(model, noisy)
    seconds_per_epoch = None if history is None else history.seconds_per_epoch
    board.add(
        name, denoised, seconds=clock.seconds, parameters=model.count_params(), seconds_per_epoch=seconds_per_epoch
    )
    return denoised
