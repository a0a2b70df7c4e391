"""What a run really exercised, per operation: how many answers were a documented success, how many were
throttled (429/503), retried or refused; which operations no answer reached successfully ("not exercised")
and which the target does not implement (every answer is a way of saying "no such route").

A verdict built on 429s is no verdict: the run's verdict reads this before it may say PASSED.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side

NO_ROUTE_CODE = "No method match route template"  # Graph's 400 for a verb/route pair it does not serve
THROTTLED = frozenset({429, 503})
MIN_NO_ROUTE = 3  # answers before an operation is called not implemented


class Answer(StrEnum):
    SUCCESS = "success"  # a 2xx
    THROTTLED = "throttled"  # 429 or 503: the service asked the suite to come back later
    NO_ROUTE = "no route"  # 405, 501, Graph's 400 "No method match route template", or a 404 not about a resource
    NOT_FOUND = "not found"  # a Graph 404 about the resource (`ResourceNotFound`): the route answered
    UNAUTHORIZED = "unauthorized"  # 401 or 403: the auth probes' expected refusals, which say nothing of routes
    REFUSED = "refused"  # any other answer: the request was wrong (or a check meant it to be)


def classify(status: int, body: bytes) -> Answer:
    if 200 <= status < 300:
        return Answer.SUCCESS
    if status in THROTTLED:
        return Answer.THROTTLED
    if status == 404 and _about_a_resource(_error_code(body)):
        return Answer.NOT_FOUND  # an unknown id, not an unknown route
    if status in (404, 405, 501) or (status == 400 and _error_code(body) == NO_ROUTE_CODE):
        return Answer.NO_ROUTE
    if status in (401, 403):
        return Answer.UNAUTHORIZED
    return Answer.REFUSED


def _about_a_resource(code: str | None) -> bool:
    """Graph's codes for a missing resource (`ResourceNotFound`, `itemNotFound`, `Request_ResourceNotFound`)."""
    return code is not None and "notfound" in code.lower()


def _error_code(body: bytes) -> str | None:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    error = document.get("error") if isinstance(document, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, str) else None


@dataclass
class Tally:
    """The answers one operation got."""

    answers: dict[Answer, int] = field(default_factory=lambda: dict.fromkeys(Answer, 0))
    retried: int = 0  # requests sent again after a 429/503 with Retry-After
    unsent: int = 0  # writes not sent: the --max-writes budget was spent

    @property
    def total(self) -> int:
        return sum(self.answers.values())

    @property
    def exercised(self) -> bool:
        return self.answers[Answer.SUCCESS] > 0

    @property
    def not_implemented(self) -> bool:
        """Every answer said "no such route" (throttles and auth refusals aside), and there were enough of them
        to tell a missing route from an operation barely tried (that is "not exercised")."""
        others = self.answers[Answer.SUCCESS] + self.answers[Answer.REFUSED] + self.answers[Answer.NOT_FOUND]
        return self.answers[Answer.NO_ROUTE] >= MIN_NO_ROUTE and others == 0

    def line(self) -> str:
        counts = ", ".join(f"{self.answers[a]} {a.value}" for a in Answer if self.answers[a])
        unsent = f"; {self.unsent} not sent (write budget spent)" if self.unsent else ""
        return f"{counts or 'no answer'}; {self.retried} retried{unsent}"


class Exercise:
    """Per-operation tallies of one run (one instance per run, fed by every part that sends requests)."""

    def __init__(self, operations: list[str]) -> None:
        self._tallies = {operation: Tally() for operation in operations}

    def note(self, operation: str, status: int, body: bytes) -> None:
        self._tallies.setdefault(operation, Tally()).answers[classify(status, body)] += 1

    def note_retry(self, operation: str) -> None:
        self._tallies.setdefault(operation, Tally()).retried += 1

    def note_unsent(self, operation: str) -> None:
        self._tallies.setdefault(operation, Tally()).unsent += 1

    def add(self, operation: str, tally: Tally) -> None:
        """Another run's (or shard's) answers for `operation`, counted with these."""
        mine = self._tallies.setdefault(operation, Tally())
        for answer, count in tally.answers.items():
            mine.answers[answer] += count
        mine.retried += tally.retried
        mine.unsent += tally.unsent

    def tally(self, operation: str) -> Tally:
        return self._tallies.get(operation, Tally())

    def operations(self) -> list[str]:
        return list(self._tallies)

    def not_implemented(self) -> list[str]:
        return [op for op, tally in self._tallies.items() if tally.not_implemented]

    def not_exercised(self) -> list[str]:
        """Operations no answer reached successfully, beyond those the target does not implement."""
        return [op for op, tally in self._tallies.items() if not tally.exercised and not tally.not_implemented]


def observe(schema: Any, exercise: Exercise) -> None:
    """Tally every answer schemathesis gets for `schema` (a schema-scoped hook: this run's only), including
    each 429 its own rate-limit handling waits out before sending the same case again."""
    last: dict[str, tuple[str, int]] = {}  # operation -> (case id, status) of its previous answer

    def after_call(context: Any, case: Any, response: Any) -> None:
        operation = str(case.operation.definition.raw.get("operationId") or case.operation.label)
        previous = last.get(operation)
        if previous is not None and previous[0] == case.id and previous[1] in THROTTLED:
            exercise.note_retry(operation)
        last[operation] = (case.id, int(response.status_code))
        exercise.note(operation, int(response.status_code), bytes(response.content or b""))

    schema.hook(after_call)


def judged(
    results: list[CheckResult],
    exercise: Exercise,
    *,
    optional: frozenset[str],
    replay: str,
    not_run: dict[str, str] | None = None,
) -> list[CheckResult]:
    """The run's results with what it exercised taken into account:
    - an operation the target does not implement is one `implemented` result (FAILED, or SKIPPED when
      declared optional) instead of a pile of failures: its other server results and its end-to-end
      client result go;
    - an operation no answer reached successfully gets a failed `exercised` result: a verdict built on
      429s (or on refusals alone) is no pass."""
    missing = set(exercise.not_implemented())
    kept = [
        _without_missing_methods(r, missing)
        for r in results
        if not (r.operation in missing and (r.side is Side.SERVER or r.check == "end_to_end"))
    ]
    for operation in exercise.operations():
        tally = exercise.tally(operation)
        if not_run and operation in not_run:  # left out on purpose (e.g. writes in a read-only run)
            kept.append(CheckResult(Side.SERVER, operation, "exercised", Outcome.SKIPPED, 0, (), not_run[operation]))
        elif operation in missing:
            reason = f"NOT IMPLEMENTED: every answer said there is no such route ({tally.line()})"
            if operation in optional:
                kept.append(
                    CheckResult(Side.SERVER, operation, "implemented", Outcome.SKIPPED, tally.total, (), reason)
                )
            else:
                failure = Failure(
                    "Not implemented", reason + "; declare it with --optional if that is intended", "", replay=replay
                )
                kept.append(CheckResult(Side.SERVER, operation, "implemented", Outcome.FAILED, tally.total, (failure,)))
        elif not tally.exercised:
            message = f"NOT EXERCISED: no answer was a documented success ({tally.line()})"
            failure = Failure("Not exercised", message, "", replay=replay)
            kept.append(CheckResult(Side.SERVER, operation, "exercised", Outcome.FAILED, tally.total, (failure,)))
    return kept


def notes(exercise: Exercise) -> tuple[str, ...]:
    """One line per operation: what its answers were."""
    return tuple(f"exercised {operation}: {exercise.tally(operation).line()}" for operation in exercise.operations())


_ALLOW_MISSING = re.compile(r"Missing documented methods: ([A-Z, ]+)")


def _without_missing_methods(result: CheckResult, missing: set[str]) -> CheckResult:
    """A sibling's `Allow` failure that only names the methods of operations not implemented is that same
    finding again (a consistent server leaves them out of `Allow`): it goes."""
    if result.check != "allow_header_conformance" or not result.failures or not missing:
        return result
    by_path = spec.operations()
    path = by_path[result.operation][1] if result.operation in by_path else None
    absent = {method for op, (method, op_path) in by_path.items() if op in missing and op_path == path}
    kept = tuple(f for f in result.failures if not _names_only(f.message, absent))
    if kept == result.failures:
        return result
    outcome = Outcome.FAILED if kept else Outcome.PASSED
    return CheckResult(result.side, result.operation, result.check, outcome, result.cases, kept, result.reason)


def _names_only(message: str, methods: set[str]) -> bool:
    found = _ALLOW_MISSING.search(message)
    named = {m.strip() for m in found.group(1).split(",")} if found else set()
    return bool(named) and named <= methods
