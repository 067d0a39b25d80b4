import json
import logging
import warnings

import lib  # noqa: F401  (quiet TensorFlow import)
import keras
import numpy as np
import pytest

from lib.atomic_files import record_sha256
from lib.cache import CACHE_VARIABLE, batches_per_call, cache_dir, fit_or_load
from lib.models import simple_autoencoder
from lib.training import TrainingProgress, format_losses, set_seed

X = np.random.default_rng(0).random((128, 784)).astype("float32")  # two batches of 64


def fresh_model(code_size=8, eagerly=True):
    """The course's dense autoencoder, built and compiled by ``lib.models``, seeded.

    ``fit_or_load`` never looks inside ``fit``, so most tests run it eagerly: tracing the
    training graph of every new model took about a second, many times the training itself.
    ``run_eagerly`` is not part of the cache key (the compile configuration is recorded at
    ``compile``), and ``test_second_fit_loads_the_same_weights_and_history`` trains in a graph,
    as the chapters do.
    """
    set_seed(0)
    model = simple_autoencoder(code_size)[0]
    model.run_eagerly = eagerly
    return model


def train(**overrides):
    settings = dict(epochs=2, batch_size=64, validation_data=(X[:32], X[:32]))
    settings.update(overrides)
    model = fresh_model(settings.pop("code_size", 8), settings.pop("eagerly", True))
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
    model.fit(X, X, epochs=1, batch_size=64, verbose=0, callbacks=[TrainingProgress(every=1)])
    assert capsys.readouterr().out.startswith("after 1 epoch: loss 0.")


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
    trained, first = train(eagerly=False)
    printed_first = capsys.readouterr().out
    loaded, second = train(eagerly=False)
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
    record["record_sha256"] = record_sha256(record)  # consistent, but incomplete
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


def test_an_edited_history_is_caught_by_the_record_checksum(cache, caplog):
    caplog.set_level(logging.INFO, logger="lib.cache")
    _, first = train()
    meta = next(cache.glob("*.json"))
    record = json.loads(meta.read_text())
    record["history"]["loss"][-1] = 0.001  # a better-looking loss, weights untouched
    meta.write_text(json.dumps(record))
    _, second = train()
    assert "record checksum does not match" in caplog.text
    assert second.history == first.history  # retrained, not believed


def test_an_unwritable_cache_warns_before_training_and_still_returns_the_trained_model(tmp_path, monkeypatch):
    """COURSE_MODEL_CACHE naming a file used to raise after fit, losing the training."""
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("")
    monkeypatch.setenv(CACHE_VARIABLE, str(not_a_folder))
    fit, warned_before_fit = keras.Model.fit, []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        monkeypatch.setattr(keras.Model, "fit", lambda *a, **k: warned_before_fit.append(len(caught)) or fit(*a, **k))
        model, history = train()
    assert [str(w.message) for w in caught if "cannot be written" in str(w.message)]
    assert warned_before_fit == [1]  # the warning came before training started
    assert len(history.history["loss"]) == 2 and model.get_weights()
    assert not_a_folder.read_text() == ""  # the file is left alone


def test_a_failed_write_warns_keeps_no_half_entry_and_returns_the_training(cache, monkeypatch):
    import lib.cache

    def full_disk(file, **arrays):
        file.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lib.cache.np, "savez", full_disk)
    with pytest.warns(UserWarning, match="could not store the trained model.*No space left"):
        model, history = train()
    assert len(history.history["loss"]) == 2
    assert list(cache.iterdir()) == []  # no temporary file, no weights without a record


def test_a_second_writer_storing_the_same_entry_mid_write_breaks_neither(cache, monkeypatch):
    """Both used to write <key>.partial.npz: when the other process renamed it away between this
    one's write and rename, this one raised after training. Each now has its own temporary file."""
    savez, interrupted = np.savez, []

    def savez_then_let_the_other_writer_finish(target, **arrays):
        savez(target, **arrays)
        if not interrupted:
            interrupted.append(True)
            train()  # the other process: trains and stores the same entry, start to finish

    monkeypatch.setattr(np, "savez", savez_then_let_the_other_writer_finish)
    _, history = train()
    assert interrupted and len(history.history["loss"]) == 2
    assert sorted(path.suffix for path in cache.iterdir()) == [".json", ".npz"]  # one entry, no leftovers
    monkeypatch.undo()
    monkeypatch.setenv(CACHE_VARIABLE, str(cache))
    monkeypatch.setattr(keras.Model, "fit", lambda *args, **kwargs: pytest.fail("the entry did not load"))
    train()


def test_a_read_only_cache_still_serves_its_entries(cache, monkeypatch):
    train()
    import lib.cache

    monkeypatch.setattr(lib.cache, "unwritable", lambda folder: "PermissionError: read-only")
    monkeypatch.setattr(lib.cache.keras.Model, "fit", lambda *args, **kwargs: pytest.fail("trained again"))
    _, history = train()
    assert len(history.history["loss"]) == 2


@pytest.mark.parametrize(
    "change, error, message",
    [
        (dict(epochs=0), ValueError, "epochs must be a whole number of at least 1"),
        (dict(epochs=2.5), ValueError, "epochs must be a whole number"),
        (dict(uint8=True), TypeError, "uint8 grey levels"),
        (dict(compiled=False), ValueError, "not compiled"),
    ],
)
def test_fit_or_load_refuses_what_would_train_garbage_or_nothing(cache, change, error, message):
    model = fresh_model()
    if change.get("compiled") is False:
        model = keras.Model(model.inputs, model.outputs)
    x = (X * 255).astype("uint8") if change.get("uint8") else X
    with pytest.raises(error, match=message):
        fit_or_load(model, x, x, epochs=change.get("epochs", 1), batch_size=64)
    assert list(cache.iterdir()) == []  # nothing trained, nothing cached


@pytest.mark.parametrize("source", ["arrays", "sample weights", "dataset"])
def test_many_batches_per_call_train_the_very_same_weights_as_one(cache, source):
    """fit_or_load runs 16 batches per call: with arrays, 26 an epoch (the last one short);
    from a pipeline of 21 batches an epoch, 7 per call, which divides it."""
    import tensorflow as tf

    weights = np.random.default_rng(1).random(len(X)).astype("float32")
    fit = {
        "arrays": dict(x=X, y=X, batch_size=5, validation_data=(X[:32], X[:32])),
        "sample weights": dict(x=X, y=X, batch_size=5, sample_weight=weights),
        "dataset": dict(x=tf.data.Dataset.from_tensor_slices((X, X)).batch(4).repeat(), steps_per_epoch=21),
    }[source]
    plain = fresh_model(eagerly=False)
    keras.utils.set_random_seed(0)
    expected = plain.fit(**fit, epochs=2, shuffle=source != "dataset", verbose=0)
    assert plain.steps_per_execution == 1
    model = fresh_model(eagerly=False)
    history = fit_or_load(model, **fit, epochs=2)
    assert model.steps_per_execution == (7 if source == "dataset" else 16)
    assert history.history == expected.history
    for a, b in zip(model.get_weights(), plain.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_a_pipeline_runs_as_many_batches_per_call_as_divide_its_epoch():
    assert [batches_per_call(steps) for steps in (None, 900, 465, 64, 17)] == [16, 15, 15, 16, 1]


def _pipeline(offset=0.0):
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices((X + offset, X)).batch(64).repeat()


def test_a_dataset_trains_once_then_loads_the_same_weights(cache):
    first = fresh_model()
    history = fit_or_load(first, _pipeline(), epochs=2, steps_per_epoch=3)
    assert len(history.history["loss"]) == 2 and len(list(cache.glob("*.json"))) == 1
    second = fresh_model()
    again = fit_or_load(second, _pipeline(), epochs=2, steps_per_epoch=3)
    assert again.history == history.history
    for a, b in zip(first.get_weights(), second.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_a_different_pipeline_is_a_different_entry(cache):
    fit_or_load(fresh_model(), _pipeline(), epochs=1, steps_per_epoch=2)
    fit_or_load(fresh_model(), _pipeline(offset=0.01), epochs=1, steps_per_epoch=2)
    fit_or_load(fresh_model(), _pipeline(), epochs=1, steps_per_epoch=3)
    assert len(list(cache.glob("*.json"))) == 3


@pytest.mark.parametrize("kwargs", [dict(steps_per_epoch=None), dict(batch_size=64, steps_per_epoch=2)])
def test_a_dataset_needs_steps_and_no_batch_size(cache, kwargs):
    with pytest.raises(ValueError, match="steps_per_epoch"):
        fit_or_load(fresh_model(), _pipeline(), epochs=1, **kwargs)


def test_steps_per_epoch_with_arrays_is_refused(cache):
    with pytest.raises(ValueError, match="tf.data.Dataset"):
        fit_or_load(fresh_model(), X, X, epochs=1, batch_size=64, steps_per_epoch=2)
