"""Crashes: a kill between a commit and its answer keeps the write; a short crash run loses nothing."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest

from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import run_server
from reliability.crash import run_crash
from reliability.state import integrity, snapshot

pytestmark = pytest.mark.slow

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"


def test_a_kill_between_commit_and_answer_keeps_the_write(tmp_path: Path) -> None:
    db_path = tmp_path / "graph.sqlite3"
    tokens = dev_tokens()
    outcome: list[object] = []
    # The debug-only delay holds the answer back long after the commit: the kill lands in between.
    with run_server(ServerConfig(db_path=db_path, tokens=tokens, commit_delay_s=600.0)) as server:

        def write() -> None:
            headers = {"Authorization": f"Bearer {tokens[0].token}"}
            try:
                outcome.append(httpx.post(server.base_url + CONFIGS, json={"displayName": "x"}, headers=headers))
            except httpx.TransportError as exc:
                outcome.append(exc)

        sender = threading.Thread(target=write)
        sender.start()
        deadline = time.monotonic() + 120
        while not snapshot(db_path)[0] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert snapshot(db_path)[0], "the write never committed"
        server.kill()
        sender.join(timeout=60)
    assert len(outcome) == 1
    assert isinstance(outcome[0], httpx.TransportError)  # no answer came
    assert integrity(db_path) == "ok"
    with run_server(ServerConfig(db_path=db_path, tokens=tokens)) as server:
        names = httpx.get(server.base_url + CONFIGS, headers={"Authorization": f"Bearer {tokens[0].token}"})
        assert [item["displayName"] for item in names.json()["value"]] == ["x"]
    assert [json.loads(doc)["displayName"] for _, _, doc in snapshot(db_path)[0]] == ["x"]


def test_a_short_crash_run_loses_nothing() -> None:
    result = run_crash(rounds=2, clients=4, seed=0)
    assert result.kills == 2
    assert result.acknowledged > 0
    comparison = result.comparison
    assert (comparison.lost, comparison.phantom, comparison.half_applied) == ([], [], [])
    assert (result.integrity_failures, result.stale_reads, result.unexpected) == ([], [], [])
