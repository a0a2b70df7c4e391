"""The console: a handler printing progress lines while the run goes, then a summary table and the failures."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from conformance.reporting import progress
from conformance.reporting.summary import rows, totals
from conformance.reporting.text import xml_safe
from conformance.results import CheckResult, Outcome, RunInfo, verdict
from conformance.stream import Event, RunFinished

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
    """The final summary: one row per operation (checks passed, failed, skipped; cases), then details."""
    lines = [f"Conformance of {info.target} (seed {info.seed}, max examples {info.max_examples})", ""]
    header = f"{'side':<7} {'operation':<24} {'passed':>7} {'failed':>7} {'skipped':>8} {'cases':>7}"
    lines += [header, "-" * len(header)]
    for row in rows(results):
        c = row.counts
        lines.append(
            f"{row.side.value:<7} {row.operation:<24} {c[Outcome.PASSED]:>7} {c[Outcome.FAILED]:>7} "
            f"{c[Outcome.SKIPPED]:>8} {row.cases:>7}"
        )
        for result in row.not_passed:
            detail = f"{len(result.failures)} failure(s)" if result.failures else result.reason
            lines.append(f"{'':<7}   {_MARK[result.outcome]:<8} {result.check}: {detail}")
    failed = [r for r in results if r.outcome is Outcome.FAILED]
    if failed:
        lines += ["", "Failures", "========"]
    for result in failed:
        for failure in result.failures:
            lines += ["", f"[{result.side.value}] {result.operation} / {result.check}: {failure.title}"]
            lines += [f"  {line}" for line in failure.message.splitlines()[:8]]
            if failure.curl:
                lines += ["  reproduce:", f"    {failure.curl.splitlines()[0]}"]
    count = totals(results)
    lines += [
        "",
        *[f"note: {note}" for note in info.notes],
        f"{count[Outcome.PASSED]} checks passed, {count[Outcome.FAILED]} failed, {count[Outcome.SKIPPED]} skipped",
        f"Replay: {info.replay_command}",
        f"Verdict: {verdict(results).value.upper()}",
    ]
    return xml_safe("\n".join(lines))  # no raw control characters (or lone surrogates) on a terminal
