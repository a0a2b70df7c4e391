"""Run openapi-python-client on the spec and compare or replace `generated_client/`."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openapi import CLIENT_CONFIG_PATH, SPEC_PATH, TEMPLATES_PATH

PACKAGE_NAME = "generated_client"
# Left behind by the generator's ruff post-hooks; never part of the golden record.
_IGNORED_PARTS = {".ruff_cache", "__pycache__", ".mypy_cache"}


class GenerationError(RuntimeError):
    """openapi-python-client failed or warned (warnings are failures: `--fail-on-warning`)."""


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


def generate(spec: Path, destination: Path) -> Path:
    """Generate the client package for `spec` into `destination/generated_client` and return it."""
    output = destination / PACKAGE_NAME
    # The post-hooks call `ruff`: use the one installed beside this Python, so output is reproducible.
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    command = [
        str(Path(sys.executable).parent / "openapi-python-client"),
        "generate",
        "--path", str(spec),
        "--config", str(CLIENT_CONFIG_PATH),
        "--custom-template-path", str(TEMPLATES_PATH),
        "--meta", "none",
        "--output-path", str(output),
        "--overwrite",
        "--fail-on-warning",
    ]  # fmt: skip
    result = subprocess.run(command, env=env, cwd=destination, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_dir():
        raise GenerationError(f"openapi-python-client failed on {spec}:\n{result.stdout}{result.stderr}")
    for leftover in _IGNORED_PARTS:
        shutil.rmtree(output / leftover, ignore_errors=True)
    return output


def _files(root: Path) -> dict[str, Path]:
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _IGNORED_PARTS.intersection(path.relative_to(root).parts)
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
    with tempfile.TemporaryDirectory(prefix="regenerate-") as scratch:
        fresh = generate(spec, Path(scratch))
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
    if not looks_generated(client_dir):
        raise GenerationError(
            f"{client_dir} is not a generated client (no client.py, types.py, errors.py): refusing to replace it"
        )
    with tempfile.TemporaryDirectory(prefix="regenerate-") as scratch:
        fresh = generate(spec, Path(scratch))
        drift = compare(fresh, client_dir) if client_dir.exists() else compare(fresh, Path(scratch) / "absent")
        for name in [*drift.added, *drift.changed]:
            (client_dir / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh / name, client_dir / name)
        for name in drift.removed:
            (client_dir / name).unlink()
        for folder in sorted((p for p in client_dir.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        return drift
