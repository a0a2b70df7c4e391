"""What every report shows, computed once from the results: per-operation counts and the verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from conformance.results import CheckResult, Outcome, Side


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
