"""The map of ``lib`` in its docstring is complete and current."""

import re
from pathlib import Path

import lib

MODULES = sorted(path.stem for path in Path(lib.__file__).parent.glob("*.py") if path.stem != "__init__")


def mapped():
    """The modules the map lists: lines that start with ``lib.name``."""
    return re.findall(r"^``lib\.(\w+)``\s+\S", lib.__doc__, flags=re.MULTILINE)


def test_every_lib_module_has_a_line_in_the_map():
    missing = sorted(set(MODULES) - set(mapped()))
    assert not missing, f"add a line for {missing} to the map in lib/__init__.py's docstring"


def test_the_map_names_only_modules_that_exist_each_once():
    assert sorted(mapped()) == sorted(set(mapped())), "a module appears twice in lib/__init__.py's map"
    stale = sorted(set(mapped()) - set(MODULES))
    assert not stale, f"lib/__init__.py's map lists modules that no longer exist: {stale}"
