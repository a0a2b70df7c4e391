"""What the server stores: configurations and their assignments, per tenant, as JSON documents.

One SQL text for both backends (backends.py): SQLite, or PostgreSQL shared by several server processes.
Each request is one unit of work (`await store.run(work)`): its reads and writes are one transaction,
applied when the work returns and dropped when it raises, so a refused request changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from ios_lob_kit.mock_server.backends import open_backend
from ios_lob_kit.mock_server.filtering import Condition, Dialect
from ios_lob_kit.mock_server.jsonio import dump_text

__all__ = ["Page", "Store"]

T = TypeVar("T")
Page = tuple[list[dict[str, Any]], int | None]  # the items, and the total count when asked for


class Store:
    def __init__(self, location: Path | str | None, *, commit_delay_s: float = 0.0) -> None:
        """`location`: a SQLite file, None for SQLite in memory, or a `postgresql://` URL. `commit_delay_s`
        is debug only (ServerConfig.commit_delay_s)."""
        self._db = open_backend(location, commit_delay_s)

    @property
    def dialect(self) -> Dialect:
        return self._db.dialect

    def close(self) -> None:
        self._db.close()

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` as one transaction: its writes apply when it returns, none if it raises. On PostgreSQL,
        `work` may run more than once (when the database refuses a concurrent interleaving): keep it free
        of effects other than the store's."""
        return await self._db.run(work)

    def unit_of_work(self) -> AbstractContextManager[None]:
        """`with store.unit_of_work():` the same without retries (for callers outside the event loop)."""
        return self._db.transaction()

    def _one(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        rows = self._db.read(sql, args)
        return rows[0] if rows else None

    # Configurations: tenant-scoped; another tenant's id reads as absent.

    def get_configuration(self, tenant: str, config_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT doc FROM configurations WHERE tenant = ? AND id = ?", tenant, config_id)
        return None if row is None else dict(json.loads(row[0]))

    def has_configuration(self, tenant: str, config_id: str) -> bool:
        return self._one("SELECT 1 FROM configurations WHERE tenant = ? AND id = ?", tenant, config_id) is not None

    def list_configurations(
        self, tenant: str, *, where: Condition | None, order: str | None, skip: int, limit: int, with_count: bool
    ) -> Page:
        return self._page(
            "configurations", "tenant", tenant, where, order, skip=skip, limit=limit, with_count=with_count
        )

    def count_configurations(self, tenant: str, where: Condition | None = None) -> int:
        return self._count("configurations", "tenant", tenant, where)

    def insert_configuration(self, tenant: str, doc: dict[str, Any]) -> None:
        sql = "INSERT INTO configurations (tenant, id, doc) VALUES (?, ?, ?)"
        self._db.write(sql, (tenant, doc["id"], dump_text(doc)))

    def replace_configuration(self, tenant: str, doc: dict[str, Any]) -> None:
        sql = "UPDATE configurations SET doc = ? WHERE tenant = ? AND id = ?"
        self._db.write(sql, (dump_text(doc), tenant, doc["id"]))

    def delete_configuration(self, tenant: str, config_id: str) -> None:
        """Deletes the configuration, its assignments and group assignments (callers check it is the tenant's)."""
        self._db.write("DELETE FROM configurations WHERE tenant = ? AND id = ?", (tenant, config_id))
        self._db.write("DELETE FROM assignments WHERE configuration_id = ?", (config_id,))
        self._db.write("DELETE FROM group_assignments WHERE configuration_id = ?", (config_id,))

    # Assignments: callers check the configuration belongs to the tenant first.

    def get_assignment(self, config_id: str, assignment_id: str) -> dict[str, Any] | None:
        sql = "SELECT doc FROM assignments WHERE configuration_id = ? AND id = ?"
        row = self._one(sql, config_id, assignment_id)
        return None if row is None else dict(json.loads(row[0]))

    def list_assignments(
        self, config_id: str, *, where: Condition | None, order: str | None, skip: int, limit: int, with_count: bool
    ) -> Page:
        return self._page(
            "assignments", "configuration_id", config_id, where, order, skip=skip, limit=limit, with_count=with_count
        )

    def count_assignments(self, config_id: str, where: Condition | None = None) -> int:
        return self._count("assignments", "configuration_id", config_id, where)

    def insert_assignment(self, config_id: str, doc: dict[str, Any]) -> None:
        sql = "INSERT INTO assignments (configuration_id, id, doc) VALUES (?, ?, ?)"
        self._db.write(sql, (config_id, doc["id"], dump_text(doc)))

    def replace_assignment(self, config_id: str, doc: dict[str, Any]) -> None:
        sql = "UPDATE assignments SET doc = ? WHERE configuration_id = ? AND id = ?"
        self._db.write(sql, (dump_text(doc), config_id, doc["id"]))

    def delete_assignment(self, config_id: str, assignment_id: str) -> None:
        sql = "DELETE FROM assignments WHERE configuration_id = ? AND id = ?"
        self._db.write(sql, (config_id, assignment_id))

    def clear_assignments(self, config_id: str) -> None:
        self._db.write("DELETE FROM assignments WHERE configuration_id = ?", (config_id,))

    # Group assignments: read here, written as a whole by the assign action.

    def get_group_assignment(self, config_id: str, assignment_id: str) -> dict[str, Any] | None:
        sql = "SELECT doc FROM group_assignments WHERE configuration_id = ? AND id = ?"
        row = self._one(sql, config_id, assignment_id)
        return None if row is None else dict(json.loads(row[0]))

    def list_group_assignments(
        self, config_id: str, *, where: Condition | None, order: str | None, skip: int, limit: int, with_count: bool
    ) -> Page:
        return self._page(
            "group_assignments",
            "configuration_id",
            config_id,
            where,
            order,
            skip=skip,
            limit=limit,
            with_count=with_count,
        )

    def count_group_assignments(self, config_id: str, where: Condition | None = None) -> int:
        return self._count("group_assignments", "configuration_id", config_id, where)

    def replace_group_assignments(self, config_id: str, docs: list[dict[str, Any]]) -> None:
        self._db.write("DELETE FROM group_assignments WHERE configuration_id = ?", (config_id,))
        for doc in docs:
            sql = "INSERT INTO group_assignments (configuration_id, id, doc) VALUES (?, ?, ?)"
            self._db.write(sql, (config_id, doc["id"], dump_text(doc)))

    def assignments_of(self, config_id: str) -> list[dict[str, Any]]:
        """Every assignment of the configuration, in the order they were made (`$expand=assignments`)."""
        rows = self._db.read("SELECT doc FROM assignments WHERE configuration_id = ? ORDER BY seq", (config_id,))
        return [json.loads(row[0]) for row in rows]

    def group_assignments_of(self, config_id: str) -> list[dict[str, Any]]:
        """Every group assignment of the configuration, in order (`$expand=groupAssignments`)."""
        rows = self._db.read("SELECT doc FROM group_assignments WHERE configuration_id = ? ORDER BY seq", (config_id,))
        return [json.loads(row[0]) for row in rows]

    # `table` and `key` are this module's constants, `where` and `order` filtering.py's SQL over the spec's
    # property names; every value a request carries is a `?` argument.

    def _page(
        self,
        table: str,
        key: str,
        owner: str,
        where: Condition | None,
        order: str | None,
        *,
        skip: int,
        limit: int,
        with_count: bool,
    ) -> Page:
        condition, args = _matching(key, owner, where)
        ordering = f"{order}, seq" if order else "seq"
        sql = f"SELECT doc FROM {table} WHERE {condition} ORDER BY {ordering} LIMIT ? OFFSET ?"
        rows = self._db.read(sql, (*args, limit, skip))
        total = self._count(table, key, owner, where) if with_count else None
        return [json.loads(row[0]) for row in rows], total

    def _count(self, table: str, key: str, owner: str, where: Condition | None) -> int:
        condition, args = _matching(key, owner, where)
        counted = self._one(f"SELECT count(*) FROM {table} WHERE {condition}", *args)
        return int(counted[0]) if counted else 0


def _matching(key: str, owner: str, where: Condition | None) -> tuple[str, tuple[Any, ...]]:
    """The rows of `owner` (`key` is `tenant` or `configuration_id`) that `where` keeps."""
    if where is None:
        return f"{key} = ?", (owner,)
    return f"{key} = ? AND ({where.sql})", (owner, *where.args)
