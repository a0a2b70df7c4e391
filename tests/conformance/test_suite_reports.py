"""A failing run through the CLI: exit 1, reports written, tokens nowhere, the HTML shown by a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance import cli
from tests.conformance.broken_servers import Tokens, healthy_app, serve
from tests.conformance.broken_servers.catalogue import no_request_id

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    report_dir: Path
    tokens: Tokens


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The CLI against a server that sends no `request-id`, with all three tokens given."""
    report_dir = tmp_path_factory.mktemp("reports")
    app, tokens = healthy_app()
    with serve(no_request_id(app, tokens)) as base_url:
        done = subprocess.run(
            [
                sys.executable, "-m", "conformance",
                "--base-url", base_url,
                "--token", tokens.read_write.token,
                "--read-only-token", tokens.read_only.token,
                "--other-tenant-token", tokens.other_tenant.token,
                "--max-examples", "2",
                "--seed", "4",
                "--only", "server",
                "--report-dir", str(report_dir),
            ],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr, report_dir, tokens)


def test_failing_run_exits_1_with_verdict_and_replay(failing_run: Run) -> None:
    assert failing_run.code == cli.EXIT_FAILED
    assert "Verdict: FAILED" in failing_run.out
    assert "request_id" in failing_run.out
    assert f"{sys.executable} -m conformance --base-url" in failing_run.out  # the replay line, as it was run
    assert "phase fuzzing" in failing_run.err  # live progress per phase


def test_tokens_appear_in_no_output(failing_run: Run) -> None:
    texts = [failing_run.out, failing_run.err]
    texts += [path.read_text(encoding="utf-8") for path in failing_run.report_dir.iterdir()]
    tokens = failing_run.tokens
    for secret in (tokens.read_write.token, tokens.read_only.token, tokens.other_tenant.token):
        assert not [text[:80] for text in texts if secret in text]


def test_junit_has_one_named_case_per_operation_and_check(failing_run: Run) -> None:
    root = ET.parse(failing_run.report_dir / "junit.xml").getroot()
    names = [case.attrib["name"] for case in root.iter("testcase")]
    assert len(names) == len(set(names))
    assert "getConfiguration::response_schema_conformance" in names
    failed = {case.attrib["name"] for case in root.iter("testcase") if case.find("failure") is not None}
    assert "listConfigurations::request_id" in failed


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CI"),
    reason="chromium is not installed (.ci/run installs it)",
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "reports" / "test-artifacts"  # git-ignored, kept after the run


def _chromium(*args: str) -> str:
    """Headless Chromium with a throwaway profile; what it prints."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                *args,
            ],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip


@needs_chromium
def test_html_report_shows_matrix_and_failure_in_a_browser(failing_run: Run) -> None:
    dom = _chromium("--dump-dom", (failing_run.report_dir / "report.html").as_uri())
    assert 'id="matrix-server"' in dom
    assert 'class="failed" data-check="request_id"' in dom
    assert 'class="passed" data-check="odata_error"' in dom
    assert 'id="failure-server-listConfigurations-request_id"' in dom
    assert 'class="curl"' in dom
    assert '<dd id="seed">4</dd>' in dom
    assert ">FAILED<" in dom


# Appended to a copy of the report: writes the page's widths into the DOM once laid out.
_MEASURE = """<script>window.addEventListener("load", () => {
  const page = document.documentElement;
  document.body.insertAdjacentHTML("beforeend",
    `<pre id="measured">${page.scrollWidth} ${page.clientWidth} ${window.innerWidth}</pre>`);
});</script>"""


@needs_chromium
def test_html_report_fits_1400_px_without_sideways_scrolling(failing_run: Run, tmp_path: Path) -> None:
    """The server side's matrix (every check a column) at 1400 px: no horizontal scroll bar. The screenshot
    is kept in reports/test-artifacts/ to look at."""
    report = failing_run.report_dir / "report.html"
    measured = tmp_path / "measured.html"
    measured.write_text(report.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _chromium("--window-size=1400,1000", "--dump-dom", measured.as_uri())
    match = re.search(r'<pre id="measured">(\d+) (\d+) (\d+)</pre>', dom)
    assert match, "the page was not measured"
    scroll_width, client_width, viewport = map(int, match.groups())
    assert viewport == 1400
    assert scroll_width <= client_width, f"the page is {scroll_width} px wide in a {client_width} px window"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report-1400px.png"
    _chromium("--window-size=1400,1000", f"--screenshot={screenshot}", report.as_uri())
    assert screenshot.read_bytes().startswith(b"\x89PNG")
