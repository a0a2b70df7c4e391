"""`--read-only`: the run sends no write of any kind (every request is a GET), and the server's database is
byte-for-byte what it was; write operations are listed as not run, never as passed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.results import Outcome, verdict
from ios_lob_kit.conformance.runner import run_suite
from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from tests.conformance.broken_servers import Exchange, Rewrite, serve
from tests.conformance.broken_servers.suite import BUDGET

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"


def _state(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [(table, *row) for table in sorted(tables) for row in connection.execute(f'SELECT * FROM "{table}"')]


@pytest.mark.slow
def test_a_read_only_run_sends_only_reads_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "graph.sqlite3"
    grants = dev_tokens()
    methods: list[str] = []

    def seen(ex: Exchange) -> None:
        methods.append(ex.method)

    with serve(Rewrite(create_app(ServerConfig(db_path=db, tokens=grants)), before=seen)) as base_url:
        headers = {"Authorization": f"Bearer {grants[0].token}"}
        with httpx.Client(base_url=base_url, headers=headers) as client:
            configuration = client.post(CONFIGS, json={"displayName": "production data"}).json()["id"]
            targets = [{"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": g} for g in ("g-1", "g-2")]
            assigned = {  # the assign action is the only way to make group assignments: every read has data
                "iOSLobAppProvisioningConfigAssignments": [{"target": target} for target in targets],
                "appProvisioningConfigurationGroupAssignments": [{"targetGroupId": "g-1"}],
            }
            assert client.post(f"{CONFIGS}/{configuration}/assign", json=assigned).is_success
        before, methods[:] = _state(db), []
        options = RunOptions(
            base_url=base_url,
            token=grants[0].token,
            configuration_id=configuration,
            read_only=True,
            max_examples=BUDGET,
            only=Only.BOTH,
        )
        info, results = run_suite(options, lambda _line: None)
    assert set(methods) == {"GET"}, sorted(set(methods))
    assert _state(db) == before
    assert verdict(results) is Outcome.PASSED, [(r.operation, r.check) for r in results if r.failures]
    not_run = {r.operation for r in results if r.check == "exercised" and r.outcome is Outcome.SKIPPED}
    assert "deleteConfiguration" in not_run
    assert "--read-only" in info.replay_command
