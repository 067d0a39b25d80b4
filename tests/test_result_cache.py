"""``lib.result_cache``: a result is computed once, then loaded, and never trusted when damaged."""

import json

import numpy as np
import pytest

from lib import result_cache
from lib.result_cache import compute_or_load, result_key

CALLS = []


def blur_rows(images, width):
    """A stand-in for a slow denoiser: counts its calls."""
    CALLS.append(width)
    return np.stack([np.convolve(row, np.ones(width) / width, mode="same") for row in images]).astype("float32")


@pytest.fixture
def cache(monkeypatch, tmp_path):
    CALLS.clear()
    monkeypatch.setenv("COURSE_RESULT_CACHE", str(tmp_path / "results"))
    return tmp_path / "results"


def rows(seed=0):
    return np.random.default_rng(seed).random((3, 10)).astype("float32")


def test_a_result_is_computed_once_then_loaded_with_its_time(cache):
    first, seconds = compute_or_load(blur_rows, rows(), 3)
    again, seconds_again = compute_or_load(blur_rows, rows(), 3)
    assert CALLS == [3]
    np.testing.assert_array_equal(again, first)
    np.testing.assert_array_equal(first, blur_rows(rows(), 3))
    assert seconds_again == pytest.approx(seconds, abs=1e-3)
    assert len(list(cache.glob("*.result.npz"))) == 1 and len(list(cache.glob("*.json"))) == 1


def test_other_arguments_make_another_entry(cache):
    compute_or_load(blur_rows, rows(), 3)
    compute_or_load(blur_rows, rows(), 5)  # another setting
    compute_or_load(blur_rows, rows(seed=1), 3)  # other images
    compute_or_load(blur_rows, rows().astype("float64"), 3)  # same values, other dtype
    compute_or_load(blur_rows, rows().reshape(10, 3), 3)  # same bytes, other shape
    assert CALLS == [3, 5, 3, 3, 3]
    assert result_key(blur_rows, rows(), 3) != result_key(blur_rows, rows(), 3.0)


@pytest.mark.parametrize("damage", ["result", "record", "truncated"])
def test_a_damaged_entry_is_computed_again_not_trusted(cache, damage):
    expected, _ = compute_or_load(blur_rows, rows(), 3)
    (result_path,) = cache.glob("*.result.npz")
    (record_path,) = cache.glob("*.json")
    if damage == "result":
        np.savez(result_path, result=np.zeros_like(expected))
    elif damage == "record":
        record = json.loads(record_path.read_text())
        record["seconds"] = 99.0
        record_path.write_text(json.dumps(record))
    else:
        result_path.write_bytes(result_path.read_bytes()[:50])
    again, _ = compute_or_load(blur_rows, rows(), 3)
    assert CALLS == [3, 3]
    np.testing.assert_array_equal(again, expected)


def test_the_cache_can_be_switched_off(monkeypatch, tmp_path):
    CALLS.clear()
    monkeypatch.setenv("COURSE_RESULT_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        compute_or_load(blur_rows, rows(), 3)
    assert CALLS == [3, 3] and result_cache.result_cache_dir() is None


def test_an_unwritable_cache_warns_and_still_returns_the_result(monkeypatch, tmp_path):
    CALLS.clear()
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COURSE_RESULT_CACHE", str(blocker))
    with pytest.warns(UserWarning, match="cannot be written"):
        result, _ = compute_or_load(blur_rows, rows(), 3)
    np.testing.assert_array_equal(result, blur_rows(rows(), 3))


def test_what_cannot_be_keyed_is_refused(cache):
    with pytest.raises(TypeError, match="named function"):
        compute_or_load(lambda images: images, rows())
    with pytest.raises(TypeError, match="cannot key an argument of type object"):
        compute_or_load(blur_rows, rows(), object())
    assert CALLS == []
