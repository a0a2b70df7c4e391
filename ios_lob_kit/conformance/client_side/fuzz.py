"""Drive hypothesis: explore a strategy once with every check, then shrink each failing check to a minimal input.

Exploring runs all checks on each example and never stops early, so one run tells every check's verdict;
only a check that failed pays for a second, shrinking run (same seed, so it meets the failure again).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, example, given, seed, settings
from hypothesis import strategies as st

from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side


@dataclass(frozen=True)
class Fuzz:
    """One phase of one operation: what to generate, what to run on each value, how to show a value."""

    operation: str
    checks: tuple[str, ...]
    strategy: st.SearchStrategy[Any]
    examples: Sequence[Any]  # explicit examples, run first (every kind, spelling, status)
    run: Callable[[Any], list[CheckFailed]]
    render: Callable[[Any], str]


@dataclass
class _Tally:
    cases: int = 0
    failures: dict[str, tuple[CheckFailed, Any]] = field(default_factory=dict)  # first failure per check


def _settings(max_examples: int, phases: tuple[Phase, ...]) -> settings:
    return settings(
        max_examples=max_examples,
        phases=phases,
        database=None,
        deadline=None,
        derandomize=False,
        print_blob=False,
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
    )


def _hypothesis_run(fuzz: Fuzz, test: Callable[[Any], None], seed_value: int, max_examples: int, shrink: bool) -> None:
    """Exploring runs the explicit examples, then generates; shrinking generates and shrinks only."""
    wrapped = given(fuzz.strategy)(test)
    for value in reversed(fuzz.examples):  # decorators apply inside out: keep the given order
        wrapped = example(value)(wrapped)
    phases = (Phase.generate, Phase.shrink) if shrink else (Phase.explicit, Phase.generate)
    seed(seed_value)(_settings(max_examples, phases)(wrapped))()


def _explore(fuzz: Fuzz, seed_value: int, max_examples: int) -> _Tally:
    tally = _Tally()

    def test(value: Any) -> None:
        tally.cases += 1
        for failure in fuzz.run(value):
            tally.failures.setdefault(failure.check, (failure, value))

    _hypothesis_run(fuzz, test, seed_value, max_examples, shrink=False)
    return tally


def _shrink(fuzz: Fuzz, check: str, seed_value: int, max_examples: int) -> tuple[CheckFailed, Any] | None:
    """The minimal generated value failing `check` (hypothesis replays it last), or None when only an explicit
    example fails (those are small already)."""
    seen: list[tuple[CheckFailed, Any]] = []

    def test(value: Any) -> None:
        for failure in fuzz.run(value):
            if failure.check == check:
                seen.append((failure, value))
                raise failure

    # It ends in the failure itself (or hypothesis giving up on a flaky one): `seen` has the last.
    with contextlib.suppress(Exception):
        _hypothesis_run(fuzz, test, seed_value, max_examples, shrink=True)
    return seen[-1] if seen else None


def fuzz_results(fuzz: Fuzz, seed_value: int, max_examples: int, replay: str) -> Iterator[CheckResult]:
    """One `CheckResult` per check of `fuzz`, each failure with its minimal example and a replay command."""
    tally = _explore(fuzz, seed_value, max_examples)
    for check in fuzz.checks:
        if check not in tally.failures:
            yield CheckResult(Side.CLIENT, fuzz.operation, check, Outcome.PASSED, cases=tally.cases)
            continue
        failure, value = _shrink(fuzz, check, seed_value, max_examples) or tally.failures[check]
        found = Failure(failure.title, failure.message, fuzz.render(value), replay=replay)
        yield CheckResult(
            Side.CLIENT,
            fuzz.operation,
            check,
            Outcome.FAILED,
            cases=tally.cases,
            failures=(found,),
            reason=failure.title,
        )
