"""`scripts/proxy` and `scripts/judge-traffic` as a user runs them: a live run, its HAR judged offline, the reports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ios_lob_kit.traffic import har
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.catalogue import SUITE_ROWS
from tests.traffic.conftest import healthy_client, invalid_body_client

pytestmark = pytest.mark.slow


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ios_lob_kit.traffic", *args]


@dataclass(frozen=True)
class LiveRun:
    code: int
    stdout: str
    token: str
    record: Path
    reports: Path
    tmp: Path


@pytest.fixture(scope="module")
def live_run() -> Iterator[LiveRun]:
    """The proxy before a server without `request-id`; a healthy client, then one with an invalid body."""
    app, tokens = healthy_app()
    app = next(row for row in SUITE_ROWS if row.name == "no_request_id").wrap(app, tokens)
    with tempfile.TemporaryDirectory() as tmp, serve(app) as upstream:
        record, reports = Path(tmp) / "run.har", Path(tmp) / "live"
        args = [
            "proxy",
            "--upstream",
            upstream,
            "--requests",
            "9",
            "--record",
            str(record),
            "--report-dir",
            str(reports),
        ]
        args += ["--duration", "120"]  # a safety net: the run ends after 9 requests
        with subprocess.Popen(_command(*args), stdout=subprocess.PIPE, text=True) as process:
            try:
                assert process.stdout is not None
                first = process.stdout.readline()  # proxy: http://127.0.0.1:PORT/beta -> ...
                url = first.split()[1]
                token = tokens.read_write.token
                healthy_client(url, token)
                invalid_body_client(url, token)
                stdout = first + process.stdout.read()
                code = process.wait(timeout=60)
            finally:
                process.kill()
        yield LiveRun(code, stdout, token, record, reports, Path(tmp))


def _failures(junit: Path) -> set[tuple[str, str, str]]:
    root = ET.parse(junit).getroot()
    return {
        (case.attrib["name"], failure.attrib["message"], failure.text or "")
        for case in root.iter("testcase")
        for failure in case.iter("failure")
    }


def test_live_run_stops_after_n_requests_and_names_both_parties(live_run: LiveRun) -> None:
    assert live_run.code == 1
    assert "[client] createAssignment: Request body violates schema\n  seen by: request_body_schema" in live_run.stdout
    assert "[server] createConfiguration: No request-id header\n  seen by: request_id" in live_run.stdout
    assert "9 exchange(s) judged" in live_run.stdout
    assert "Verdict: FAILED" in live_run.stdout
    assert live_run.token not in live_run.stdout


def test_the_recording_is_redacted_and_judged_offline_gives_the_same_findings(live_run: LiveRun) -> None:
    text = live_run.record.read_text()
    assert live_run.token not in text
    assert "Bearer [REDACTED]" in text
    assert len(list(har.read(live_run.record))) == 9
    offline = live_run.tmp / "offline"
    judged = subprocess.run(
        _command("judge", str(live_run.record), "--report-dir", str(offline)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert judged.returncode == 1, judged.stderr
    live, replayed = _failures(live_run.reports / "junit.xml"), _failures(offline / "junit.xml")
    assert live
    assert {f[:2] for f in live} == {f[:2] for f in replayed}


def test_no_traffic_is_no_pass() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        args = ["--upstream", "http://127.0.0.1:9/beta", "--duration", "0.5", "--report-dir", tmp]
        done = subprocess.run(_command("proxy", *args), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "No traffic" in done.stdout
    assert "0 exchange(s) judged" in done.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["proxy"], "--upstream"),
        (["proxy", "--upstream", "ftp://x"], "--upstream 'ftp://x'"),
        (["proxy", "--upstream", "http://127.0.0.1:9", "--requests", "0"], "--requests"),
        (["judge", "/nonexistent.har"], "not a HAR file"),
    ],
)
def test_usage_errors_exit_2_naming_the_problem(args: list[str], says: str) -> None:
    done = subprocess.run(_command(*args), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert says in done.stderr


@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CI"),
    reason="chromium is not installed (.ci/run installs it)",
)
def test_proxy_report_shows_both_parties_in_a_browser(live_run: LiveRun) -> None:
    report = live_run.reports / "report.html"
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--dump-dom", report.as_uri(),
            ],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    assert 'id="matrix-client"' in dom
    assert 'id="matrix-server"' in dom
    assert 'class="failed" data-check="request_body_schema"' in dom
    assert 'class="failed" data-check="request_id"' in dom
    assert 'id="failure-client-createAssignment-request_body_schema"' in dom
    assert 'class="curl"' in dom
    assert ">FAILED<" in dom
    assert live_run.token not in dom
