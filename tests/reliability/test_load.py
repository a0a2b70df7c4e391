"""The mixed-load run: its comparison catches lost, phantom and half-applied writes; a small run is clean."""

from __future__ import annotations

import json

import pytest

from reliability.load import run_load
from reliability.state import Snapshot
from reliability.workload import Client, Pending, compare


def _client(model: dict[str, dict[str, object]]) -> Client:
    client = Client(0, "token", "contoso", seed=0)
    client.model = model
    return client


def _state(configs: dict[str, str], assignments: list[tuple[str, str, str]]) -> Snapshot:
    rows = tuple(("contoso", cid, json.dumps({"displayName": name, "version": 1})) for cid, name in configs.items())
    docs = tuple((cid, aid, json.dumps({"target": {"groupId": group}})) for cid, aid, group in assignments)
    return rows, docs


def test_a_matching_state_compares_clean() -> None:
    client = _client({"c1": {"displayName": "n1", "version": 1, "assignments": {"a1": "g1"}}})
    result = compare([client], _state({"c1": "n1"}, [("c1", "a1", "g1")]))
    assert (result.lost, result.phantom, result.half_applied) == ([], [], [])


def test_lost_phantom_and_half_applied_writes_are_counted() -> None:
    client = _client(
        {
            "c1": {"displayName": "n1", "version": 1, "assignments": {"a1": "g1"}},
            "c2": {"displayName": "n2", "version": 1, "assignments": {}},
        }
    )
    state = _state({"c1": "old", "c3": "n3"}, [("c1", "a9", "g9"), ("gone", "a8", "g8")])
    result = compare([client], state)
    assert any("c2" in item for item in result.lost)  # acknowledged create missing
    assert any("update of c1" in item for item in result.lost)  # acknowledged update missing
    assert any("g1" in item for item in result.lost)
    assert any("g9" in item for item in result.phantom)
    assert any("c3" in item for item in result.phantom)
    assert result.half_applied == ["orphaned assignment a8"]


def test_a_pending_write_is_settled_as_applied_absent_or_half() -> None:
    before = {"displayName": "n1", "version": 1, "assignments": {"a1": "g1"}}
    after = {"displayName": "n1", "version": 1, "assignments": {"?0": "g2", "?1": "g3"}}
    for stored, outcome in (
        ([("c1", "b1", "g2"), ("c1", "b2", "g3")], "applied"),
        ([("c1", "a1", "g1")], "absent"),
        ([("c1", "a1", "g1"), ("c1", "b1", "g2")], "half"),
    ):
        client = _client({"c1": json.loads(json.dumps(before))})
        client.pending = Pending("assign", "c1", before, after, "g2,g3")
        result = compare([client], _state({"c1": "n1"}, stored))
        counts = (result.unacknowledged_applied, result.unacknowledged_absent, len(result.half_applied))
        assert counts == {"applied": (1, 0, 0), "absent": (0, 1, 0), "half": (0, 0, 1)}[outcome]
        assert (result.lost, result.phantom) == ([], [])


@pytest.mark.slow
def test_a_small_concurrent_run_loses_nothing() -> None:
    result = run_load(clients=4, operations=40, seed=0)
    assert result.operations == 160
    assert result.acknowledged > 60
    assert result.reads > 10
    assert (result.stale_reads, result.unexpected, result.server_errors, result.integrity) == ([], [], 0, "ok")
    comparison = result.comparison
    assert (comparison.lost, comparison.phantom, comparison.half_applied) == ([], [], [])
