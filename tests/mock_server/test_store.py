"""The store's unit of work, on both backends: a request's writes apply together or not at all."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from ios_lob_kit.mock_server.scratch_postgres import ScratchCluster
from ios_lob_kit.mock_server.store import Store

from .conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "postgresql":
        cluster: ScratchCluster = request.getfixturevalue("postgres")
        opened = Store(cluster.create_database())
    else:
        opened = Store(tmp_path / "db.sqlite3")
    yield opened
    opened.close()


def test_a_refused_request_writes_nothing(store: Store) -> None:
    def refused() -> None:
        with store.unit_of_work():
            store.insert_configuration("t", {"id": "c1"})
            raise LookupError("refused after deciding to write")

    with pytest.raises(LookupError):
        refused()
    assert store.get_configuration("t", "c1") is None


def test_several_writes_commit_together_or_roll_back_together(store: Store) -> None:
    with store.unit_of_work():
        store.insert_configuration("t", {"id": "c1"})
        store.insert_assignment("c1", {"id": "a1"})
    assert store.count_assignments("c1") == 1

    def failing() -> None:
        with store.unit_of_work():
            store.clear_assignments("c1")
            store.insert_assignment("c1", {"id": "a2"})
            store.insert_assignment("c1", {"id": "a2"})  # the same key twice: the transaction fails

    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.UniqueViolation)):
        failing()
    assert store.get_assignment("c1", "a1") == {"id": "a1"}
    assert store.get_assignment("c1", "a2") is None


def test_tenants_do_not_see_each_others_configurations(store: Store) -> None:
    store.insert_configuration("contoso", {"id": "c1", "displayName": "x"})
    assert store.get_configuration("fabrikam", "c1") is None
    assert not store.has_configuration("fabrikam", "c1")
    assert store.list_configurations("fabrikam", where=None, order=None, skip=0, limit=10, with_count=True) == ([], 0)
    assert store.list_configurations("contoso", where=None, order=None, skip=0, limit=10, with_count=True)[1] == 1


def test_run_commits_what_the_work_returns_and_drops_what_it_refuses(store: Store) -> None:
    def create() -> str:
        store.insert_configuration("t", {"id": "kept"})
        return "created"

    def refuse() -> None:
        store.insert_configuration("t", {"id": "dropped"})
        raise LookupError("refused")

    assert asyncio.run(store.run(create)) == "created"
    with pytest.raises(LookupError):
        asyncio.run(store.run(refuse))
    assert store.has_configuration("t", "kept")
    assert not store.has_configuration("t", "dropped")


def test_postgres_requests_are_serializable_and_conflicts_are_run_again(postgres: ScratchCluster) -> None:
    """Two read-modify-writes of one document that overlap in time: the database refuses the second one's
    commit (SQLSTATE 40001), and `run` runs it again from its read, so neither update is lost."""
    url = postgres.create_database()
    store, rival = Store(url), Store(url)  # two server processes' stores, as far as the database can tell
    store.insert_configuration("t", {"id": "c1", "counter": 0})
    attempts = 0

    def increment() -> int:
        nonlocal attempts
        attempts += 1
        doc = store.get_configuration("t", "c1")
        assert doc is not None
        if attempts == 1:  # a rival commits its own increment between this read and this write
            with rival.unit_of_work():
                seen = rival.get_configuration("t", "c1")
                assert seen is not None
                rival.replace_configuration("t", {**seen, "counter": seen["counter"] + 1})
        store.replace_configuration("t", {**doc, "counter": doc["counter"] + 1})
        return int(doc["counter"]) + 1

    assert asyncio.run(store.run(increment)) == 2
    assert attempts == 2
    assert store.get_configuration("t", "c1") == {"id": "c1", "counter": 2}
    store.close()
    rival.close()
