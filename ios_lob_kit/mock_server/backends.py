"""The two databases the store runs on: one SQLite file (or memory), or a shared PostgreSQL.

The store's SQL is one text for both: `?` placeholders, no other dialect-specific syntax (the PostgreSQL
backend turns `?` into psycopg's `%s`). Where a statement must differ, branch on `backend.dialect`.
A backend runs a request's work as one transaction (`await backend.run(work)`); inside it the store
calls `read` and `write`.

- SQLite: one connection, used from the event loop's thread; work runs inline, without awaiting, so no
  other request interleaves. Writes are collected and applied together when the work returns (one
  statement is its own transaction), dropped when it raises. WAL with synchronous=NORMAL: a committed
  write survives a kill -9 of the process.
- PostgreSQL: many server processes share one database, so Python cannot order their requests. Each
  request is one SERIALIZABLE transaction on its worker thread's own connection: the database refuses
  any interleaving that differs from some serial order (SQLSTATE 40001) and the work is run again, from
  its first read. Commits wait for the WAL flush (PostgreSQL's default), so an acknowledged write
  survives the loss of any server process.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import psycopg
from psycopg import errors as pg_errors

from ios_lob_kit.mock_server.config import is_postgres_url
from ios_lob_kit.mock_server.filtering import POSTGRES_FUNCTIONS, instant

__all__ = ["Backend", "PostgresBackend", "SqliteBackend", "open_backend", "redact_url"]

T = TypeVar("T")
Row = tuple[Any, ...]

# Two b-trees per table (rows + one unique key): each write touches as few pages as possible.
# Lists sort by `seq` (insertion order).
_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS configurations (
    seq INTEGER PRIMARY KEY, tenant TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS configurations_key ON configurations (tenant, id);
CREATE TABLE IF NOT EXISTS assignments (
    seq INTEGER PRIMARY KEY, configuration_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS assignments_key ON assignments (configuration_id, id);
CREATE TABLE IF NOT EXISTS group_assignments (
    seq INTEGER PRIMARY KEY, configuration_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS group_assignments_key ON group_assignments (configuration_id, id);
"""

# Documents stay TEXT (not jsonb) so answers keep their property order on both backends.
_POSTGRES_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS configurations (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
        CONSTRAINT configurations_key UNIQUE (tenant, id)
    )""",
    """CREATE TABLE IF NOT EXISTS assignments (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        configuration_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
        CONSTRAINT assignments_key UNIQUE (configuration_id, id)
    )""",
    """CREATE TABLE IF NOT EXISTS group_assignments (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        configuration_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
        CONSTRAINT group_assignments_key UNIQUE (configuration_id, id)
    )""",
)
_SCHEMA_LOCK = 0x105_10B  # advisory lock id: server processes starting together create the schema once

_RETRIED = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected)
_MAX_ATTEMPTS = 50  # a request that loses this many conflicts in a row fails (500), it does not spin
_THREADS = 8  # requests one PostgreSQL-backed process runs at once (each on its own connection)


def redact_url(url: str) -> str:
    """The URL without its password, for logs and the start-up banner."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    shown = f"{info.get('user', '')}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{shown}{info.get('host', '')}{port}/{info.get('dbname', '')}"


class Backend(Protocol):
    dialect: Literal["sqlite", "postgresql"]

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` as one transaction: committed when it returns, rolled back when it raises."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """The same as a context manager, without retries (`with backend.transaction():`)."""
        ...

    def read(self, sql: str, args: Sequence[Any]) -> list[Row]: ...

    def write(self, sql: str, args: Sequence[Any]) -> None: ...

    def close(self) -> None: ...


class SqliteBackend:
    dialect: Literal["sqlite"] = "sqlite"

    def __init__(self, path: Path | None, commit_delay_s: float = 0.0) -> None:
        self._commit_delay_s = commit_delay_s
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = ":memory:" if path is None else str(path)
        self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SQLITE_SCHEMA)
        self._db.create_function("kit_instant", 1, instant, deterministic=True)  # $filter's date-times
        self._pending: list[tuple[str, Sequence[Any]]] | None = None

    async def run(self, work: Callable[[], T]) -> T:
        with self.transaction():
            return work()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._pending = []
        try:
            yield
        except BaseException:
            self._pending = None
            raise
        writes, self._pending = self._pending, None
        self._apply(writes)

    def read(self, sql: str, args: Sequence[Any]) -> list[Row]:
        return self._db.execute(sql, args).fetchall()

    def write(self, sql: str, args: Sequence[Any]) -> None:
        if self._pending is None:
            self._apply([(sql, args)])
        else:
            self._pending.append((sql, args))

    def _apply(self, writes: list[tuple[str, Sequence[Any]]]) -> None:
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
        if self._commit_delay_s and writes:
            time.sleep(self._commit_delay_s)  # blocks the loop on purpose: the answer waits behind it

    def close(self) -> None:
        self._db.close()


def _postgres_sql(sql: str) -> str:
    # The store's SQL has no `%` or `?` of its own: `%` is escaped anyway, `?` are placeholders.
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend:
    dialect: Literal["postgresql"] = "postgresql"

    def __init__(self, url: str, commit_delay_s: float = 0.0) -> None:
        self._url = url
        self._commit_delay_s = commit_delay_s
        self._local = threading.local()  # each thread's connection
        self._connections: list[psycopg.Connection[Row]] = []
        self._connections_lock = threading.Lock()
        self._threads = ThreadPoolExecutor(_THREADS, thread_name_prefix="store")
        with self._connection().transaction():
            connection = self._connection()
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            for statement in (*_POSTGRES_SCHEMA, POSTGRES_FUNCTIONS):
                connection.execute(statement)

    def _connection(self) -> psycopg.Connection[Row]:
        connection: psycopg.Connection[Row] | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = psycopg.connect(self._url, autocommit=True)
            connection.isolation_level = psycopg.IsolationLevel.SERIALIZABLE  # for transaction() blocks
            self._local.connection = connection
            with self._connections_lock:
                self._connections.append(connection)
        return connection

    async def run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._threads, self._retrying, work)

    def _retrying(self, work: Callable[[], T]) -> T:
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            try:
                with self.transaction():
                    result = work()
                if self._commit_delay_s:
                    time.sleep(self._commit_delay_s)  # the answer waits behind it
                return result
            except _RETRIED:
                if attempt == _MAX_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._connection().transaction():  # BEGIN ISOLATION LEVEL SERIALIZABLE ... COMMIT
            yield

    def read(self, sql: str, args: Sequence[Any]) -> list[Row]:
        if any(isinstance(arg, str) and "\x00" in arg for arg in args):
            return []  # PostgreSQL text cannot hold NUL, so no stored key matches one (SQLite: no match either)
        return self._connection().execute(_postgres_sql(sql), args).fetchall()

    def write(self, sql: str, args: Sequence[Any]) -> None:
        self._connection().execute(_postgres_sql(sql), args)

    def close(self) -> None:
        self._threads.shutdown(wait=True)
        with self._connections_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()


def open_backend(location: Path | str | None, commit_delay_s: float = 0.0) -> SqliteBackend | PostgresBackend:
    """A `postgresql://` URL, a SQLite file, or None for SQLite in memory. `commit_delay_s` (debug only):
    sleep that long after each commit, before the answer, so a kill -9 can land between the two."""
    if isinstance(location, str):
        if not is_postgres_url(location):
            raise ValueError(f"not a postgresql:// URL: {location!r}")
        return PostgresBackend(location, commit_delay_s)
    return SqliteBackend(location, commit_delay_s)
