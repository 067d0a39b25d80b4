"""On Colab each chapter's first cell installs what the chapter needs and Colab lacks, pinned as pyproject.toml pins it.

Static: the chapters and ``lib`` are read with ``ast``, never imported (no TensorFlow here). A chapter needs every
third-party module it imports and every one that the ``lib`` modules it uses import, at the top or inside a
function (``lib.classical`` imports ``bm3d`` only when BM3D runs, but then it must be there).
"""

import ast
import re
import shlex
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import jupytext
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.py"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
COLAB = set(PYPROJECT["tool"]["course"]["colab"]["provides"])  # import names
PINS = {
    canonicalize_name(Requirement(line).name): line.split(";")[0].strip()
    for line in PYPROJECT["project"]["dependencies"]
}
REPOSITORY = re.search(r"url: (https://github\.com/\S+)", (ROOT / "_config.yml").read_text()).group(1)
LIB_REQUIREMENT = f"git+{REPOSITORY}@v{PYPROJECT['project']['version']}"


def imported_names(path):
    """(third-party top-level modules, lib modules) that a file imports anywhere in it."""
    in_lib = path.parent == LIB
    modules, lib_modules = set(), set()

    def add(name):
        top = name.split(".")[0]
        if top == "lib":
            parts = name.split(".")
            lib_modules.add(parts[1] if len(parts) > 1 else "__init__")
        elif top not in sys.stdlib_module_names:
            modules.add(top)

    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: only lib imports itself that way
                assert in_lib and node.level == 1, f"{path}: unexpected relative import"
                base = f"lib.{node.module}" if node.module else "lib"
            else:
                base = node.module
            add(base)
            if base == "lib":  # `from lib import recipes`: a module, or a name defined in lib/__init__.py
                lib_modules.update(alias.name for alias in node.names if (LIB / f"{alias.name}.py").exists())
    if lib_modules:
        lib_modules.add("__init__")  # importing lib.x runs lib/__init__.py first
    return modules, lib_modules


def needed_modules(path):
    """{third-party module: the file that imports it}, through every lib module the file uses."""
    needs, seen, queue = {}, set(), [path]
    while queue:
        current = queue.pop()
        modules, lib_modules = imported_names(current)
        for module in modules:
            needs.setdefault(
                module, current.relative_to(ROOT).as_posix() if current.is_relative_to(ROOT) else current.name
            )
        for name in lib_modules - seen:
            seen.add(name)
            assert (LIB / f"{name}.py").exists(), f"{current} imports lib.{name}, which does not exist"
            queue.append(LIB / f"{name}.py")
    return needs


@cache
def installed_modules():
    """{top-level module: canonical names of the installed distributions that provide it}."""
    return {
        module: {canonicalize_name(name) for name in names}
        for module, names in metadata.packages_distributions().items()
    }


def distribution_of(module):
    """The PyPI distribution (canonical name) that provides a top-level module in this environment."""
    distributions = installed_modules().get(module)
    assert distributions, f"no installed distribution provides `{module}`: install the course (make setup)"
    assert len(distributions) == 1, f"`{module}` comes from several distributions here: {sorted(distributions)}"
    return next(iter(distributions))


def on_colab(distribution):
    """Whether Colab has a distribution: it provides a module on the list."""
    return any(distribution in installed_modules().get(module, ()) for module in COLAB)


def expected_installs(needs):
    """The pinned distributions a chapter's cell must install: those of the modules Colab lacks, and the
    dependencies of those that pyproject.toml pins too (bm3d needs bm4d: install the bm4d the tests used)."""
    wanted = {distribution_of(module) for module in needs if module not in COLAB}
    queue = list(wanted)
    while queue:
        for line in metadata.requires(queue.pop()) or []:
            requirement = Requirement(line)
            name = canonicalize_name(requirement.name)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if name in PINS and name not in wanted and not on_colab(name):
                wanted.add(name)
                queue.append(name)
    return wanted


def first_cell(script):
    """The source of a chapter's first code cell, as the notebook holds it (`%pip`, not `# %pip`)."""
    return next(cell for cell in jupytext.read(script).cells if cell.cell_type == "code").source


def first_cell_installs(script):
    """What a chapter's first code cell installs with `%pip install`: ([arguments of each line that installs
    lib], [the other requirements, such as "bm3d==4.0.3"])."""
    lib_lines, requirements = [], []
    for line in re.findall(r"^\s*%pip install (.+)$", first_cell(script), re.MULTILINE):
        args = shlex.split(line)
        if any(arg.startswith("git+") for arg in args):
            lib_lines.append(args)
        else:
            requirements += [arg for arg in args if not arg.startswith("-")]
    return lib_lines, requirements


@pytest.mark.parametrize("script", CHAPTERS, ids=lambda path: path.stem)
def test_the_first_cell_installs_only_where_lib_is_missing(script):
    source = first_cell(script)
    block = re.search(r"^except ModuleNotFoundError:.*\n((?:    %pip install .*\n)+)    import lib$", source, re.M)
    assert block and block.group(1).count("%pip") == source.count("%pip"), (
        f"{script.name}: every `%pip install` goes between `except ModuleNotFoundError:` and `import lib`, so that "
        "it runs only where lib is missing (and the stored outputs do not change)"
    )


@pytest.mark.parametrize("script", CHAPTERS, ids=lambda path: path.stem)
def test_the_first_cell_installs_lib_from_the_release_tag_without_its_dependencies(script):
    lib_lines, _ = first_cell_installs(script)
    assert len(lib_lines) == 1, f"{script.name}: the first cell must install lib once, with `%pip install`"
    args = lib_lines[0]
    assert "--no-deps" in args, f"{script.name}: install lib with --no-deps (its pins would replace Colab's stack)"
    assert [arg for arg in args if not arg.startswith("-")] == [LIB_REQUIREMENT], (
        f"{script.name}: install lib as {LIB_REQUIREMENT} (the tag of pyproject.toml's version), not {args}"
    )


@pytest.mark.parametrize("script", CHAPTERS, ids=lambda path: path.stem)
def test_the_first_cell_installs_exactly_what_colab_lacks_pinned_as_pyproject_pins_it(script):
    needs = needed_modules(script)
    _, requirements = first_cell_installs(script)
    installed = {}
    for line in requirements:
        name = canonicalize_name(Requirement(line).name)
        assert name in PINS, f"{script.name} installs {line}, which pyproject.toml does not pin"
        assert line == PINS[name], f"{script.name} installs {line}; pyproject.toml pins {PINS[name]}"
        installed[name] = line
    lacking = sorted(f"`{module}` (imported by {path})" for module, path in needs.items() if module not in COLAB)
    expected = expected_installs(needs)
    missing = sorted(PINS[name] for name in expected - set(installed))
    assert not missing, (
        f"{script.name} needs {', '.join(lacking)}, which Colab lacks: its first cell must also "
        f"`%pip install --quiet {' '.join(missing)}` (or, if Colab has it, add the module to [tool.course.colab])"
    )
    extra = sorted(installed[name] for name in set(installed) - expected)
    assert not extra, f"{script.name} installs {extra}, which it does not need on Colab"


def test_what_a_chapter_installs_binder_has_too():
    environment = (ROOT / "environment.yml").read_text()
    for script in CHAPTERS:
        for requirement in first_cell_installs(script)[1]:
            assert re.search(rf"^\s*- {re.escape(requirement)}$", environment, re.MULTILINE), (
                f"{script.name} installs {requirement} on Colab; environment.yml (Binder) must pin it too"
            )


def test_the_walk_follows_lib_into_functions(tmp_path):
    """A chapter that only imports lib.classical still needs bm3d, which lib.classical imports when BM3D runs."""
    chapter = tmp_path / "chapter.py"
    chapter.write_text("import numpy as np\nfrom lib.classical import bm3d_tiled\n")
    needs = needed_modules(chapter)
    assert needs["bm3d"] == "lib/classical.py"
    assert needs["tensorflow"] == "lib/__init__.py"
    assert "os" not in needs  # the standard library is not third-party
    assert expected_installs(needs) == {"bm3d", "bm4d"}
