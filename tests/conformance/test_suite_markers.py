"""Run markers: what a run creates is named `conformance-run-<seed> ...`; a run killed outright leaves its
configurations behind, and `--cleanup` deletes those, and only those."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.markers import MARKED, mark_body, marked
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.runner import run_suite
from ios_lob_kit.mock_server.runner import run_server
from tests.conformance.broken_servers import CONFIGS, healthy_app, serve
from tests.conformance.broken_servers.suite import BUDGET

pytestmark = pytest.mark.slow
NAMES = "deviceAppManagement/iosLobAppProvisioningConfigurations"


class Named:
    """The server as it is, noting the displayName of every configuration a 2xx write answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app, self.names = app, list[str]()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        writes = scope["type"] == "http" and scope["method"] in ("POST", "PATCH")
        if not writes or not scope["path"].startswith(CONFIGS) or scope["path"].count("/") > CONFIGS.count("/") + 1:
            await self.app(scope, receive, send)
            return
        status, body = 0, b""

        async def keep(message: Message) -> None:
            nonlocal status, body
            status = message.get("status", status)
            body += message.get("body", b"")
            await send(message)

        await self.app(scope, receive, keep)
        answer = json.loads(body) if 200 <= status < 300 and body else None
        if isinstance(answer, dict) and "displayName" in answer:
            self.names.append(answer["displayName"])


def test_everything_a_run_creates_or_renames_carries_its_marker() -> None:
    app, tokens = healthy_app()
    named = Named(app)
    with serve(named) as base_url:
        options = RunOptions(
            base_url=base_url,
            token=tokens.read_write.token,
            read_only_token=tokens.read_only.token,
            other_tenant_token=tokens.other_tenant.token,
            seed=5,
            max_examples=BUDGET,
            only=Only.BOTH,
        )
        run_suite(options, lambda _line: None)
    assert len(named.names) > 20  # scenarios, schemathesis' creates and updates, the end-to-end calls
    assert [name for name in named.names if not name.startswith("conformance-run-5")] == []


def test_marking_keeps_a_marked_name_and_leaves_other_bodies_alone() -> None:
    assert marked("x", 3) == "conformance-run-3 x" == marked("conformance-run-3 x", 3)
    assert mark_body("updateConfiguration", {"displayName": "y"}, 3) == {"displayName": "conformance-run-3 y"}
    assert mark_body("createConfiguration", {}, 3) == {"displayName": "conformance-run-3"}
    assert mark_body("updateConfiguration", {"displayName": 7}, 3) == {"displayName": 7}  # a negative case
    assert mark_body("createAssignment", {"target": {}}, 3) == {"target": {}}  # no displayName there
    assert MARKED.match("conformance-run-3")
    assert not MARKED.match("conformance-run-x y")
    assert not MARKED.match("my conformance-run-3 y")


def test_cleanup_removes_what_a_killed_run_left_and_nothing_else(capsys: pytest.CaptureFixture[str]) -> None:
    with run_server() as server:
        token = server.tokens[0].token
        auth = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.base_url + "/", headers=auth) as client:
            kept = [_create(client, name) for name in ("the vendor's", "my conformance-run-9 notes")]
            target = {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}
            assert client.post(f"{NAMES}/{kept[0]}/assignments", json={"target": target}).status_code == 201
            before = {config: _state(client, config) for config in kept}

            _killed_run(server.base_url, token)
            left = _names(client)
            assert any(MARKED.match(name) for name in left.values()), "the killed run left nothing to clean up"

            argv = ["--base-url", server.base_url, "--token", token, "--cleanup"]
            assert cli.main([*argv, "--dry-run"]) == cli.EXIT_PASSED
            assert _names(client) == left  # a dry run deletes nothing
            assert "would delete" in capsys.readouterr().out
            assert cli.main(argv) == cli.EXIT_PASSED
            assert set(_names(client)) == set(kept)
            assert {config: _state(client, config) for config in kept} == before


def test_cleanup_without_a_target_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--cleanup"]) == cli.EXIT_USAGE
    assert "--cleanup needs --base-url" in capsys.readouterr().err
    assert cli.main(["--dry-run"]) == cli.EXIT_USAGE


def _create(client: httpx.Client, name: str) -> str:
    answer = client.post(NAMES, json={"displayName": name})
    assert answer.status_code == 201
    created: str = answer.json()["id"]
    return created


def _names(client: httpx.Client) -> dict[str, str]:
    body = client.get(NAMES, params={"$top": "999"}).json()
    assert "@odata.nextLink" not in body
    return {item["id"]: item["displayName"] for item in body["value"]}


def _state(client: httpx.Client, config: str) -> tuple[Any, Any]:
    return client.get(f"{NAMES}/{config}").json(), client.get(f"{NAMES}/{config}/assignments").json()["value"]


def _killed_run(base_url: str, token: str) -> None:
    """A run killed outright (SIGKILL: no handler, no clean-up) once its writes are under way."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONFORMANCE_")}
    env["CONFORMANCE_TOKEN"] = token
    command = [sys.executable, "-m", "ios_lob_kit.conformance", "--base-url", base_url, "--only", "server", "--seed",
               "9",
               "--max-examples", "20", "--report-dir", tempfile.mkdtemp()]  # fmt: skip
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:  # progress: the scenarios have created and kept configurations by then
        if line.startswith("phase fuzzing"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
