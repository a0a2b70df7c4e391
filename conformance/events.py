"""Schemathesis engine events -> `CheckResult`s, one per operation and check, and progress events as they come."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from schemathesis.engine import Status, StopReason, events
from schemathesis.engine.errors import ServerUnavailable

from conformance.checks import spec
from conformance.context import RunContext
from conformance.engine import operation_id
from conformance.errors import EngineError, TargetStopped
from conformance.results import CheckResult, Failure, Outcome, Side
from conformance.stream import CasesRan, Emit, OperationSkipped, PhaseSkipped, PhaseStarted, RequestFailed

MAX_BODY_SHOWN = 2000


@dataclass
class _Tally:
    cases: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)  # title -> smallest example seen
    sizes: dict[str, int] = field(default_factory=dict)


class EventCollector:
    """Folds the engine's events into per-(operation, check) tallies; emits progress as it goes."""

    def __init__(self, run: RunContext, emit: Emit) -> None:
        self._run = run
        self._emit = emit
        self._tallies: dict[tuple[str, str], _Tally] = {}
        self._labels = {f"{method} {path}": op for op, (method, path) in spec.operations().items()}
        self.total_cases = 0
        self._skips_said: set[OperationSkipped] = set()

    def consume(self, stream: Iterator[Any]) -> None:
        for event in stream:
            self.handle(event)

    def handle(self, event: Any) -> None:
        if isinstance(event, events.PhaseStarted):
            self._emit(PhaseStarted(event.phase.name.value))
        elif isinstance(event, events.PhaseFinished) and event.status == Status.SKIP:
            reason = event.phase.skip_reason.value if event.phase.skip_reason else "skipped"
            self._emit(PhaseSkipped(event.phase.name.value, reason))
        elif isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            self._scenario(event)
        elif isinstance(event, events.NonFatalError):
            if isinstance(event.value, ServerUnavailable):
                self._stopped(event.phase.value if event.phase else "schemathesis", str(event.value))
            self._error(event)
        elif isinstance(event, events.EngineFinished):
            for failure in event.failures:
                self._add_failure("*", "after_run", failure.title, failure.message, "", None, 0)
        elif isinstance(event, events.Interrupted):  # Ctrl-C or SIGTERM: schemathesis stops, so do we
            raise KeyboardInterrupt  # no verdict; the run's clean-up runs on the way out
        elif isinstance(event, events.FatalError):
            raise EngineError(f"{type(event.exception).__name__}: {event.exception}")  # redacted by the runner

    def _stopped(self, phase: str, reason: str) -> None:
        """The target went away: no verdict on a run that could not check what it was asked to."""
        detail = reason or "connections refused or reset"
        raise TargetStopped(f"target stopped answering during {phase}: {detail}")  # redacted by the runner

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
                    self._record(op, check.name, check.failure_info, recorder, case_id)
        self.total_cases += sum(cases_by_op.values())
        phase = event.phase.value
        if event.status == Status.SKIP:
            label = self._labels.get(event.label or "", event.label or "scenario")
            said = OperationSkipped(phase, label, event.skip_reason or "nothing to run")
            if said not in self._skips_said:  # stateful testing skips each of its scenarios alike: said once
                self._skips_said.add(said)
                self._emit(said)
            return
        for op, count in sorted(cases_by_op.items()):
            self._emit(CasesRan(phase, op, count, event.status.value))

    def _record(self, op: str, check: str, info: Any, recorder: Any, case_id: str) -> None:
        failure = info.failure
        failing_id = failure.case_id or case_id
        interaction = recorder.interactions.get(failing_id)
        example, size = self._example(interaction)
        self._add_failure(op, check, str(failure.title), str(failure.message), example, info.code_sample, size)

    def _add_failure(
        self, op: str, check: str, title: str, message: str, example: str, curl: str | None, size: int
    ) -> None:
        tally = self._tallies.setdefault((op, check), _Tally())
        if title in tally.failures and tally.sizes[title] <= size:
            return
        tally.sizes[title] = size
        tally.failures[title] = Failure(title, message, example, curl=curl or None, replay=self._run.replay)

    def _example(self, interaction: Any) -> tuple[str, int]:
        """The request as sent (and what came back), and its size: the smallest one is kept."""
        if interaction is None:
            return "", 0
        request = interaction.request
        body = (request.body or b"").decode("utf-8", "replace")
        lines = [f"{request.method} {request.uri}"]
        lines += [f"{k}: {v[0]}" for k, v in request.headers.items() if k.lower() in _SHOWN_HEADERS]
        if body:
            lines += ["", _pretty(body)[:MAX_BODY_SHOWN]]
        response = interaction.response
        if response is not None:
            answer = (response.content or b"").decode("utf-8", "replace")
            lines += ["", f"-> {response.status_code}", _pretty(answer)[:MAX_BODY_SHOWN]]
        return "\n".join(lines), len(request.uri) + len(body)

    def _error(self, event: Any) -> None:
        op = self._labels.get(event.label, event.label)
        message = f"{event.info.title}: {event.info.message}"
        self._add_failure(op, "request_error", str(event.info.title), message, "", None, 0)
        self._emit(RequestFailed(op, str(event.info.title)))

    def results(self) -> list[CheckResult]:
        found: list[CheckResult] = []
        for (op, check), tally in sorted(self._tallies.items(), key=lambda item: _order(item[0])):
            failures = tuple(tally.failures.values())
            outcome = Outcome.FAILED if failures else Outcome.PASSED
            found.append(CheckResult(Side.SERVER, op, check, outcome, cases=tally.cases, failures=failures))
        reached = {op for op, _ in self._tallies}
        for op in spec.operations():
            if op not in reached:
                reason = "no generated case reached this operation"
                found.append(CheckResult(Side.SERVER, op, "schemathesis", Outcome.SKIPPED, reason=reason))
        return found


_SHOWN_HEADERS = ("authorization", "content-type", "client-request-id")


def _order(key: tuple[str, str]) -> tuple[int, str]:
    ops = list(spec.operations())
    return (ops.index(key[0]) if key[0] in ops else len(ops), key[1])


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text
