"""Typeset letters that look like MNIST digits: 28 x 28 grey images of A-Z.

MNIST's digits were scanned, fitted into a 20 x 20 box with their aspect ratio kept
(anti-aliased, so the edges are grey), and then placed in a 28 x 28 frame so that their
centre of mass sits in the middle {LeCun et al. 1998}. ``render_letters`` does the same
with letters drawn in the DejaVu fonts that matplotlib ships, so the only difference an
autoencoder trained on digits sees is the shape of the characters.
"""

import numpy as np
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

#: (family, weight, style) of the fonts used by default: the DejaVu families that
#: matplotlib ships, in regular and bold, upright and slanted.
DEJAVU_FONTS = tuple(
    (family, weight, style)
    for family in ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")
    for weight in ("normal", "bold")
    for style in ("normal", "italic")
)

_DRAW_SIZE = 112  # pixels per em when drawing, before the glyph is shrunk to 20 x 20


def font_path(family, weight="normal", style="normal"):
    """The path of the TrueType file matplotlib uses for this family, weight and style.

    Raises ValueError if matplotlib would fall back to another family.
    """
    properties = font_manager.FontProperties(family=family, weight=weight, style=style)
    try:
        path = font_manager.findfont(properties, fallback_to_default=False)
    except ValueError as error:
        raise ValueError(f"no font {family!r} is installed ({error})") from error
    if FT2Font(path).family_name != family:
        raise ValueError(f"no font {family!r} is installed (matplotlib found {path})")
    return path


def fit_like_mnist(glyph, box=20, side=28):
    """Place one grey image in a ``side`` x ``side`` frame the way MNIST placed its digits.

    ``glyph``: 2-D array, ink > 0 on a 0 background, any size. Its ink is cropped, scaled
    (anti-aliased) so that the longer side is ``box`` pixels, and shifted by whole pixels
    so that its centre of mass lands on the frame's centre. Returns float32 (side, side)
    with values in [0, 1], the darkest ink at 1.
    """
    glyph = np.asarray(glyph, dtype="float32")
    if glyph.ndim != 2 or glyph.size == 0:
        raise ValueError(f"expected a non-empty 2-D image, got shape {glyph.shape}")
    rows, columns = np.nonzero(glyph > 0)
    if len(rows) == 0:
        raise ValueError("the image holds no ink (every pixel is 0): nothing to fit")
    ink = glyph[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1]
    scale = box / max(ink.shape)
    height, width = max(1, round(ink.shape[0] * scale)), max(1, round(ink.shape[1] * scale))
    small = np.asarray(Image.fromarray(ink / ink.max()).resize((width, height), Image.LANCZOS))
    small = np.clip(small, 0.0, 1.0)
    centre_row, centre_column = ndimage.center_of_mass(small)
    top = int(np.clip(round((side - 1) / 2 - centre_row), 0, side - height))
    left = int(np.clip(round((side - 1) / 2 - centre_column), 0, side - width))
    frame = np.zeros((side, side), dtype="float32")
    frame[top : top + height, left : left + width] = small
    return frame


def render_letters(text, fonts=DEJAVU_FONTS):
    """Render every character of ``text`` in every font, processed like MNIST.

    ``text``: a non-empty string, e.g. ``string.ascii_uppercase``. ``fonts``: sequence of
    ``(family, weight, style)`` as in ``DEJAVU_FONTS``. Returns ``(images, labels)``:
    float32 (len(fonts) * len(text), 28, 28) in [0, 1], white ink on black like MNIST,
    font by font; and the characters, as a NumPy array of one-character strings.
    Raises ValueError for an empty text, a whitespace character or one a font lacks.
    """
    if not isinstance(text, str) or not text:
        raise ValueError(f"text must be a non-empty string of characters to draw, got {text!r}")
    if not fonts:
        raise ValueError("fonts is empty: pass at least one (family, weight, style)")
    images, labels = [], []
    for family, weight, style in fonts:
        path = font_path(family, weight, style)
        face = FT2Font(path)
        font = ImageFont.truetype(path, _DRAW_SIZE)
        for character in text:
            if character.isspace():
                raise ValueError(f"cannot draw the whitespace character {character!r}: it has no ink")
            if face.get_char_index(ord(character)) == 0:
                raise ValueError(f"the font {family} ({weight}, {style}) has no glyph for {character!r}")
            canvas = Image.new("L", (2 * _DRAW_SIZE, 2 * _DRAW_SIZE), 0)
            ImageDraw.Draw(canvas).text((_DRAW_SIZE // 2, _DRAW_SIZE // 4), character, fill=255, font=font)
            images.append(fit_like_mnist(np.asarray(canvas, dtype="float32") / 255))
            labels.append(character)
    return np.stack(images), np.array(labels)
