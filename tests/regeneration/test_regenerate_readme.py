"""The README's `scripts/regenerate` section says what the tool does: its commands parse, its exit-code
table is what the report and the CLI return, and the corpus size it states is the corpus's."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from ios_lob_kit.regeneration.changes.baseline import parse
from ios_lob_kit.regeneration.changes.client_diff import ClientBreakage, ClientDiff
from ios_lob_kit.regeneration.changes.findings import ChangeKind, Direction, Finding
from ios_lob_kit.regeneration.changes.report import FailOn, assemble
from ios_lob_kit.regeneration.cli import EXIT_DRIFT, EXIT_USAGE, build_parser

ROOT = Path(__file__).resolve().parents[2]
SPEC = parse("spec.yaml", "openapi: 3.1.0\ninfo: {title: t, version: 1.0.0}\npaths: {}\n")


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("<!-- regenerate-usage:start", 1)[1].split("<!-- regenerate-usage:end -->", 1)[0]


def table() -> dict[str, list[int]]:
    """outcome -> exit codes (default, --fail-on minor, --fail-on major)."""
    rows = [line for line in section().splitlines() if line.startswith("| ") and line.split("|")[2].strip().isdigit()]
    return {row.split("|")[1].strip(): [int(cell) for cell in row.split("|")[2:5]] for row in rows}


def finding(clients: bool, servers: bool) -> Finding:
    return Finding(ChangeKind.ADDED_OPTIONAL, "property", "x.y", Direction.REQUEST, "", clients, servers)


@pytest.mark.parametrize(
    ("outcome", "findings", "client"),
    [
        ("no change", [], None),
        ("changed, no existing client breaks", [finding(False, True)], ClientDiff([], [])),
        ("existing clients break", [finding(True, False)], ClientDiff([], [])),
        ("existing clients break", [finding(False, False)], ClientDiff([ClientBreakage("k", "a.b", "a", "d")], [])),
    ],
)
def test_the_exit_code_table_is_what_the_report_returns(
    outcome: str, findings: list[Finding], client: ClientDiff | None
) -> None:
    (row,) = [codes for name, codes in table().items() if name.startswith(outcome)]
    report = assemble(SPEC, SPEC, findings, client)

    assert [report.exit_code(None), report.exit_code(FailOn.MINOR), report.exit_code(FailOn.MAJOR)] == row


def test_the_drift_and_usage_rows_are_the_cli_s_codes() -> None:
    rows = table()
    assert len(rows) == 5
    assert next(codes for name, codes in rows.items() if "drifted" in name) == [EXIT_DRIFT] * 3
    assert next(codes for name, codes in rows.items() if name.startswith("usage error")) == [EXIT_USAGE] * 3


def test_every_command_shown_parses() -> None:
    commands = [line.split("#", 1)[0] for line in section().splitlines() if line.startswith("scripts/regenerate")]
    assert len(commands) >= 5
    for command in commands:
        arguments = shlex.split(re.sub(r"\[(--[^\]]+)\]", r"\1", command))[1:]  # optional parts included
        build_parser().parse_args(arguments)  # a usage error exits (SystemExit) and fails the test


def test_the_corpus_size_is_the_corpus_s() -> None:
    stated = re.search(r"holds\s+(\d+)\s+single edits", section())
    assert stated is not None
    corpus = yaml.safe_load((ROOT / "tests" / "regeneration" / "corpus" / "edits.yaml").read_text(encoding="utf-8"))
    assert int(stated[1]) == len(corpus)
