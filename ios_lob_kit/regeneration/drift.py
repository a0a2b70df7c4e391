"""Compare a client folder with what the spec generates, and replace it (`--check` and regeneration)."""

from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass
from pathlib import Path

from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.regeneration.cache import clients
from ios_lob_kit.regeneration.generate import IGNORED_PARTS, PACKAGE_NAME, GenerationError


@dataclass(frozen=True)
class Drift:
    """How a client folder differs from what the spec generates."""

    added: list[str]  # generated, but missing from the folder
    removed: list[str]  # in the folder, but no longer generated
    changed: dict[str, str]  # path -> unified diff

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def render(self) -> str:
        lines = [f"missing (the spec generates it): {path}" for path in self.added]
        lines += [f"extra (the spec does not generate it): {path}" for path in self.removed]
        lines += list(self.changed.values())
        return "\n".join(lines)


def _files(root: Path) -> dict[str, Path]:
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not IGNORED_PARTS.intersection(path.relative_to(root).parts)
    }


def compare(expected_root: Path, actual_root: Path) -> Drift:
    """File-by-file comparison of two client folders; diffs read from `actual` to `expected`."""
    expected, actual = _files(expected_root), _files(actual_root)
    changed = {}
    for name in sorted(expected.keys() & actual.keys()):
        want, have = expected[name].read_text(encoding="utf-8"), actual[name].read_text(encoding="utf-8")
        if want != have:
            diff = difflib.unified_diff(
                have.splitlines(keepends=True),
                want.splitlines(keepends=True),
                fromfile=f"{PACKAGE_NAME}/{name} (committed)",
                tofile=f"{PACKAGE_NAME}/{name} (generated from the spec)",
            )
            changed[name] = "".join(diff)
    return Drift(
        added=sorted(expected.keys() - actual.keys()),
        removed=sorted(actual.keys() - expected.keys()),
        changed=changed,
    )


def check(client_dir: Path, spec: Path = SPEC_PATH) -> Drift:
    """What `client_dir` would need to change to be exactly what `spec` generates."""
    with clients([(spec.name, spec.read_text(encoding="utf-8"))]) as (fresh,):
        return compare(fresh, client_dir)


def looks_generated(client_dir: Path) -> bool:
    """True for a folder openapi-python-client made (or an empty one): the only kind `regenerate` replaces."""
    if not client_dir.exists():
        return True
    if not client_dir.is_dir():
        return False
    markers = ("__init__.py", "client.py", "types.py", "errors.py")
    return not any(client_dir.iterdir()) or all((client_dir / name).is_file() for name in markers)


def regenerate(client_dir: Path, spec: Path = SPEC_PATH) -> Drift:
    """Make `client_dir` exactly what `spec` generates, touching only the files that differ."""
    with clients([(spec.name, spec.read_text(encoding="utf-8"))]) as (fresh,):
        return replace(client_dir, fresh)


def replace(client_dir: Path, fresh: Path) -> Drift:
    """Make `client_dir` a copy of the generated package `fresh`, touching only the files that differ."""
    if not looks_generated(client_dir):
        raise GenerationError(
            f"{client_dir} is not a generated client (no client.py, types.py, errors.py): refusing to replace it"
        )
    drift = compare(fresh, client_dir) if client_dir.exists() else compare(fresh, fresh.parent / "absent")
    for name in [*drift.added, *drift.changed]:
        (client_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fresh / name, client_dir / name)
    for name in drift.removed:
        (client_dir / name).unlink()
    for folder in sorted((p for p in client_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return drift
