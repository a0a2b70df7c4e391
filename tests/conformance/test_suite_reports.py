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
from urllib.parse import urlsplit

import pytest

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.checks import spec
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
                sys.executable, "-m", "ios_lob_kit.conformance",
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
    assert (
        f"{sys.executable} -m ios_lob_kit.conformance --base-url" in failing_run.out
    )  # the replay line, as it was run
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


def _findings(out: str) -> list[tuple[str, str, list[str], str]]:
    """(operation, title, checks that saw it, curl) of each finding the console lists."""
    found = re.findall(r"(?m)^\[server\] (\w+): (.+)\n  seen by: (.+)\n(?:  .*\n)*?  reproduce:\n((?:    .+\n?)+)", out)
    return [
        (operation, title, checks.split(", "), "\n".join(line.strip() for line in lines.splitlines()))
        for operation, title, checks, lines in found
    ]


def _operation_of(curl: str) -> str:
    """The spec's operation a curl line calls (its method and path matched against the spec's paths)."""
    called = re.match(r"curl -i -X (\w+) ['\"]([^'\"]+)['\"]", curl)
    assert called, curl
    url = re.sub(r"\\(.)", r"\1", called[2])  # a double-quoted URL escapes `$count` as `\$count`
    method, path = called[1], urlsplit(url).path.removeprefix("/beta")
    by_literals = sorted(spec.operations().items(), key=lambda item: item[1][1].count("{"))  # `$count` before `{id}`
    for operation, (op_method, template) in by_literals:
        segments = [r"[^/]+" if part.startswith("{") else re.escape(part) for part in template.split("/")]
        if op_method == method and re.fullmatch("/".join(segments), path):
            return operation
    return f"{method} {path}"


def test_one_finding_per_operation_and_defect_with_every_check_that_saw_it(failing_run: Run) -> None:
    """The missing `request-id` is seen by the Graph check and schemathesis' header check: one finding each
    operation, both checks listed; the verdict and JUnit stay per check."""
    findings = _findings(failing_run.out)
    keys = [(operation, title) for operation, title, _checks, _curl in findings]
    assert len(keys) == len(set(keys))
    missing = {operation: checks for operation, title, checks, _curl in findings if title == "No request-id header"}
    assert missing["listConfigurations"] == ["request_id", "response_headers_conformance"]
    assert "response headers" not in failing_run.out.split("Failures", 1)[1].lower()  # not said a second time


def test_every_reproduction_pastes_with_the_token_from_its_variable(failing_run: Run) -> None:
    findings = _findings(failing_run.out)
    assert findings
    for operation, title, _checks, lines in findings:
        recreate = [line for line in lines.splitlines() if not line.startswith("curl ")]
        steps = [line for line in lines.splitlines() if line.startswith("curl ")]
        # what the run created (and deleted at its end) is created again first, its id kept in a variable
        assert all(re.match(r"[A-Z_]+_ID(_\d+)?=\$\(curl -s -X (POST|PATCH) ", line) for line in recreate), lines
        assert lines.splitlines()[-len(steps) :] == steps
        assert operation in {_operation_of(step) for step in steps}, (title, lines)  # filed under what it called
        assert "[REDACTED]" not in lines
        assert "[Filtered]" not in lines
        variable = r"-H \"authorization: Bearer \$CONFORMANCE_(TOKEN|READ_ONLY_TOKEN|OTHER_TENANT_TOKEN)\""
        assert all(re.search(variable, step, re.IGNORECASE) for step in steps), lines
    assert "CONFORMANCE_TOKEN" in failing_run.out.split("Failures", 1)[1].splitlines()[2]  # said above them


def test_a_header_finding_shows_the_answer_s_headers(failing_run: Run) -> None:
    html_text = (failing_run.report_dir / "report.html").read_text(encoding="utf-8")
    section = html_text.split('id="failure-server-listConfigurations-request_id"', 1)[1].split("</section>", 1)[0]
    example = section.split('class="example">', 1)[1].split("</pre>", 1)[0]
    sent, answer = example.split("\n\n-&gt; 200\n", 1)
    answer_headers = answer.split("\n\n", 1)[0].splitlines()
    assert "content-type: application/json" in answer_headers
    assert not [line for line in answer_headers if line.startswith("request-id:")]  # the defect, visible
    assert "\nclient-request-id: " in sent  # what was sent, too


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
