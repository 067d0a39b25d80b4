import json
import logging

import lib  # noqa: F401  (quiet TensorFlow import)
import numpy as np
import pytest

from lib.cache import CACHE_VARIABLE, cache_dir, fit_or_load
from lib.models import simple_autoencoder
from lib.training import TrainingProgress, format_losses, set_seed

X = np.random.default_rng(0).random((256, 784)).astype("float32")


def fresh_model(code_size=8):
    set_seed(0)
    return simple_autoencoder(code_size)[0]


def train(**overrides):
    settings = dict(epochs=2, batch_size=64, validation_data=(X[:32], X[:32]))
    settings.update(overrides)
    model = fresh_model(settings.pop("code_size", 8))
    return model, fit_or_load(model, X, X, **settings)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    return tmp_path


def test_format_losses_rounds_every_value():
    assert format_losses({"loss": 0.092134, "val_loss": 0.1}) == "loss 0.0921 · val_loss 0.1000"


def test_progress_outside_jupyter_prints_only_a_rounded_summary_on_stdout(capsys):
    model = fresh_model()
    model.fit(X, X, epochs=2, batch_size=64, verbose=0, callbacks=[TrainingProgress(every=1)])
    out, err = capsys.readouterr()
    assert out.startswith("after 2 epochs: loss 0.") and out.count("\n") == 1
    assert err.count("epoch ") == 2 and "s/epoch" in err  # the live lines, timings included


def test_in_jupyter_a_loaded_model_leaves_the_same_outputs_as_a_trained_one(cache, capsys, monkeypatch):
    """nbval compares stored outputs: they must not depend on whether the cache had the model."""
    import IPython.display

    import lib.training

    outputs, live_updates = [], []

    class Handle:  # a display that a later update replaces in place, as in a notebook
        def __init__(self, index):
            self.index = index

        def update(self, data, raw=False):
            outputs[self.index] = dict(data)
            live_updates.append(dict(data))

    def display(data, raw=False, display_id=False):
        outputs.append(dict(data))
        return Handle(len(outputs) - 1)

    monkeypatch.setattr(lib.training, "_in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", display)
    train()
    trained = (list(outputs), capsys.readouterr().out)
    assert any("epoch 2/2" in update["text/plain"] for update in live_updates)  # progress was shown
    outputs.clear()
    train()
    loaded = (list(outputs), capsys.readouterr().out)
    assert trained == loaded == ([{"text/plain": ""}], trained[1])
    assert trained[1].startswith("after 2 epochs: loss ")


def test_second_fit_loads_the_same_weights_and_history(cache, capsys):
    trained, first = train()
    printed_first = capsys.readouterr().out
    loaded, second = train()
    assert capsys.readouterr().out == printed_first  # same lines whether trained or loaded
    assert second.history == first.history and len(second.history["loss"]) == 2
    # the training time measured when it was trained, not the (much shorter) time to load
    assert second.seconds_per_epoch == pytest.approx(first.seconds_per_epoch, abs=0.001)
    assert first.seconds_per_epoch > 0
    for a, b in zip(trained.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert len(list(cache.glob("*.weights.npz"))) == 1


def test_anything_that_changes_training_gets_a_new_entry(cache):
    train()
    train(epochs=3)
    train(batch_size=32)
    train(seed=1)
    train(code_size=4)
    assert len(list(cache.glob("*.json"))) == 5


def test_sample_weights_reach_fit_and_the_key(cache):
    """Weights change what is learned, so they get their own entry; zero weight, no learning."""
    model = fresh_model()
    initial = model.get_weights()
    fit_or_load(model, X, X, epochs=1, batch_size=64, sample_weight=np.zeros(len(X), dtype="float32"))
    assert all(np.array_equal(a, b) for a, b in zip(initial, model.get_weights()))
    train(epochs=1)
    train(epochs=1, sample_weight=np.ones(len(X), dtype="float32"))
    assert len(list(cache.glob("*.json"))) == 3


def test_corrupt_or_tampered_entry_is_retrained_not_trusted(cache, capsys, caplog):
    caplog.set_level(logging.INFO, logger="lib.cache")
    trained, first = train()
    printed = capsys.readouterr()
    weights = next(cache.glob("*.weights.npz"))
    weights.write_bytes(b"garbage")
    retrained, second = train()
    assert "discarding" in caplog.text
    assert capsys.readouterr().out == printed.out  # the page looks the same after a retrain
    assert second.history == first.history  # retrained to the same result
    meta = next(cache.glob("*.json"))
    record = json.loads(meta.read_text())
    record["weights_sha256"] = "0" * 64
    meta.write_text(json.dumps(record))
    caplog.clear()
    train()
    assert "checksum does not match" in caplog.text


def test_an_incomplete_entry_is_retrained_from_the_initial_weights(cache, caplog):
    """An entry whose weights load but whose record lacks a field (written by an older
    version, say) must not leave its weights behind as the starting point of the retrain."""
    caplog.set_level(logging.INFO, logger="lib.cache")
    _, first = train()
    meta = next(cache.glob("*.json"))
    record = json.loads(meta.read_text())
    del record["seconds_per_epoch"]
    meta.write_text(json.dumps(record))
    _, second = train()
    assert "seconds_per_epoch" in caplog.text
    assert second.history == first.history  # trained from scratch again, not fine-tuned


def test_cache_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_VARIABLE, "off")
    assert cache_dir() is None
    train()
    assert not any(tmp_path.iterdir())


def test_mismatched_samples_are_refused():
    with pytest.raises(ValueError, match="same number of samples"):
        fit_or_load(fresh_model(), X, X[:10], epochs=1, batch_size=8)
