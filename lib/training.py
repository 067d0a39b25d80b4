"""Seeding, and a compact progress display for ``model.fit``.

``model.fit(verbose=1)`` prints a bar per epoch with carriage returns and milliseconds per
step: fine on a terminal, but fifty of them bury a notebook page and change on every run.
``TrainingProgress`` shows one live line while training runs in Jupyter, then leaves only a
short, rounded summary in the stored output, so an executed notebook is the same each time.
"""

import sys
import time

import keras


def set_seed(seed):
    """Seed Python, NumPy and the backend, and ask TensorFlow for deterministic kernels.

    Call it right before building a model: the same seed then gives the same initial
    weights, the same shuffling and so the same trained model, run after run.
    """
    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


def _in_notebook():
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


class TrainingProgress(keras.callbacks.Callback):
    """Pass as ``callbacks=[TrainingProgress()]`` together with ``verbose=0``.

    In Jupyter: one line, updated after every epoch (a bar, the losses, seconds per
    epoch), that is emptied when training ends. Elsewhere: a plain line every
    ``every`` epochs. Either way it then prints the final losses rounded to ``digits``
    decimals, which is all a stored notebook keeps.
    """

    def __init__(self, every=10, digits=4, width=30):
        super().__init__()
        self.every, self.digits, self.width = every, digits, width
        self._display = None

    def on_train_begin(self, logs=None):
        self._epochs = self.params.get("epochs", 0)
        self._done, self._last_logs = 0, {}
        self._started = time.perf_counter()
        self._display = _empty_display()

    def on_epoch_end(self, epoch, logs=None):
        done = self._done = epoch + 1
        self._last_logs = dict(logs or {})
        seconds = (time.perf_counter() - self._started) / done
        filled = round(self.width * done / max(self._epochs, 1))
        line = (
            f"epoch {done}/{self._epochs} {'█' * filled}{'░' * (self.width - filled)} "
            f"{format_losses(logs, self.digits)} · {seconds:.1f} s/epoch"
        )
        if self._display is not None:
            self._display.update({"text/plain": line}, raw=True)
        elif done % self.every == 0 or done == self._epochs:
            print(line, file=sys.stderr, flush=True)

    def on_train_end(self, logs=None):
        if self._display is not None:
            self._display.update({"text/plain": ""}, raw=True)
        self.report(self._last_logs, self._done)

    def report(self, logs, epochs):
        """Print the one line a stored notebook keeps: final losses after ``epochs``."""
        print(f"after {epochs} {'epoch' if epochs == 1 else 'epochs'}: {format_losses(logs, self.digits)}")

    def replay(self, logs, epochs):
        """Leave exactly the output of a finished training run, for results loaded from a cache."""
        _empty_display()
        self.report(logs, epochs)


def _empty_display():
    """In Jupyter, an empty output to update in place (None elsewhere).

    It starts and ends empty, so what a stored notebook keeps does not depend on how fast
    training ran, nor on whether it ran at all.
    """
    if not _in_notebook():
        return None
    from IPython.display import display

    return display({"text/plain": ""}, raw=True, display_id=True)


def format_losses(logs, digits=4):
    """``{'loss': 0.09213, 'val_loss': 0.0925}`` -> ``'loss 0.0921 · val_loss 0.0925'``."""
    return " · ".join(f"{key} {value:.{digits}f}" for key, value in (logs or {}).items())
