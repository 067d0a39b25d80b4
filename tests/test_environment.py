"""pyproject.toml (pip) and environment.yml (conda, Binder) must pin the same stack."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_environment_yml_pins_exactly_what_pyproject_pins():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert [line for line in pip_section if line != "-e ."] == pyproject
    assert "-e ." in pip_section  # Binder installs lib too


def test_every_dependency_is_pinned_to_one_version():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all("==" in requirement for requirement in pyproject)
    assert any(requirement.startswith("jupyter-book==1.") for requirement in pyproject)
