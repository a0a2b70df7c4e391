"""Generated clients, cached by everything that decides what the generator writes.

The key is a hash of the spec's text, the generator's config and template overrides, and the versions of
openapi-python-client, Jinja and ruff (its post-hooks format the output). Same key, same files: a spec the kit
has generated once (the last commit's, the one a report compares with) is not generated again. Misses
are generated in this process, one after the other. Entries live in `$REGENERATE_CACHE_DIR` (default
`$XDG_CACHE_HOME/ios-lob-contract-kit/generated-clients`, or `~/.cache/...`); `REGENERATE_CACHE_DIR=off`
turns the cache off. The last `KEEP` entries used are kept.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from ios_lob_kit.openapi import CLIENT_CONFIG_PATH, TEMPLATES_PATH
from ios_lob_kit.regeneration.generate import PACKAGE_NAME, generate_all

CACHE_ENV = "REGENERATE_CACHE_DIR"
KEEP = 128  # about 0.4 MB each; more than the corpus test uses (48), so its reruns hit
_LAYOUT = "1"  # bump when what an entry holds changes
_TOOLS = ("openapi-python-client", "ruff", "jinja2")  # what writes and formats the files
_STALE_SECONDS = 3600  # a partial entry this old was left by a killed run


def default_root() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ios-lob-contract-kit" / "generated-clients"


def key(spec_text: str) -> str:
    """The hash of what decides the generated files."""
    digest = hashlib.sha256()
    parts = [_LAYOUT, *(version(name) for name in _TOOLS), spec_text, CLIENT_CONFIG_PATH.read_text()]
    for template in sorted(path for path in TEMPLATES_PATH.rglob("*") if path.is_file()):
        parts += [template.relative_to(TEMPLATES_PATH).as_posix(), template.read_text(encoding="utf-8")]
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
    return digest.hexdigest()[:32]


@contextmanager
def clients(specs: Sequence[tuple[str, str]], root: Path | None = None) -> Iterator[list[Path]]:
    """The package each (file name, text) spec generates; paths valid inside the `with` block.

    `root` None: `default_root()`; a root that cannot be written is treated as no cache.
    """
    root = _usable(default_root() if root is None else root)
    with tempfile.TemporaryDirectory(prefix="regenerate-") as scratch:
        found: list[Path | None] = [_hit(root, key(text)) if root else None for _, text in specs]
        misses = [index for index, path in enumerate(found) if path is None]
        jobs = []
        for index in misses:
            name, text = specs[index]
            folder = (root / f".partial-{uuid.uuid4().hex}") if root else Path(scratch) / str(index)
            folder.mkdir(parents=True)
            spec = folder / (Path(name).name or "spec.yaml")
            spec.write_text(text, encoding="utf-8")
            jobs.append((spec, folder))
        try:
            made = generate_all(jobs)
        except BaseException:
            for _, folder in jobs:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        for spec, _ in jobs:
            spec.unlink()
        for index, package, (_, folder) in zip(misses, made, jobs, strict=True):
            found[index] = _store(root, key(specs[index][1]), folder) if root else package
        if root and misses:
            _evict(root)
        yield [path for path in found if path is not None]


def _usable(root: Path | None) -> Path | None:
    if root is None:
        return None
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(root, os.W_OK) else None


def _hit(root: Path, entry: str) -> Path | None:
    package = root / entry / PACKAGE_NAME
    if not package.is_dir():
        return None
    os.utime(root / entry)  # most recently used
    return package


def _store(root: Path, entry: str, folder: Path) -> Path:
    """Move a finished generation into place; another run that stored the same key first wins."""
    try:
        folder.rename(root / entry)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
    return root / entry / PACKAGE_NAME


def _evict(root: Path) -> None:
    entries = sorted(
        (path for path in root.iterdir() if path.is_dir() and not path.name.startswith(".")),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for path in entries[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(".partial-*"):
        if time.time() - path.stat().st_mtime > _STALE_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
