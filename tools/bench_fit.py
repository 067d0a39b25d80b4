"""Does ``steps_per_execution`` make CPU training faster without changing it? A short check.

    python tools/bench_fit.py [images] [repeats] [values]     # defaults: 4000 4 1,16

Trains the course's convolutional and dense autoencoders for 3 epochs on the first
``images`` training digits (batches of 128, seed 0), once per ``steps_per_execution``
value, the values interleaved and their order reversed every other round, ``repeats``
rounds. Prints, per run, the wall-clock and the process CPU seconds of epochs 2 and 3
(epoch 1 also traces the graph) and whether the losses and the trained weights are
bit-identical to those of ``steps_per_execution=1``; then the medians and ranges. On a
shared machine the CPU seconds are the steadier measure. Asserts nothing; changes nothing.
"""

import sys
import time

import lib  # noqa: F401  (first: a quiet TensorFlow import)
import keras
import numpy as np

from lib.data import mnist_splits
from lib.models import convolutional_autoencoder, simple_autoencoder
from lib.training import set_seed


class EpochClock(keras.callbacks.Callback):
    """Wall-clock and process CPU seconds of every epoch."""

    def on_train_begin(self, logs=None):
        self.wall, self.cpu = [], []

    def on_epoch_begin(self, epoch, logs=None):
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def on_epoch_end(self, epoch, logs=None):
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)


def run(kind, images, steps):
    """Train one model; returns (wall seconds, CPU seconds) of epochs 2-3, losses, weights."""
    set_seed(0)
    if kind == "conv":
        model, x = convolutional_autoencoder(), images[..., np.newaxis]
    else:
        model, x = simple_autoencoder()[0], images.reshape(len(images), -1)
    model.compile(optimizer="adam", loss="binary_crossentropy", steps_per_execution=steps)
    clock = EpochClock()
    keras.utils.set_random_seed(0)
    history = model.fit(x, x, epochs=3, batch_size=128, verbose=0, callbacks=[clock])
    return sum(clock.wall[1:]), sum(clock.cpu[1:]), history.history["loss"], model.get_weights()


def main(count=4000, repeats=4, values=(1, 16)):
    images = mnist_splits().x_train[:count]
    rows = {}
    for round_ in range(repeats):
        for kind in ("conv", "dense"):
            for steps in values if round_ % 2 == 0 else values[::-1]:
                wall, cpu, losses, weights = run(kind, images, steps)
                rows.setdefault((kind, steps), []).append((wall, cpu, losses, weights))
                reference = rows.get((kind, 1), [(None, None, losses, weights)])[0]
                same = reference[2] == losses and all(map(np.array_equal, reference[3], weights))
                print(
                    f"round {round_} {kind:5} steps_per_execution={steps:<3} epochs 2-3: {wall:6.2f} s wall, "
                    f"{cpu:6.2f} s CPU; identical to steps_per_execution=1: {same}",
                    flush=True,
                )
    print(f"\n{'model':5} {'steps':>5} {'wall s (median, min-max)':>26} {'CPU s (median, min-max)':>26}")
    for (kind, steps), runs in rows.items():
        wall, cpu = np.array([run[0] for run in runs]), np.array([run[1] for run in runs])
        print(
            f"{kind:5} {steps:5} {np.median(wall):10.2f} ({wall.min():5.2f}-{wall.max():5.2f})     "
            f"{np.median(cpu):10.2f} ({cpu.min():5.2f}-{cpu.max():5.2f})"
        )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        int(arguments[0]) if arguments else 4000,
        int(arguments[1]) if len(arguments) > 1 else 4,
        tuple(int(value) for value in arguments[2].split(",")) if len(arguments) > 2 else (1, 16),
    )
