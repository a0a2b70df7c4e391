"""The reference server's stored state, read straight from its SQLite file (read-only, beside the server)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

__all__ = ["Snapshot", "integrity", "snapshot"]

# (tenant, id, doc) of every configuration and (configuration id, id, doc) of every assignment, sorted.
Snapshot = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


def snapshot(path: Path) -> Snapshot:
    """Everything stored, in a fixed order (documents as stored JSON text)."""
    with closing(_connect(path)) as db:
        configs = db.execute("SELECT tenant, id, doc FROM configurations ORDER BY tenant, id").fetchall()
        assignments = db.execute("SELECT configuration_id, id, doc FROM assignments ORDER BY 1, 2").fetchall()
    return tuple(configs), tuple(assignments)


def integrity(path: Path) -> str:
    """`PRAGMA integrity_check` of the file: "ok" when SQLite finds nothing wrong."""
    with closing(sqlite3.connect(str(path), timeout=30)) as db:
        return "; ".join(str(row[0]) for row in db.execute("PRAGMA integrity_check").fetchall())
