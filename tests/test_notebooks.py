"""The chapters as files: pairs in sync, outputs from one clean run, nothing volatile stored."""

import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config

BOOK = Path(__file__).resolve().parent.parent / "book"
CHAPTERS = sorted(BOOK.glob("[0-9][0-9]_*.py"))
NOTEBOOKS = sorted(BOOK.glob("[0-9][0-9]_*.ipynb"))


def cells(notebook):
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def output_text(output):
    """What an output shows as text: a stream's text, or a display's text/plain."""
    return output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))


def test_every_chapter_is_a_pair():
    assert len(CHAPTERS) >= 4
    assert [path.stem for path in CHAPTERS] == [path.stem for path in NOTEBOOKS]


@pytest.mark.parametrize("script", CHAPTERS, ids=lambda path: path.stem)
def test_py_and_ipynb_hold_the_same_cells(script):
    """The .py is what people edit; `make sync` must have carried every edit to the .ipynb."""
    from_script = jupytext.read(script)
    from_notebook = nbformat.read(script.with_suffix(".ipynb"), as_version=4)
    assert cells(from_script) == cells(from_notebook), f"{script.name} and its .ipynb differ: run `make sync`"
    # and the .py is exactly what jupytext writes for that notebook (no stray formatting)
    config = load_jupytext_config(str(BOOK))
    assert jupytext.writes(from_notebook, fmt="py:percent", config=config) == script.read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_outputs_come_from_one_in_order_run(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: re-run it top to bottom (make execute)"
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_stored_outputs_hold_nothing_volatile(path):
    """No errors, no TensorFlow log, no progress bars or memory addresses on the page, and
    timings only in outputs that nbval does not compare."""
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            where = f"{path.name}, cell {index}"
            assert output.output_type != "error", f"{where} stored an error"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{where} wrote to stderr: {output.text[:200]!r}"
            )
            text = output_text(output)
            assert not re.search(r"[\r\b]|\d+ms/step| at 0x[0-9a-f]+", text), f"{where}: {text[:200]!r}"
            # timings only where nbval is told not to compare them (a table of measured costs)
            if "nbval-ignore-output" not in cell.metadata.get("tags", []):
                assert "s/epoch" not in text, f"{where} shows a timing in a compared output: {text[:200]!r}"


def test_jupytext_pairs_only_the_book():
    """lib/*.py must never get a paired notebook: the config lives in book/ alone."""
    root = BOOK.parent
    assert (BOOK / "jupytext.toml").exists()
    assert not any((root / name).exists() for name in ("jupytext.toml", ".jupytext.toml", "jupytext.yml"))
    assert not list((root / "lib").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_first_cell_installs_lib_where_it_is_missing(path):
    """Opened on Colab, a chapter installs the course's helpers before importing them."""
    first = next(cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
    assert re.search(r"except ModuleNotFoundError:.*\n\s+%pip install [^\n]*git\+https://", first.source), (
        f"{path.name}: the first code cell must `%pip install` lib when `import lib` fails"
    )
    config = (BOOK.parent / "_config.yml").read_text()
    repository = re.search(r"url: (https://github\.com/\S+)", config).group(1)
    assert f"git+{repository}" in first.source, f"{path.name} installs from another repository than _config.yml's"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_figure_has_a_caption_and_alt_text(path):
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        if cell.cell_type == "code" and any("image/png" in output.get("data", {}) for output in cell.outputs):
            settings = cell.metadata.get("mystnb", {})
            assert settings.get("figure", {}).get("caption"), f"{path.name}, cell {index}: no caption"
            assert settings.get("image", {}).get("alt"), f"{path.name}, cell {index}: no alt text"


# A decimal (20.21, 0.0945) or a number with thousands separators (4,385) in the prose
NUMBER_IN_PROSE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+\.\d+)(?!\w|[.,]\d)")
EXERCISE_LABEL = re.compile(r"[Ee]xercises? \d+\.\d+")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# Numbers the prose states that no code computes, and why each is exempt.
NOT_COMPUTED = {
    ("01_mnist", "70000"): "MNIST's size, stated before its two parts (60,000 and 10,000) are printed",
    ("09_without_clean_images", "32.39"): "Noise2Noise's published Kodak score with noisy targets, cited",
    ("09_without_clean_images", "32.38"): "Noise2Noise's published Kodak score with clean targets, cited",
}


def numbers_in_code_and_outputs(notebook):
    """The value of every number in the code cells and their text outputs (4,385 is 4385.0)."""
    text = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            text.append(cell.source)
            for output in cell.outputs:
                text.append(output_text(output))
    plain = ANSI_ESCAPE.sub("", "\n".join(text)).replace(",", "")
    return {float(number) for number in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", plain)}


def test_numbers_in_the_prose_come_from_the_code():
    """A number quoted in the text must be one the chapter (or an earlier one) computed, so
    that re-running a chapter cannot leave the prose quoting stale results.

    Only decimals and numbers with thousands separators are checked (small integers are
    counts and sizes), and a stale value that happens to be printed elsewhere slips through.
    """
    known, stale = set(), []
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        known |= numbers_in_code_and_outputs(notebook)
        for cell in notebook.cells:
            if cell.cell_type != "markdown":
                continue
            for match in NUMBER_IN_PROSE.findall(EXERCISE_LABEL.sub("", cell.source)):
                number = match.replace(",", "")
                if float(number) not in known and (path.stem, number) not in NOT_COMPUTED:
                    stale.append(f"{path.name}: {match}")
    assert not stale, f"numbers in the prose that no output shows (re-check the text): {stale}"
