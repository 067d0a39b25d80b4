from types import SimpleNamespace

import numpy as np
import pytest

from lib.noise import add_gaussian_noise
from lib.scoreboard import Scoreboard, Stopwatch, score_model


@pytest.fixture
def board():
    clean = 0.8 * np.random.default_rng(0).random((6, 28, 28, 1)).astype("float32")
    return Scoreboard(clean)


def test_add_scores_every_image_and_prints_rounded_scores(board, capsys):
    board.add("brighter", board.clean + 0.1, seconds=0.6)  # off by 0.1 everywhere: MSE 0.01, 20 dB
    printed = capsys.readouterr().out
    assert printed.startswith("brighter: PSNR 20.00 ± 0.00 dB · SSIM 0.")
    assert board["brighter"].psnr.shape == (6,) and board["brighter"].ms_per_image == pytest.approx(100.0)
    np.testing.assert_allclose(board["brighter"].psnr, 20.0, atol=1e-4)
    assert 0 < board.mean("brighter", "ssim") < 1


def test_a_subset_is_scored_against_its_own_clean_images(board):
    indices = np.array([4, 1])
    board.add("subset, brighter", board.clean[indices] + 0.1, indices=indices)
    board.add("all noisy", add_gaussian_noise(board.clean, 0.1, seed=0))
    np.testing.assert_allclose(board["subset, brighter"].psnr, 20.0, atol=1e-4)  # compared with images 4 and 1
    everywhere = board["all noisy"].psnr
    assert board.mean("all noisy", "psnr", indices) == pytest.approx(everywhere[[4, 1]].mean())
    with pytest.raises(ValueError, match="was not scored on test images"):
        board.mean("subset, brighter", "psnr", [0, 1])


def test_add_refuses_outputs_outside_unit_range_or_of_the_wrong_shape(board):
    with pytest.raises(ValueError, match=r"the output of bad must lie in \[0, 1\]"):
        board.add("bad", board.clean * 2)
    with pytest.raises(ValueError, match="shapes differ"):
        board.add("short", board.clean[:3])


def test_add_refuses_a_name_already_on_the_board_instead_of_overwriting_its_row(board):
    board.add("grey", np.full_like(board.clean, 0.5))
    with pytest.raises(ValueError, match="already on the board"):
        board.add("grey", board.clean)
    assert board.mean("grey", "psnr") < 100  # the first row is kept
    del board["grey"]
    board.add("grey", np.full_like(board.clean, 0.4))


def test_table_lists_every_row_with_costs_where_known(board, capsys):
    board.add("grey", np.full_like(board.clean, 0.5))
    board.add("model", np.full_like(board.clean, 0.5), seconds=0.006, parameters=4385, seconds_per_epoch=11.25)
    lines = board.table().splitlines()
    assert lines[0].split()[:4] == ["method", "parameters", "s/epoch", "ms/image"]
    assert lines[1].split()[1:4] == ["—", "—", "—"]
    assert lines[2].split()[1:5] == ["4,385", "11.2", "1.00", "6"]


def test_stopwatch_measures_wall_clock_seconds():
    with Stopwatch() as clock:
        sum(range(10_000))
    assert 0 < clock.seconds < 1


class _Halver:
    """Stands in for a Keras model: reads rows of 784 pixels and halves them."""

    input_shape = (None, 784)

    def __init__(self):
        self.seen = []

    def predict(self, x, batch_size, verbose):
        self.seen.append(x.shape)
        return x / 2

    def count_params(self):
        return 7


def test_score_model_reshapes_for_the_model_and_records_its_costs():
    clean = np.full((3, 28, 28, 1), 0.5, dtype=np.float32)
    board, model = Scoreboard(clean), _Halver()
    out = score_model(board, "halver", model, clean, SimpleNamespace(seconds_per_epoch=2.5))
    assert model.seen == [(3, 784)] and out.shape == clean.shape
    np.testing.assert_allclose(out, 0.25)
    entry = board["halver"]
    assert entry.parameters == 7 and entry.seconds_per_epoch == 2.5 and entry.ms_per_image >= 0
    assert board.mean("halver", "psnr") == pytest.approx(10 * np.log10(1 / 0.25**2))
