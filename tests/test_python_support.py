"""The Python versions the kit supports are declared once per tool, and the three declarations agree."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict[str, object]:
    project: dict[str, object] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project


def _classified() -> list[str]:
    classifiers = _project()["classifiers"]
    assert isinstance(classifiers, list)
    return [c.rsplit(" :: ", 1)[1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]


def test_the_running_python_is_supported_and_admitted() -> None:
    running = "{}.{}".format(*sys.version_info[:2])
    assert running in _classified()
    requires = _project()["requires-python"]
    assert isinstance(requires, str)
    assert SpecifierSet(requires).contains(f"{running}.0")


def test_scripts_and_ci_name_the_same_versions_as_the_package() -> None:
    declared = _classified()
    assert declared == ["3.11", "3.12", "3.13"]
    env_script = (ROOT / "scripts" / "_python.sh").read_text(encoding="utf-8")
    supported = re.search(r'^SUPPORTED="([^"]+)"', env_script, re.MULTILINE)
    assert supported is not None
    assert supported.group(1).split() == declared
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    looped = re.search(r"^for version in ([\d. ]+); do", ci, re.MULTILINE)
    assert looped is not None
    assert looped.group(1).split() == declared
