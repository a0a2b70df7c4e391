"""SQLite persistence: configurations and their assignments, per tenant, as JSON documents.

One connection, used only from the event loop's thread. Each request is one unit of work
(`with store.unit_of_work():`): reads run at once, writes are collected and applied together when
the request succeeds, as one statement or one transaction, and dropped when it is refused, so a
refused request changes nothing. Handlers run without awaiting, so no other request interleaves
between their reads and their writes. WAL with synchronous=NORMAL: a committed write survives a
kill -9 of the process (not a power cut, which a mock need not survive).
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from mock_server.jsonio import dump_text

__all__ = ["Page", "Store"]

# Two b-trees per table (rows + one unique index): each write touches as few pages as possible.
# Lists sort a tenant's or configuration's rows by `seq` (insertion order) on the fly.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS configurations (
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS configurations_key ON configurations (tenant, id);
CREATE TABLE IF NOT EXISTS assignments (
    seq INTEGER PRIMARY KEY,
    configuration_id TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS assignments_key ON assignments (configuration_id, id);
"""

Page = tuple[list[dict[str, Any]], int | None]  # the items, and the total count when asked for
_Write = tuple[str, tuple[Any, ...]]


class _UnitOfWork:
    """A plain context manager (no generator): it runs once per request."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._pending = []

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        writes, self._store._pending = self._store._pending, None
        if kind is None and writes:
            self._store._apply(writes)


class Store:
    def __init__(self, path: Path | None, *, commit_delay_s: float = 0.0) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = ":memory:" if path is None else str(path)
        self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._pending: list[_Write] | None = None
        self._unit = _UnitOfWork(self)
        self._commit_delay_s = commit_delay_s  # debug only: see ServerConfig.commit_delay_s

    def close(self) -> None:
        self._db.close()

    def unit_of_work(self) -> _UnitOfWork:
        """`with store.unit_of_work():` applies the block's writes when it ends normally, drops them if it raises."""
        return self._unit

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        if self._pending is None:
            self._apply([(sql, args)])
        else:
            self._pending.append((sql, args))

    def _apply(self, writes: list[_Write]) -> None:
        if len(writes) == 1:  # one statement is its own transaction
            self._db.execute(*writes[0])
        elif writes:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, args in writes:
                    self._db.execute(sql, args)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        if self._commit_delay_s:
            time.sleep(self._commit_delay_s)  # blocks the loop on purpose: the answer waits behind it

    # Configurations: tenant-scoped; another tenant's id reads as absent.

    def get_configuration(self, tenant: str, config_id: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT doc FROM configurations WHERE tenant = ? AND id = ?", (tenant, config_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def has_configuration(self, tenant: str, config_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM configurations WHERE tenant = ? AND id = ?", (tenant, config_id))
        return row.fetchone() is not None

    def list_configurations(self, tenant: str, *, only_id: str | None, skip: int, limit: int, with_count: bool) -> Page:
        where, args = "tenant = ?", [tenant]
        if only_id is not None:
            where, args = where + " AND id = ?", [*args, only_id]
        return self._page("configurations", where, args, skip, limit, with_count)

    def insert_configuration(self, tenant: str, doc: dict[str, Any]) -> None:
        sql = "INSERT INTO configurations (tenant, id, doc) VALUES (?, ?, ?)"
        self._write(sql, (tenant, doc["id"], dump_text(doc)))

    def replace_configuration(self, tenant: str, doc: dict[str, Any]) -> None:
        sql = "UPDATE configurations SET doc = ? WHERE tenant = ? AND id = ?"
        self._write(sql, (dump_text(doc), tenant, doc["id"]))

    def delete_configuration(self, tenant: str, config_id: str) -> None:
        """Deletes the configuration and its assignments (callers check it is the tenant's)."""
        self._write("DELETE FROM configurations WHERE tenant = ? AND id = ?", (tenant, config_id))
        self._write("DELETE FROM assignments WHERE configuration_id = ?", (config_id,))

    # Assignments: callers check the configuration belongs to the tenant first.

    def get_assignment(self, config_id: str, assignment_id: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT doc FROM assignments WHERE configuration_id = ? AND id = ?", (config_id, assignment_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def list_assignments(self, config_id: str, *, only_id: str | None, skip: int, limit: int, with_count: bool) -> Page:
        where, args = "configuration_id = ?", [config_id]
        if only_id is not None:
            where, args = where + " AND id = ?", [*args, only_id]
        return self._page("assignments", where, args, skip, limit, with_count)

    def count_assignments(self, config_id: str) -> int:
        row = self._db.execute("SELECT count(*) FROM assignments WHERE configuration_id = ?", (config_id,))
        return int(row.fetchone()[0])

    def insert_assignment(self, config_id: str, doc: dict[str, Any]) -> None:
        sql = "INSERT INTO assignments (configuration_id, id, doc) VALUES (?, ?, ?)"
        self._write(sql, (config_id, doc["id"], dump_text(doc)))

    def replace_assignment(self, config_id: str, doc: dict[str, Any]) -> None:
        sql = "UPDATE assignments SET doc = ? WHERE configuration_id = ? AND id = ?"
        self._write(sql, (dump_text(doc), config_id, doc["id"]))

    def delete_assignment(self, config_id: str, assignment_id: str) -> None:
        self._write("DELETE FROM assignments WHERE configuration_id = ? AND id = ?", (config_id, assignment_id))

    def clear_assignments(self, config_id: str) -> None:
        self._write("DELETE FROM assignments WHERE configuration_id = ?", (config_id,))

    def _page(self, table: str, where: str, args: list[str], skip: int, limit: int, with_count: bool) -> Page:
        # `table` and `where` are this module's constants, never request text.
        rows = self._db.execute(
            f"SELECT doc FROM {table} WHERE {where} ORDER BY seq LIMIT ? OFFSET ?", (*args, limit, skip)
        ).fetchall()
        total = None
        if with_count:
            total = int(self._db.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0])
        return [json.loads(row[0]) for row in rows], total
