"""The run deletes what it created, and never changes what it did not: a given configuration stays as it was."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
from typing import Any

import httpx
import pytest

from conformance.writes import Leftovers
from mock_server.runner import run_server
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow
CONFIGS = "deviceAppManagement/iosLobAppProvisioningConfigurations"
VENDORS = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "displayName": "the vendor's",
    "description": "must survive the run",
    "version": 7,
    "roleScopeTagIds": ["0", "1"],
    "payloadFileName": "vendor.mobileprovision",
    "payload": "dmVuZG9y",
}
TARGETS = [
    {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"},
    {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "11111111-2222-3333-4444-555555555555"},
]


def _configuration_ids(client: httpx.Client) -> set[str]:
    body = client.get(CONFIGS, params={"$top": "1000"}).json()
    assert "@odata.nextLink" not in body
    return {item["id"] for item in body["value"]}


def _state(client: httpx.Client, config: str) -> tuple[Any, Any]:
    """The configuration as stored, and its assignments (one page holds them all here)."""
    configuration = client.get(f"{CONFIGS}/{config}").json()
    assignments = client.get(f"{CONFIGS}/{config}/assignments").json()
    assert "@odata.nextLink" not in assignments
    return configuration, sorted(assignments["value"], key=lambda item: str(item["id"]))


def test_run_leaves_the_target_as_it_found_it() -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        auth = {"Authorization": f"Bearer {tokens.read_write.token}"}
        with httpx.Client(base_url=base_url + "/", headers=auth) as client:
            run_server_side(options_for(base_url, tokens, phases=("examples", "stateful")))
            assert _configuration_ids(client) == set()

            given = client.post(CONFIGS, json=VENDORS).json()["id"]
            for target in TARGETS:
                client.post(f"{CONFIGS}/{given}/assignments", json={"target": target}).raise_for_status()
            before = _state(client, given)
            options = options_for(base_url, tokens, phases=("examples", "coverage", "stateful"))
            run_server_side(dataclasses.replace(options, configuration_id=given))
            assert _configuration_ids(client) == {given}
            assert _state(client, given) == before


def test_a_collection_patch_is_a_creation_only_without_a_body_id() -> None:
    url = f"http://127.0.0.1/beta/{CONFIGS}/c/assignments"
    leftovers = Leftovers()
    leftovers.note("PATCH", url, 200, b'{"id": "updated"}', b'{"id": "updated"}')
    leftovers.note("PATCH", url, 200, b'{"id": "created"}', b'{"target": null}')
    leftovers.note("PATCH", url, 200, b'{"id": "unknown"}')  # no request body given: not counted
    assert list(leftovers.urls.values()) == [f"{url}/created"]


def test_ctrl_c_during_fuzzing_still_deletes_what_the_run_created() -> None:
    """Interrupted as a user would (SIGINT while schemathesis runs): no verdict, exit 2, nothing left behind."""
    with run_server() as server:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CONFORMANCE_")}
        env["CONFORMANCE_TOKEN"] = server.tokens[0].token
        command = [sys.executable, "-m", "conformance", "--base-url", server.base_url, "--only", "server",
                   "--max-examples", "20", "--report-dir", tempfile.mkdtemp()]  # fmt: skip
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        for line in process.stderr:  # progress: interrupt once writes are under way
            if line.startswith("phase fuzzing"):
                break
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 2
        assert "interrupted" in err
        auth = {"Authorization": f"Bearer {server.tokens[0].token}"}
        with httpx.Client(base_url=server.base_url + "/", headers=auth) as client:
            assert _configuration_ids(client) == set()
