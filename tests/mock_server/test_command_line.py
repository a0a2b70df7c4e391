"""`scripts/serve` and `python -m ios_lob_kit.mock_server`: the printed lines the README documents, options, secrecy."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from ios_lob_kit.conformance.cli import parser
from ios_lob_kit.mock_server.config import dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer
from ios_lob_kit.mock_server.scratch_postgres import USER, ScratchCluster

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
# What `scripts/serve` prints, line by line, before serving (the README documents these lines).
PRINTED = [
    re.compile(r"base URL: (http://127\.0\.0\.1:\d+/beta)"),
    re.compile(r"token: ([A-Za-z0-9_-]{20,})"),
    re.compile(r"read-only token: ([A-Za-z0-9_-]{20,})"),
    re.compile(r"other-tenant token: ([A-Za-z0-9_-]{20,})"),
    re.compile(r"database: (.+)"),
]


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("IOS_LOB_MOCK_")}
    return {**env, **extra}


def _read_lines(process: subprocess.Popen[bytes], count: int, timeout: float = 30.0) -> list[str]:
    assert process.stdout is not None
    buffer = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while buffer.count(b"\n") < count and selector.select(max(0.0, deadline - time.monotonic())):
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
    return buffer.decode().splitlines()


@contextmanager
def _serving(command: list[str], env: dict[str, str]) -> Iterator[tuple[list[str], list[bytes]]]:
    """Run a server until the block ends (then Ctrl-C): its printed lines, and (after the block) its stderr."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stderr: list[bytes] = []
    try:
        yield _read_lines(process, len(PRINTED)), stderr
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        stderr.append(process.communicate(timeout=30)[1])


def test_scripts_serve_prints_the_documented_lines_and_serves_the_seed_patch(spec: dict[str, Any]) -> None:
    """What a new user does: run scripts/serve, then the seed's PATCH with curl and the printed token."""
    with _serving([str(ROOT / "scripts/serve"), "--port", "0", "--in-memory"], _env()) as (lines, stderr):
        assert len(lines) == len(PRINTED), lines
        found = [pattern.fullmatch(line) for pattern, line in zip(PRINTED, lines, strict=True)]
        assert all(found), lines
        base_url, token, read_only, other_tenant, database = (match.group(1) for match in found if match)
        assert database == "in-memory"
        assert len({token, read_only, other_tenant}) == 3

        def curl(method: str, path: str, bearer: str, body: Any = None) -> httpx.Response:
            headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
            return httpx.request(method, base_url + path, headers=headers, json=body)

        config_id = curl("POST", CONFIGS, token, {"displayName": "from curl"}).json()["id"]
        path = CONFIGS + "/{iosLobAppProvisioningConfigurationId}/assignments"
        seed = spec["paths"][path]["patch"]["requestBody"]["content"]["application/json"]["examples"]["seed"]["value"]
        answer = curl("PATCH", f"{CONFIGS}/{config_id}/assignments", token, seed)
        assert answer.status_code == 200
        assert set(answer.json()) == {"@odata.context", "@odata.type", "id", "target"}
        assert curl("PATCH", f"{CONFIGS}/{config_id}/assignments", read_only, seed).status_code == 403
        assert curl("PATCH", f"{CONFIGS}/{config_id}/assignments", other_tenant, seed).status_code == 404
        assert curl("GET", f"{CONFIGS}/{config_id}/assignments/$count", read_only).text == "1"
    assert token.encode() not in stderr[0]


def test_env_vars_give_the_defaults_and_the_default_database_is_a_file(tmp_path: Path) -> None:
    env = _env(IOS_LOB_MOCK_PORT="0", IOS_LOB_MOCK_HOST="127.0.0.1", XDG_STATE_HOME=str(tmp_path))
    with _serving([sys.executable, "-m", "ios_lob_kit.mock_server"], env) as (lines, _):
        expected = tmp_path / "ios-lob-mock-server" / "graph.sqlite3"
        assert lines[-1] == f"database: {expected}"
        assert expected.exists()
    with _serving([sys.executable, "-m", "ios_lob_kit.mock_server"], {**env, "IOS_LOB_MOCK_IN_MEMORY": "1"}) as (
        lines,
        _,
    ):
        assert lines[-1] == "database: in-memory"


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["--bogus"], {}, "--bogus"),
        (["--port", "abc"], {}, "--port"),
        (["--port", "70000"], {}, "--port"),
        ([], {"IOS_LOB_MOCK_PORT": "abc"}, "--port"),
        (["--db", "x.sqlite3", "--in-memory"], {}, "--in-memory"),
        ([], {"IOS_LOB_MOCK_THROTTLE": "maybe"}, "IOS_LOB_MOCK_THROTTLE"),
        (["--page-size", "0"], {}, "page_size"),
        (["--tokens-file", "/nonexistent/tokens.json"], {}, "--tokens-file"),
        (["--db", "/proc/no-such-folder/graph.sqlite3"], {}, "--db"),
        (["--apps-file", "/nonexistent/apps.json"], {}, "--apps-file"),
        (["--tls-cert", "/nonexistent/cert.pem"], {}, "--tls-key"),
        (["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"], {}, "--tls-cert"),
        (["--token-lifetime", "0"], {}, "token_lifetime"),
        (["--db", "postgresql://kit:s3cret@127.0.0.1:1/nothing"], {}, "--db"),  # nothing listens on port 1
        (["--db", "postgresql://kit@127.0.0.1:1/db?bogus=1"], {}, "--db"),
    ],
)
def test_a_bad_option_is_named_and_exits_2(args: list[str], env: dict[str, str], named: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ios_lob_kit.mock_server", *args],
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert named in done.stderr
    assert "s3cret" not in done.stderr
    assert done.stdout == ""


def test_a_postgresql_url_is_printed_without_its_password(postgres: ScratchCluster) -> None:
    url = postgres.create_database()
    with_password = url.replace(f"{USER}@", f"{USER}:s3cret@")  # trust authentication ignores it
    command = [sys.executable, "-m", "ios_lob_kit.mock_server", "--port", "0", "--db", with_password]
    with _serving(command, _env()) as (lines, stderr):
        assert lines[-1] == f"database: {url}"
    assert "s3cret" not in "\n".join(lines) + stderr[0].decode()


def test_a_port_in_use_is_reported() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        command = [sys.executable, "-m", "ios_lob_kit.mock_server", "--port", port, "--in-memory"]
        done = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_the_console_entry_point_is_installed() -> None:
    entry = Path(sys.executable).parent / "ios-lob-mock-server"
    done = subprocess.run([str(entry), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for option in ("--host", "--port", "--db", "--in-memory", "--throttle"):
        assert option in done.stdout


def test_the_runner_keeps_tokens_off_the_command_line_and_out_of_logs(server: RunningServer) -> None:
    secrets = [grant.token for grant in server.tokens]
    pid = server.process.pid
    command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    environment = Path(f"/proc/{pid}/environ").read_bytes().decode()
    tokens_file = re.search(r"IOS_LOB_MOCK_TOKENS_FILE=([^\x00]+)", environment)
    assert tokens_file is not None
    assert not Path(tokens_file.group(1)).exists()  # read at start-up, then deleted
    for secret in secrets:
        headers = {"Authorization": f"Bearer {secret}x"}
        assert httpx.get(server.base_url + CONFIGS, headers=headers).status_code == 401
        assert secret not in command_line
        assert secret not in environment
        assert secret not in server.log()


def test_a_runner_server_stops_when_its_parent_dies() -> None:
    """A test process killed with -9 leaves no server behind."""
    script = (
        "import sys, time\n"
        "from ios_lob_kit.mock_server.runner import run_server\n"
        "with run_server() as server:\n"
        "    print(server.process.pid, flush=True)\n"
        "    time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=_env(), stdout=subprocess.PIPE)
    try:
        lines = _read_lines(parent, 1)
        assert lines, "the parent printed no server pid"
        child = int(lines[0])
    finally:
        parent.kill()
        parent.communicate(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(child):
        assert time.monotonic() < deadline, "the orphaned server is still running"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_development_tokens_are_safe_as_command_line_values() -> None:
    """`--token T` with a printed development token is never read as an option (one in 64 began with `-`)."""
    for _ in range(200):
        for grant in dev_tokens():
            assert parser().parse_args(["--token", grant.token]).token == grant.token
