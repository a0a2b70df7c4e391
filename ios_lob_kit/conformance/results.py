"""What a conformance run finds: one `CheckResult` per (side, operation, check), and `RunInfo`.

Both sides of the suite (server fuzzing and client fuzzing) produce them; they reach the reports (console
table, JUnit XML, HTML) through the run's stream (`ios_lob_kit.conformance.stream`), and the reports render from them
alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Side(StrEnum):
    SERVER = "server"  # a server (reference, vendor, mock) checked against the spec
    CLIENT = "client"  # the generated client checked against the spec


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"  # not run, with a reason (e.g. no read-only token given): never counted as passed


@dataclass(frozen=True)
class Failure:
    """One distinct way a check failed, with what it takes to see it again."""

    title: str  # short, e.g. "Response violates schema"
    message: str  # what arrived and what the spec documents
    example: str  # the minimal failing example (request or input), secrets redacted
    curl: str | None = None  # a curl line reproducing a server-side failure, token redacted
    replay: str | None = None  # a command that replays this failure (seed included)
    # What is wrong, when several checks can see it (e.g. "response header `request-id` missing"): the
    # reports show one finding per operation and defect, with every check that saw it. "" = the title.
    defect: str = ""


@dataclass(frozen=True)
class CheckResult:
    side: Side
    operation: str  # the spec's operationId, or "*" for run-wide checks
    check: str  # the check's name, e.g. "response_schema_conformance" or "odata_error_shape"
    outcome: Outcome
    cases: int = 0  # how many generated cases the check saw
    failures: tuple[Failure, ...] = ()
    reason: str = ""  # why it was skipped, or a one-line summary

    def __post_init__(self) -> None:
        if (self.outcome is Outcome.FAILED) != bool(self.failures):
            raise ValueError(f"{self.operation}/{self.check}: failures are given exactly when the outcome is FAILED")


@dataclass(frozen=True)
class RunInfo:
    """What a report needs to say about the run as a whole."""

    target: str  # base URL checked (or "embedded reference server at ...")
    seed: int
    max_examples: int
    replay_command: str  # the full command that replays the run, secrets redacted
    sides: tuple[Side, ...] = (Side.SERVER, Side.CLIENT)
    notes: tuple[str, ...] = field(default=())


def verdict(results: Iterable[CheckResult]) -> Outcome:
    """FAILED if anything failed, else PASSED (skips do not fail a run, and are reported as skipped)."""
    return Outcome.FAILED if any(r.outcome is Outcome.FAILED for r in results) else Outcome.PASSED


def merged(results: Iterable[CheckResult]) -> list[CheckResult]:
    """One result per side, operation and check (first-seen order), when several parts of a run judged the
    same pair (the scenarios' answers and schemathesis' cases): failures kept once per title, cases summed."""
    out: dict[tuple[Side, str, str], CheckResult] = {}
    for result in results:
        key = (result.side, result.operation, result.check)
        prior = out.get(key)
        if prior is None:
            out[key] = result
            continue
        titles = {f.title for f in prior.failures}
        failures = prior.failures + tuple(f for f in result.failures if f.title not in titles)
        outcomes = {prior.outcome, result.outcome}
        outcome = Outcome.FAILED if failures else Outcome.PASSED if Outcome.PASSED in outcomes else Outcome.SKIPPED
        reason = prior.reason or result.reason
        out[key] = CheckResult(
            result.side, result.operation, result.check, outcome, prior.cases + result.cases, failures, reason
        )
    return list(out.values())
