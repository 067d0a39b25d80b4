"""The site builds from the stored outputs with warnings as errors, and shows every chapter."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [chapter["file"] for chapter in toc["chapters"]]


def test_every_page_in_the_toc_is_built(site):
    for page in toc_pages():
        assert (site / f"{page}.html").is_file(), page


def test_chapters_show_their_figures_and_no_raw_terminal_codes(site):
    for page in [page for page in toc_pages() if Path(page).name[:2].isdigit()]:
        html = (site / f"{page}.html").read_text()
        assert "<img" in html, f"{page} shows no figure"
        assert not re.search(r"\x1b\[|\\x1b|Traceback|\r", html), f"{page} shows terminal codes or an error"


def test_lib_and_tests_are_not_part_of_the_site(site):
    assert not (site / "lib").exists() and not (site / "tests").exists()
    assert not (site / "README.html").exists()


def test_chapters_offer_binder_and_colab_for_their_own_notebook(site):
    for page in [page for page in toc_pages() if Path(page).name[:2].isdigit()]:
        html = (site / f"{page}.html").read_text()
        assert re.search(rf'href="https://mybinder\.org/v2/gh/[^"]+/main\?urlpath=lab/tree/{page}\.ipynb"', html), page
        assert re.search(rf'href="https://colab\.research\.google\.com/github/[^"]+/blob/main/{page}\.ipynb"', html), (
            page
        )
