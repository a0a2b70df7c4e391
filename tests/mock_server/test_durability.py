"""Persistence: every acknowledged write survives a restart, including a kill -9 of the server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server

from .conftest import BACKENDS, server_config

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
GROUP = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"}


def _client(server: RunningServer, index: int) -> httpx.Client:
    headers = {"Authorization": f"Bearer {server.tokens[index].token}"}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=30)


def _everything(server: RunningServer) -> dict[str, Any]:
    """Each tenant's configurations with their assignments, minus the URL-bearing annotations."""
    seen: dict[str, Any] = {}
    for index in (0, 2):
        with _client(server, index) as http:
            configs = http.get(CONFIGS, params={"$top": "1000"}).json()["value"]
            for config in configs:
                assignments = http.get(f"{CONFIGS}/{config['id']}/assignments", params={"$top": "1000"}).json()
                seen[config["id"]] = (server.tokens[index].tenant, config, assignments["value"])
    return seen


def _write_a_bit_of_everything(server: RunningServer) -> None:
    with _client(server, 0) as http, _client(server, 2) as other:
        first = http.post(CONFIGS, json={"displayName": "first", "version": 1}).json()["id"]
        second = http.post(CONFIGS, json={"displayName": "second", "payload": "cGF5bG9hZA=="}).json()["id"]
        gone = http.post(CONFIGS, json={"displayName": "deleted"}).json()["id"]
        assert http.patch(f"{CONFIGS}/{first}", json={"description": "patched"}).status_code == 200
        kept = http.post(f"{CONFIGS}/{first}/assignments", json={"target": GROUP}).json()["id"]
        dropped = http.patch(f"{CONFIGS}/{first}/assignments", json={"target": None}).json()["id"]
        assert http.patch(f"{CONFIGS}/{first}/assignments/{kept}", json={"target": None}).status_code == 200
        assert http.delete(f"{CONFIGS}/{first}/assignments/{dropped}").status_code == 204
        items = [{"target": GROUP}, {"target": {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget"}}]
        assign = {"iOSLobAppProvisioningConfigAssignments": items}
        assert http.post(f"{CONFIGS}/{second}/assign", json=assign).status_code == 204
        assert http.delete(f"{CONFIGS}/{gone}").status_code == 204
        assert other.post(CONFIGS, json={"displayName": "fabrikam's"}).status_code == 201
        # The last acknowledged write, immediately before the kill.
        assert http.patch(f"{CONFIGS}/{second}", json={"displayName": "last write"}).status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_writes_survive_kill_9_and_restart(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    config = server_config(backend, request, db_path=tmp_path / "graph.sqlite3")
    with run_server(config) as server:
        _write_a_bit_of_everything(server)
        before = _everything(server)
        server.kill()
        assert server.process.returncode == -9
    assert len(before) == 3
    assert {tenant for tenant, _, _ in before.values()} == {"contoso", "fabrikam"}
    assert any(config["displayName"] == "last write" for _, config, _ in before.values())

    # Same file, fresh tokens for the same tenants: the data belongs to the tenants, not to tokens.
    restarted = replace(config, tokens=dev_tokens())
    with run_server(restarted) as server:
        assert _everything(server) == before
        server.stop()  # graceful: uvicorn shuts down, then re-raises SIGTERM
        assert server.process.returncode in (0, -15)
        if backend == "sqlite":
            assert not Path(f"{config.db_path}-wal").exists()  # the store closed cleanly (checkpointed)
    with run_server(restarted) as server:
        assert _everything(server) == before


def test_in_memory_data_is_gone_after_a_restart() -> None:
    config = ServerConfig(db_path=None, tokens=dev_tokens())
    with run_server(config) as server, _client(server, 0) as http:
        assert http.post(CONFIGS, json={"displayName": "ephemeral"}).status_code == 201
    with run_server(config) as server, _client(server, 0) as http:
        assert http.get(CONFIGS).json()["value"] == []
