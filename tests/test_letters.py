import string

import numpy as np
import pytest
from scipy import ndimage

from lib.letters import DEJAVU_FONTS, fit_like_mnist, font_path, render_letters


def test_letters_look_like_mnist_digits():
    images, labels = render_letters(string.ascii_uppercase)
    assert images.shape == (26 * len(DEJAVU_FONTS), 28, 28) and images.dtype == np.float32
    assert list(labels[:26]) == list(string.ascii_uppercase) and labels[26] == "A"
    assert 0 <= images.min() and images.max() <= 1
    for image in images:
        rows, columns = np.nonzero(image > 0.05)
        # fitted in a 20 x 20 box (a pixel of anti-aliased halo aside), centre of mass near the middle
        assert max(np.ptp(rows), np.ptp(columns)) + 1 <= 22
        assert np.allclose(ndimage.center_of_mass(image), (13.5, 13.5), atol=1.0)
    # the fonts differ: a bold A has more ink than a regular one, and each render is repeatable
    regular, bold = images[0], images[26 * DEJAVU_FONTS.index(("DejaVu Sans", "bold", "normal"))]
    assert bold.sum() > regular.sum() * 1.2
    assert np.array_equal(render_letters("A")[0][0], regular)


def test_fit_like_mnist_keeps_the_aspect_ratio():
    bar = np.zeros((100, 100))
    bar[10:90, 40:60] = 1  # 80 tall, 20 wide
    frame = fit_like_mnist(bar)
    rows, columns = np.nonzero(frame > 0.5)
    assert np.ptp(rows) + 1 == 20 and np.ptp(columns) + 1 == 5


@pytest.mark.parametrize("text", ["", None, 42])
def test_empty_or_non_string_text_is_refused(text):
    with pytest.raises(ValueError, match="non-empty string"):
        render_letters(text)


def test_character_that_no_font_has_is_named():
    with pytest.raises(ValueError, match="no glyph for '\U0001f600'"):
        render_letters("A\U0001f600")
    with pytest.raises(ValueError, match="whitespace"):
        render_letters("A B")


def test_unknown_font_and_empty_font_list_are_refused():
    with pytest.raises(ValueError, match="no font 'No Such Font'"):
        font_path("No Such Font")
    with pytest.raises(ValueError, match="fonts is empty"):
        render_letters("A", fonts=())


@pytest.mark.parametrize("glyph", [np.zeros((0, 0)), np.zeros((5,)), np.zeros((10, 10))])
def test_zero_size_or_blank_glyph_is_refused(glyph):
    with pytest.raises(ValueError, match="non-empty 2-D|no ink"):
        fit_like_mnist(glyph)
