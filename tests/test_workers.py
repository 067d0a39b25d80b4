"""How `make test` splits its work between two workers (tests/conftest.py): every chapter has a
place, and a chapter never waits on the other worker for a model it reuses."""

import re
from pathlib import Path

import pytest
from conftest import GROUPS, worker_group

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(ROOT.glob("book/[0-9][0-9]_*.ipynb"))


def test_every_chapter_and_the_tests_have_one_place():
    ids = [f"book/{path.name}::Cell 0" for path in CHAPTERS] + ["tests/test_data.py::test_x"]
    places = [worker_group(nodeid) for nodeid in ids]  # each place once: the order is fixed
    assert sorted(places) == sorted((group, place) for group in GROUPS for place in range(len(GROUPS[group])))


def test_a_chapter_outside_the_groups_is_named():
    with pytest.raises(ValueError, match="10_new.ipynb.*add its chapter to GROUPS"):
        worker_group("book/10_new.ipynb::Cell 0")


def recipe_calls(kind):
    """{recipe name: [chapter paths]} of the chapters that call `recipes.<kind>(recipes.<name>(`."""
    calls = {}
    for path in CHAPTERS:
        script = path.with_suffix(".py").read_text()
        for name in set(re.findall(rf"recipes\.{kind}\(recipes\.(\w+)\(", script)):
            calls.setdefault(name, []).append(f"book/{path.name}")
    return calls


def test_a_reused_model_is_trained_earlier_on_the_same_worker_or_first_on_the_other():
    """The chapter that teaches a model checks its recipe (`recipes.check`), or else is the first
    to train it (`recipes.train`); later chapters load it from the cache. A chapter on the same
    worker must come after that one. On the other worker, it must be the first thing that
    worker runs (chapter 2: its model is cached about two minutes in, long before chapter 3
    asks for it after ten minutes of training)."""
    checked, trained = recipe_calls("check"), recipe_calls("train")
    assert checked and trained, "the pattern no longer matches the chapters"
    for name, users in trained.items():
        teacher = checked[name][0] if name in checked else users[0]
        teacher_group, teacher_place = worker_group(teacher)
        for user in set(users) - {teacher}:
            group, place = worker_group(user)
            assert (group == teacher_group and place > teacher_place) or teacher_place == 0, (name, user)
