import numpy as np
import pytest

from lib.blindspot import blind_spot_pairs


def test_masked_pixels_take_a_neighbours_value_and_only_they_are_weighted():
    noisy = np.random.default_rng(0).random((30, 28, 28, 1)).astype("float32")
    inputs, weights = blind_spot_pairs(noisy, fraction=0.05, seed=1)
    assert inputs.shape == noisy.shape and inputs.dtype == np.float32 and weights.shape == (30, 28, 28)
    assert np.all(weights.sum(axis=(1, 2)) == round(0.05 * 784))  # 39 distinct pixels in every image
    changed = inputs[..., 0] != noisy[..., 0]
    assert not np.any(changed & (weights == 0))  # unmasked pixels untouched
    assert changed[weights == 1].mean() > 0.95  # a masked pixel (almost) never keeps its own value
    # every masked value is one of the pixel's eight neighbours (mirrored at the border)
    padded = np.pad(noisy[..., 0], ((0, 0), (1, 1), (1, 1)), mode="reflect")
    for image, row, col in zip(*np.nonzero(weights)):
        window = padded[image, row : row + 3, col : col + 3].ravel()
        assert inputs[image, row, col, 0] in np.delete(window, 4)
    assert np.array_equal(inputs, blind_spot_pairs(noisy, 0.05, seed=1)[0])
    assert not np.array_equal(inputs, blind_spot_pairs(noisy, 0.05, seed=2)[0])


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="fraction"):
        blind_spot_pairs(np.zeros((2, 28, 28), dtype="float32"), fraction=0)
    with pytest.raises(ValueError, match="grey images"):
        blind_spot_pairs(np.zeros((2, 28, 28, 3), dtype="float32"))
    with pytest.raises(TypeError, match="255"):
        blind_spot_pairs(np.zeros((2, 28, 28), dtype="uint8"))
