"""Schemathesis engine events -> `CheckResult`s, one per operation and check, and progress events as they come."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from schemathesis.engine import Status, StopReason, events
from schemathesis.engine.errors import ServerUnavailable

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange, describe
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.engine import PHASES, defect_of, operation_id
from ios_lob_kit.conformance.errors import EngineError, TargetStopped
from ios_lob_kit.conformance.reproduce import reproduction
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.conformance.stream import CasesRan, Emit, OperationSkipped, PhaseSkipped, PhaseStarted, RequestFailed
from ios_lob_kit.conformance.target import stopped


@dataclass
class _Tally:
    cases: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)  # title -> smallest example seen
    ranks: dict[str, tuple[bool, int]] = field(default_factory=dict)  # title -> (stateful?, size) of the kept one


class EventCollector:
    """Folds the engine's events into per-(operation, check) tallies; emits progress as it goes."""

    def __init__(self, run: RunContext, emit: Emit) -> None:
        self._run = run
        self._emit = emit
        self._tallies: dict[tuple[str, str], _Tally] = {}
        self._labels = {f"{method} {path}": op for op, (method, path) in spec.operations().items()}
        self.total_cases = 0
        self._said: set[PhaseStarted | PhaseSkipped | OperationSkipped] = set()

    def consume(self, stream: Iterator[Any]) -> None:
        for event in stream:
            self.handle(event)

    def handle(self, event: Any) -> None:
        # One engine run per phase and operation (the runner says each of those phases as it starts it): the
        # engine's own preliminary phases are said once, a phase's skip only when it has a reason beyond being
        # disabled in this engine run (an operation without examples is said on its own line).
        if isinstance(event, events.PhaseStarted):
            if event.phase.name.value not in PHASES:
                self._once(PhaseStarted(event.phase.name.value))
        elif isinstance(event, events.PhaseFinished) and event.status == Status.SKIP:
            reason = event.phase.skip_reason
            if reason is not None and reason.value != "disabled":
                self._once(PhaseSkipped(event.phase.name.value, reason.value))
        elif isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            self._scenario(event)
        elif isinstance(event, events.NonFatalError):
            phase = event.phase.value if event.phase else "schemathesis"
            if isinstance(event.value, ServerUnavailable):
                self._stopped(phase, str(event.value))
            if isinstance(event.value, requests.ConnectionError):
                # An engine run per unit sees too few failures to call the server unavailable itself: a probe
                # tells a target that went away from one failed request.
                gone = stopped(self._run.target.base_url, phase, event.value)
                if gone is not None:
                    raise gone  # redacted by the runner
            self._error(event)
        elif isinstance(event, events.EngineFinished):
            for failure in event.failures:
                self._add_failure("*", "after_run", failure.title, failure.message, "", None, (False, 0))
        elif isinstance(event, events.Interrupted):  # Ctrl-C or SIGTERM: schemathesis stops, so do we
            raise KeyboardInterrupt  # no verdict; the run's clean-up runs on the way out
        elif isinstance(event, events.FatalError):
            raise EngineError(f"{type(event.exception).__name__}: {event.exception}")  # redacted by the runner

    def _stopped(self, phase: str, reason: str) -> None:
        """The target went away: no verdict on a run that could not check what it was asked to."""
        detail = reason or "connections refused or reset"
        raise TargetStopped(f"target stopped answering during {phase}: {detail}")  # redacted by the runner

    def _once(self, event: PhaseStarted | PhaseSkipped | OperationSkipped) -> None:
        if event not in self._said:
            self._said.add(event)
            self._emit(event)

    def _scenario(self, event: Any) -> None:
        if event.status == Status.SKIP and event.skip_reason == StopReason.SERVER_UNAVAILABLE.skip_explanation:
            self._stopped(event.phase.value, str(event.skip_reason))
        recorder = event.recorder  # what its requests created is noted as they are answered (engine.py)
        cases_by_op: dict[str, int] = {}
        for case_id, nodes in recorder.checks.items():
            node = recorder.cases.get(case_id)
            if node is None:
                continue
            op = operation_id(node.value)
            cases_by_op[op] = cases_by_op.get(op, 0) + 1
            for check in nodes:
                tally = self._tallies.setdefault((op, check.name), _Tally())
                tally.cases += 1
                if check.status == Status.FAILURE and check.failure_info is not None:
                    self._record(op, check.name, check.failure_info, recorder, case_id, event.phase.value)
        self.total_cases += sum(cases_by_op.values())
        phase = event.phase.value
        if event.status == Status.SKIP:
            label = self._labels.get(event.label or "", event.label or "scenario")
            # Stateful testing skips each of its scenarios alike: said once.
            self._once(OperationSkipped(phase, label, event.skip_reason or "nothing to run"))
            return
        for op, count in sorted(cases_by_op.items()):
            self._emit(CasesRan(phase, op, count, event.status.value))

    def _record(self, op: str, check: str, info: Any, recorder: Any, case_id: str, phase: str) -> None:
        failure = info.failure
        failing_id = failure.case_id or case_id
        interaction = recorder.interactions.get(failing_id)
        exchange = self._exchange(interaction, op)
        example = describe(exchange) if exchange else ""
        token_variable = self._run.target.token_variable
        reproduce = reproduction(exchange, self._before(recorder, failing_id), token_variable) if exchange else None
        size = len(exchange.url) + len(exchange.request_body or b"") if exchange else 0
        # The smallest example, and a stateful sequence's only when no other phase showed the failure: the
        # others replay from the seed alone, and the stateful phase (run first) meets answers that vary.
        rank = (phase == "stateful", size)
        self._add_failure(
            op, check, str(failure.title), str(failure.message), example, reproduce, rank, defect_of(failure)
        )

    def _add_failure(
        self,
        op: str,
        check: str,
        title: str,
        message: str,
        example: str,
        curl: str | None,
        rank: tuple[bool, int],
        defect: str = "",
    ) -> None:
        tally = self._tallies.setdefault((op, check), _Tally())
        if title in tally.failures and tally.ranks[title] <= rank:
            return
        tally.ranks[title] = rank
        tally.failures[title] = Failure(title, message, example, curl or None, self._run.replay, defect)

    def _before(self, recorder: Any, case_id: str) -> tuple[Exchange, ...]:
        """What was sent before the case `case_id` (a stateful sequence's earlier steps), after the prelude."""
        earlier = []
        for other_id, interaction in recorder.interactions.items():
            if other_id == case_id:
                break
            if (ex := self._exchange(interaction, "")) is not None:
                earlier.append(ex)
        return (*self._run.made, *earlier)

    def _exchange(self, interaction: Any, operation: str) -> Exchange | None:
        """The recorded request and its answer (None when nothing was recorded)."""
        if interaction is None:
            return None
        request, response = interaction.request, interaction.response
        return Exchange(
            operation_id=operation,
            method=str(request.method),
            url=str(request.uri),
            request_headers={k.lower(): v[0] for k, v in request.headers.items() if v},
            request_body=request.body or None,
            status=int(response.status_code) if response is not None else 0,
            response_headers={k.lower(): v[0] for k, v in response.headers.items() if v} if response else {},
            response_body=bytes(response.content or b"") if response is not None else b"",
            request_header_items=tuple((k, value) for k, values in request.headers.items() for value in values),
        )

    def _error(self, event: Any) -> None:
        op = self._labels.get(event.label, event.label)
        message = f"{event.info.title}: {event.info.message}"
        self._add_failure(op, "request_error", str(event.info.title), message, "", None, (False, 0))
        self._emit(RequestFailed(op, str(event.info.title)))

    def results(self) -> list[CheckResult]:
        found: list[CheckResult] = []
        for (op, check), tally in sorted(self._tallies.items(), key=lambda item: _order(item[0])):
            failures = tuple(tally.failures.values())
            outcome = Outcome.FAILED if failures else Outcome.PASSED
            found.append(CheckResult(Side.SERVER, op, check, outcome, cases=tally.cases, failures=failures))
        return found

    def reached(self) -> set[str]:
        """The operations a generated case reached (the others are judged on the whole run: `record.conclude`)."""
        return {op for op, _ in self._tallies}


def _order(key: tuple[str, str]) -> tuple[int, str]:
    ops = list(spec.operations())
    return (ops.index(key[0]) if key[0] in ops else len(ops), key[1])
