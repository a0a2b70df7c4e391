"""What every report shows, computed once from the results: per-operation counts and the verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side

# Said above the reproductions: a curl reads its token from the variable the suite reads it from.
TOKENS_NOTE = (
    "Each curl reads its token from the environment variable the suite takes it from: export "
    "CONFORMANCE_TOKEN (and CONFORMANCE_READ_ONLY_TOKEN, CONFORMANCE_OTHER_TENANT_TOKEN) first."
)


@dataclass
class OperationRow:
    side: Side
    operation: str
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    cases: int = 0  # the most cases any one check saw
    not_passed: list[CheckResult] = field(default_factory=list)  # failed and skipped, named in the table


def rows(results: Iterable[CheckResult]) -> list[OperationRow]:
    """One row per (side, operation), in the order the results came."""
    table: dict[tuple[Side, str], OperationRow] = {}
    for result in results:
        row = table.setdefault((result.side, result.operation), OperationRow(result.side, result.operation))
        row.counts[result.outcome] += 1
        row.cases = max(row.cases, result.cases)
        if result.outcome is not Outcome.PASSED:
            row.not_passed.append(result)
    return list(table.values())


def checks(results: Iterable[CheckResult], side: Side) -> list[str]:
    """The check names of one side, in first-seen order: the columns of a matrix."""
    return list(dict.fromkeys(r.check for r in results if r.side is side))


def totals(results: Iterable[CheckResult]) -> dict[Outcome, int]:
    counted = dict.fromkeys(Outcome, 0)
    for result in results:
        counted[result.outcome] += 1
    return counted


@dataclass(frozen=True)
class Finding:
    """One defect of one operation, however many checks saw it: reported once, listing them."""

    side: Side
    operation: str
    failure: Failure  # the first one seen (with a reproduction when any of them has one)
    checks: tuple[str, ...]  # every check that saw it, in first-seen order


def findings(results: Iterable[CheckResult]) -> list[Finding]:
    """The failures of `results` grouped by side, operation and defect (a failure's `defect`, else its check
    and title), in first-seen order. Results and the verdict stay per check; this is what a reader reads."""
    grouped: dict[tuple[Side, str, str], Finding] = {}
    for result in results:
        for failure in result.failures:
            key = (result.side, result.operation, failure.defect or f"{result.check}\0{failure.title}")
            seen = grouped.get(key)
            if seen is None:
                grouped[key] = Finding(result.side, result.operation, failure, (result.check,))
                continue
            shown = seen.failure if seen.failure.curl or not failure.curl else failure
            checks = seen.checks if result.check in seen.checks else (*seen.checks, result.check)
            grouped[key] = Finding(result.side, result.operation, shown, checks)
    return list(grouped.values())
