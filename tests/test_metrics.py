import numpy as np
import pytest

from lib.metrics import mean_squared_error


def test_mean_squared_error_is_zero_for_equal_images_and_averages_squares():
    a = np.zeros((2, 28, 28), dtype=np.float32)
    assert mean_squared_error(a, a) == 0
    b = a.copy()
    b[0] = 0.5  # half the pixels off by 0.5
    assert mean_squared_error(b, a) == pytest.approx(0.125)


def test_mean_squared_error_refuses_mismatched_or_empty_arrays():
    with pytest.raises(ValueError, match="shapes differ"):
        mean_squared_error(np.zeros((2, 784)), np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="empty"):
        mean_squared_error(np.zeros((0, 4)), np.zeros((0, 4)))
