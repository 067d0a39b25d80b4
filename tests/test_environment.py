"""pyproject.toml (pip), constraints.txt (the lock) and environment.yml (conda, Binder) must agree."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"


def pyproject_pins():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]


def environment_pip_section():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    return environment, next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))


def locked():
    """{canonical name: version} of every package in constraints.txt."""
    lines = [line for line in LOCK.read_text().splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+!\-]+", line) for line in lines), (
        "constraints.txt must hold only name==version lines (no URLs or local paths); run `make lock`"
    )
    return {canonicalize_name(line.split("==")[0]): line.split("==")[1] for line in lines}


def test_environment_yml_pins_exactly_what_pyproject_pins():
    _, pip_section = environment_pip_section()
    assert [line for line in pip_section if line not in ("-e .", "-c constraints.txt")] == pyproject_pins()
    assert "-e ." in pip_section  # Binder installs lib too
    assert "-c constraints.txt" in pip_section  # and the locked versions of everything else


def test_every_dependency_is_pinned_to_one_version():
    pyproject = pyproject_pins()
    assert all("==" in requirement for requirement in pyproject)
    assert any(requirement.startswith("jupyter-book==1.") for requirement in pyproject)


def test_the_lock_holds_each_direct_pin_at_the_same_version():
    """A pin changed in pyproject.toml without `make lock` would install two different stacks."""
    header = LOCK.read_text().splitlines()[1]
    platform = {"sys_platform": "linux", "platform_machine": "x86_64"} if "Linux x86_64" in header else {}
    lock = locked()
    for line in pyproject_pins():
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(default_environment() | platform):
            continue  # the other platform's TensorFlow: the lock was made on this one
        pinned = str(requirement.specifier).removeprefix("==")
        assert lock.get(canonicalize_name(requirement.name)) == pinned, (
            f"{requirement.name}: pyproject.toml pins {pinned}, constraints.txt has "
            f"{lock.get(canonicalize_name(requirement.name))}; install the pin and run `make lock`"
        )


def test_the_lock_was_made_with_the_python_that_environment_yml_and_ci_use():
    environment, _ = environment_pip_section()
    conda_python = next(item for item in environment["dependencies"] if str(item).startswith("python="))
    version = conda_python.split("=")[1]
    assert re.search(rf"^# Python {re.escape(version)}\.\d+ ", LOCK.read_text(), re.MULTILINE)
    workflow = (ROOT / ".github" / "workflows" / "book.yml").read_text()
    assert f'python-version: "{version}"' in workflow


def test_the_workflow_pins_every_action_to_a_commit():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for action in re.findall(r"^\s*(?:- )?uses:\s*(\S+)", workflow.read_text(), re.MULTILINE):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{workflow.name}: {action} is not pinned"
