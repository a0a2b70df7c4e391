"""The suite's user-facing output, pinned: console (summary and progress), JUnit XML and HTML, normalised.

As schemathesis keeps its CLI output: each run's text is compared with a stored snapshot in `__snapshots__/`,
after replacing what changes from run to run (ports, ids, durations, dates, the report folder). After a
deliberate change of output, refresh them and read the diff:

    .venv/bin/python -m pytest tests/conformance/test_suite_snapshots.py --snapshot-update
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.reporting import console, html, junit
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side
from tests.conformance.broken_servers import Tokens, healthy_app, serve
from tests.conformance.broken_servers.catalogue import CATALOGUE


class _Text(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "txt"


class _Xml(_Text):
    file_extension = "xml"


class _Html(_Text):
    file_extension = "html"


_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
_REPLACEMENTS = (
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"\d+(?:\.\d+)? s \(\d+ cases/s\)"), "SECONDS s (N cases/s)"),
    # How many cases schemathesis runs per operation varies by a few between runs of one seed (responses feed
    # its stateful and resource checks): counts are pinned by the hand-made stream below instead.
    (re.compile(r"(?m)^((?:server|client) +\S+ +\d+ +\d+ +\d+) +\d+$"), r"\1 N"),  # its width too
    # so do the answers each operation got (the report's "exercised" lines); the operations are pinned
    (re.compile(r"exercised (\w+): [^;<\n]*; \d+ retried"), r"exercised \1: ANSWERS; N retried"),
    (re.compile(r"\bwrites: \d+"), "writes: N"),  # and how many writes (a scenario's retry a second later)
    (re.compile(r"\b\d+ cases\b"), "N cases"),
    (re.compile(r"&#x2713; \d+"), "&#x2713; N"),
    (re.compile(r"(?m)^  stateful  .*\n"), ""),  # which operations a stateful sequence reaches varies too
    # an answer's `date` header, and the id schemathesis gives each case
    (re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\b"), "HTTP_DATE"),
    (re.compile(r"(?i)(x-schemathesis-testcaseid: )\w+"), r"\1CASE_ID"),
)


def normalised(text: str, *, secrets: tuple[str, ...] = (), folder: Path | None = None) -> str:
    """`text` without what differs between two runs of the same seed against the same target state."""
    for secret in secrets:
        text = text.replace(secret, "SECRET")  # never expected: a token in output fails the snapshot
    if folder is not None:
        text = text.replace(str(folder), "REPORT_DIR")
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return _DATE_TIME.sub("DATE_TIME", _UUID.sub("UUID", text))


def _run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], folder: Path
) -> tuple[int, str, str]:
    for name in [n for n in os.environ if n.startswith("CONFORMANCE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv(cli.PROGRAM_VARIABLE, "scripts/conformance")  # as the wrapper runs it (not pytest's argv)
    code = cli.main([*argv, "--report-dir", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_outputs(
    snapshot: SnapshotAssertion, out: str, err: str, folder: Path, secrets: tuple[str, ...] = ()
) -> None:
    def norm(text: str) -> str:
        return normalised(text, secrets=secrets, folder=folder)

    assert norm(out) == snapshot(extension_class=_Text)
    assert norm(err) == snapshot(extension_class=_Text)
    assert norm((folder / "junit.xml").read_text(encoding="utf-8")) == snapshot(extension_class=_Xml)
    assert norm((folder / "report.html").read_text(encoding="utf-8")) == snapshot(extension_class=_Html)


@pytest.mark.slow
def test_default_run_against_the_embedded_server(
    snapshot: SnapshotAssertion, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`scripts/conformance` at a tiny budget: both sides, the embedded reference server, a passing verdict."""
    code, out, err = _run_cli(capsys, monkeypatch, ["--max-examples", "1"], tmp_path)
    assert code == cli.EXIT_PASSED
    _assert_outputs(snapshot, out, err, tmp_path)


def _secrets(tokens: Tokens) -> tuple[str, ...]:
    return (tokens.read_write.token, tokens.read_only.token, tokens.other_tenant.token)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["no_request_id", "patch_replaces"])  # an engine failure; a scenario failure
def test_failing_run_against_a_broken_server(
    snapshot: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
) -> None:
    """The server side against a broken server, with all three tokens: exit 1."""
    broken = next(b for b in CATALOGUE if b.name == name)
    app, tokens = healthy_app()
    with serve(broken.wrap(app, tokens)) as base_url:
        argv = [
            "--base-url", base_url, "--token", tokens.read_write.token,
            "--read-only-token", tokens.read_only.token, "--other-tenant-token", tokens.other_tenant.token,
            "--max-examples", "1", "--seed", "4", "--only", "server",
        ]  # fmt: skip
        code, out, err = _run_cli(capsys, monkeypatch, argv, tmp_path)
    assert code == cli.EXIT_FAILED
    _assert_outputs(snapshot, out, err, tmp_path, _secrets(tokens))


INFO = RunInfo(
    target="embedded reference server at http://127.0.0.1:1/beta",
    seed=5,
    max_examples=2,
    replay_command="scripts/conformance --seed 5 --max-examples 2 --only both",
)
# One of each: a server failure with curl, a skip, a client failure with its replay, a client behaviour,
# a suite error: what every writer renders.
RESULTS = [
    CheckResult(Side.SERVER, "createAssignment", "read_after_write", Outcome.PASSED, 1),
    CheckResult(Side.SERVER, "createAssignment", "request_id", Outcome.FAILED, 4,
                (Failure("No request-id header", "201 answer without a `request-id` header",
                         'POST http://127.0.0.1:1/beta/x\n\n{"target": {}}\n\n-> 201\n{"id": "a"}',
                         curl="curl -X POST 'http://127.0.0.1:1/beta/x' -H 'authorization: Bearer [REDACTED]'",
                         replay="scripts/conformance --seed 5 --max-examples 2 --only both"),)),
    CheckResult(Side.SERVER, "updateAssignment", "read_only_forbidden", Outcome.SKIPPED,
                reason="no read-only token given (--read-only-token / CONFORMANCE_READ_ONLY_TOKEN)"),
    CheckResult(Side.SERVER, "*", "after_run", Outcome.FAILED, 0,
                (Failure("Resource still available", "line 1\nline 2", ""),)),
    CheckResult(Side.CLIENT, "getAssignment", "request_query", Outcome.FAILED, 7,
                (Failure("Query parameter repeated", "$select sent 2 times (sync)",
                         "ios_lob_kit.generated_client.api.assignments.get_assignment.sync_detailed("
                         "select=['id'], client=client)",
                         replay="scripts/conformance --seed 5 --max-examples 2 --only client"),),
                "Query parameter repeated"),
    CheckResult(Side.CLIENT, "getAssignment", "out_of_spec_html_page", Outcome.PASSED, 1, (),
                "raw client raises JSONDecodeError; contract_client raises MalformedBody"),
    CheckResult(Side.CLIENT, "getAssignment", "end_to_end", Outcome.SKIPPED,
                reason="no base URL and token given: end-to-end calls need a server"),
    CheckResult(Side.CLIENT, "*", "suite_error", Outcome.FAILED, 0,
                (Failure("The suite itself failed", "ValueError: a bug (after 3 results; please report this)", "",
                         replay="scripts/conformance --seed 5 --max-examples 2 --only both"),)),
]  # fmt: skip


def test_writers_render_each_kind_of_result(snapshot: SnapshotAssertion) -> None:
    """Every writer on a fixed, hand-made stream: no run, nothing to normalise."""
    assert console.render(INFO, RESULTS) == snapshot(extension_class=_Text)
    assert junit.render(INFO, RESULTS) == snapshot(extension_class=_Xml)
    assert html.render(INFO, RESULTS) == snapshot(extension_class=_Html)
