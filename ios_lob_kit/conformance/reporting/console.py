"""The console: a handler printing progress lines while the run goes, then a summary table and the failures."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from ios_lob_kit.conformance.reporting import progress
from ios_lob_kit.conformance.reporting.summary import TOKENS_NOTE, findings, rows, totals
from ios_lob_kit.conformance.reporting.text import xml_safe
from ios_lob_kit.conformance.results import CheckResult, Outcome, RunInfo, verdict
from ios_lob_kit.conformance.stream import Event, RunFinished

_MARK = {Outcome.PASSED: "ok", Outcome.FAILED: "FAILED", Outcome.SKIPPED: "skipped"}


class Console:
    """Prints each progress line as it comes to stderr, and the summary to stdout when the run ends."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self._out = out or sys.stdout
        self._err = err or sys.stderr

    def __call__(self, event: Event) -> None:
        if isinstance(event, RunFinished):
            print(render(event.info, event.results), file=self._out)
        elif (line := progress.line(event)) is not None:
            print(line, file=self._err, flush=True)


def render(info: RunInfo, results: Sequence[CheckResult]) -> str:
    """The final summary: one row per operation (checks passed, failed, skipped; cases) with its findings and
    skips, then each finding once (with every check that saw it) and how to reproduce it."""
    found = findings(results)
    lines = [f"Conformance of {info.target} (seed {info.seed}, max examples {info.max_examples})", ""]
    header = f"{'side':<7} {'operation':<24} {'passed':>7} {'failed':>7} {'skipped':>8} {'cases':>7}"
    lines += [header, "-" * len(header)]
    for row in rows(results):
        c = row.counts
        lines.append(
            f"{row.side.value:<7} {row.operation:<24} {c[Outcome.PASSED]:>7} {c[Outcome.FAILED]:>7} "
            f"{c[Outcome.SKIPPED]:>8} {row.cases:>7}"
        )
        for finding in (f for f in found if (f.side, f.operation) == (row.side, row.operation)):
            lines.append(f"{'':<7}   {_MARK[Outcome.FAILED]:<8} {finding.failure.title} ({', '.join(finding.checks)})")
        for result in (r for r in row.not_passed if r.outcome is Outcome.SKIPPED):
            lines.append(f"{'':<7}   {_MARK[result.outcome]:<8} {result.check}: {result.reason}")
    if found:
        lines += ["", "Failures (each once per operation, with the checks that saw it)", "=" * 64]
        if any(f.failure.curl for f in found):
            lines += [TOKENS_NOTE]
    for finding in found:
        failure = finding.failure
        lines += ["", f"[{finding.side.value}] {finding.operation}: {failure.title}"]
        lines += [f"  seen by: {', '.join(finding.checks)}"]
        lines += [f"  {line}" for line in failure.message.splitlines()[:8]]
        if failure.curl:
            lines += ["  reproduce:", *(f"    {line}" for line in failure.curl.splitlines())]
    count = totals(results)
    distinct = f" ({len(found)} distinct findings above)" if found else ""
    lines += [
        "",
        *[f"note: {note}" for note in info.notes],
        f"{count[Outcome.PASSED]} checks passed, {count[Outcome.FAILED]} failed, {count[Outcome.SKIPPED]} skipped"
        + distinct,
        f"Replay: {info.replay_command}",
        f"Verdict: {verdict(results).value.upper()}",
    ]
    return xml_safe("\n".join(lines))  # no raw control characters (or lone surrogates) on a terminal
