"""The two specs a report compares: read from a file or from a git revision."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ios_lob_kit.openapi import SPEC_PATH

# PyYAML's safe loader, in C when PyYAML has libyaml (the same documents, ten times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BaselineError(ValueError):
    """The earlier spec cannot be read: a usage error (bad revision, missing file, not YAML)."""


@dataclass(frozen=True)
class SpecSource:
    label: str  # how the report names it: a path, or "HEAD (be5726f)"
    text: str
    document: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.document.get("info", {}).get("version", "?"))


def parse(label: str, text: str) -> SpecSource:
    try:
        document = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise BaselineError(f"{label}: not YAML: {error}") from error
    if not isinstance(document, dict):
        raise BaselineError(f"{label}: not an OpenAPI document (a mapping)")
    return SpecSource(label, text, document)


# Until the kit became one import package the spec lived at openapi/..., not ios_lob_kit/openapi/....
FORMER_PREFIX = "ios_lob_kit/"


def from_file(path: Path, label: str | None = None) -> SpecSource:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: {error.strerror}") from error
    return parse(label or str(path), text)


def from_git(revision: str, spec: Path, repo: Path) -> SpecSource:
    """The spec at `revision`: the file at `spec`'s place in `repo` (`git show REV:./path`)."""
    relative = repo_path(spec, repo)
    shown = _git(repo, "show", f"{revision}:./{relative}")
    if shown.returncode != 0 and relative.startswith(FORMER_PREFIX):  # a revision from before the rename
        former = relative.removeprefix(FORMER_PREFIX)
        earlier = _git(repo, "show", f"{revision}:./{former}")
        if earlier.returncode == 0:
            relative, shown = former, earlier
    if shown.returncode != 0:
        raise BaselineError(f"git show {revision}:{relative}: {shown.stderr.strip()}")
    commit = _git(repo, "rev-parse", "--short", f"{revision}^{{commit}}").stdout.strip()
    label = f"{revision}:{relative}" + (f" ({commit})" if commit and commit != revision else "")
    return parse(label, shown.stdout)


def default(spec: Path, repo: Path) -> SpecSource | None:
    """The spec at git HEAD, or None when there is no repository or HEAD has no such file."""
    try:
        return from_git("HEAD", spec, repo)
    except (BaselineError, OSError):
        return None


def repo_path(spec: Path, repo: Path) -> str:
    """Where `spec` lives in the repository; a spec from outside (a scratch copy) stands for the real one."""
    resolved = spec.resolve()
    inside = resolved.is_relative_to(repo.resolve())
    return (resolved if inside else SPEC_PATH).relative_to(repo.resolve()).as_posix()


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
