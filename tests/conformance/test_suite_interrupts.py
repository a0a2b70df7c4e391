"""A run that cannot finish gets no verdict: Ctrl-C (embedded server or a target of the user's) and a target that
dies mid-run end the run at once with exit 2 and one line, and leave the previous reports as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ios_lob_kit.conformance import cli
from ios_lob_kit.mock_server.runner import run_server

pytestmark = pytest.mark.slow
PREVIOUS = "the previous run's report"
LATER_PHASES = ("phase stateful", "schemathesis: ", "client: ")  # what a run that went on would print next


@dataclass(frozen=True)
class Stopped:
    code: int
    before: list[str]  # stderr up to the moment the run was stopped
    after: list[str]  # stderr after it
    out: str
    report_dir: Path


def _run_and_stop(tmp_path: Path, argv: list[str], when: str, stop: Callable[[subprocess.Popen[str]], None]) -> Stopped:
    """The CLI with a report folder holding a previous run's reports, stopped by `stop` once a stderr line starts
    with `when`."""
    report_dir = tmp_path / "reports"
    report_dir.mkdir()
    for name in ("junit.xml", "report.html"):
        (report_dir / name).write_text(PREVIOUS, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONFORMANCE_")}
    command = [sys.executable, "-m", "ios_lob_kit.conformance", *argv, "--report-dir", str(report_dir)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stderr is not None
    before = []
    for line in process.stderr:
        before.append(line)
        if line.startswith(when):
            break
    stop(process)
    out, err = process.communicate(timeout=300)  # a guard against a hang, not a measure of time
    return Stopped(process.returncode, before, err.splitlines(), out, report_dir)


def _assert_no_verdict(stopped: Stopped, line: str) -> None:
    assert stopped.code == cli.EXIT_USAGE
    said = [text for text in stopped.after if text.startswith("error:")]
    assert len(said) == 1, stopped.after[-5:]  # said once; an engine thread may still print a line after it
    assert said[0].startswith(line), stopped.after[-5:]
    assert not [text for text in stopped.after if text.startswith(LATER_PHASES)]  # the run did not go on
    assert "Verdict" not in stopped.out
    assert "passed" not in stopped.out
    for name in ("junit.xml", "report.html"):
        assert (stopped.report_dir / name).read_text(encoding="utf-8") == PREVIOUS


def _ctrl_c(process: subprocess.Popen[str]) -> None:
    """As a terminal does: SIGINT to the whole process group (the embedded server included)."""
    os.killpg(process.pid, signal.SIGINT)


@pytest.mark.parametrize("when", ["phase graph scenarios", "phase fuzzing", "client: "])
def test_ctrl_c_with_the_embedded_server_is_no_verdict_and_keeps_the_reports(tmp_path: Path, when: str) -> None:
    stopped = _run_and_stop(tmp_path, ["--max-examples", "5"], when, _ctrl_c)
    _assert_no_verdict(stopped, "error: interrupted; no verdict")


@pytest.mark.parametrize("when", ["phase graph scenarios", "phase fuzzing"])
def test_ctrl_c_against_a_target_deletes_what_the_run_created_and_keeps_the_reports(tmp_path: Path, when: str) -> None:
    with run_server() as server:
        token = server.tokens[0].token
        argv = ["--base-url", server.base_url, "--token", token, "--only", "server", "--max-examples", "20"]
        stopped = _run_and_stop(tmp_path, argv, when, _ctrl_c)
        auth = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.base_url + "/", headers=auth) as client:
            left = client.get("deviceAppManagement/iosLobAppProvisioningConfigurations", params={"$top": "1000"})
    _assert_no_verdict(stopped, "error: interrupted; no verdict")
    assert left.json()["value"] == [], stopped.after[-30:]  # the target still answers: what the run made is gone


@pytest.mark.parametrize("when", ["phase graph scenarios", "phase fuzzing"])
def test_a_target_that_dies_mid_run_is_no_verdict_and_keeps_the_reports(tmp_path: Path, when: str) -> None:
    with run_server() as server:
        argv = ["--base-url", server.base_url, "--token", server.tokens[0].token, "--only", "server"]
        stopped = _run_and_stop(tmp_path, [*argv, "--max-examples", "20"], when, lambda _process: server.kill())
    phase = when.removeprefix("phase ")
    _assert_no_verdict(stopped, f"error: target stopped answering during {phase}: ")
