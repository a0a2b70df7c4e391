"""The store's unit of work: a request's writes apply together or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mock_server.store import Store


def test_a_refused_request_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")

    def refused() -> None:
        with store.unit_of_work():
            store.insert_configuration("t", {"id": "c1"})
            raise LookupError("refused after deciding to write")

    with pytest.raises(LookupError):
        refused()
    assert store.get_configuration("t", "c1") is None
    store.close()


def test_several_writes_commit_together_or_roll_back_together(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    with store.unit_of_work():
        store.insert_configuration("t", {"id": "c1"})
        store.insert_assignment("c1", {"id": "a1"})
    assert store.count_assignments("c1") == 1

    def failing() -> None:
        with store.unit_of_work():
            store.clear_assignments("c1")
            store.insert_assignment("c1", {"id": "a2"})
            store.insert_assignment("c1", {"id": "a2"})  # the same key twice: the transaction fails

    with pytest.raises(sqlite3.IntegrityError):
        failing()
    assert store.get_assignment("c1", "a1") == {"id": "a1"}
    assert store.get_assignment("c1", "a2") is None
    store.close()


def test_tenants_do_not_see_each_others_configurations() -> None:
    store = Store(None)
    store.insert_configuration("contoso", {"id": "c1", "displayName": "x"})
    assert store.get_configuration("fabrikam", "c1") is None
    assert not store.has_configuration("fabrikam", "c1")
    assert store.list_configurations("fabrikam", only_id=None, skip=0, limit=10, with_count=True) == ([], 0)
    store.close()
