"""Live progress: the one place a progress event becomes a line of text (console, pytest -v, the client CLI)."""

from __future__ import annotations

from ios_lob_kit.conformance.stream import (
    CasesRan,
    CasesTimed,
    ClientStep,
    Event,
    OperationSkipped,
    PhaseSkipped,
    PhaseStarted,
    RequestFailed,
    Retried,
    ScenarioRan,
    StateDone,
    WorkerSaid,
    WorkersDone,
)

STATE_DONE = "state shard: the scenarios and the stateful phase are done"


def line(event: Event) -> str | None:
    """The progress line for `event`, or None for events that are not progress (results, the end)."""
    match event:
        case PhaseStarted(phase):
            return f"phase {phase}"
        case PhaseSkipped(phase, reason):
            return f"phase {phase}: skipped ({reason})"
        case ScenarioRan(operation, check, outcome):
            return f"  {'scenario':<9} {operation:<24} {check:<24} {outcome.value}"
        case CasesRan(phase, operation, cases, status):
            return f"  {phase:<9} {operation:<24} {cases:>4} cases  {status}"
        case OperationSkipped(phase, operation, reason):
            return f"  {phase:<9} {operation:<24} skipped: {reason}"
        case RequestFailed(operation, title):
            return f"  error on {operation}: {title}"
        case Retried(operation, seconds):
            return f"  throttled: {operation} sent again in {seconds:g} s (Retry-After)"
        case ClientStep(step, operation):
            return f"client: {operation}: {step}" if operation else f"client: {step}"
        case CasesTimed(producer, cases, seconds):
            rate = cases / seconds if seconds else 0.0
            each = " (each sync and async)" if producer == "client" else ""
            return f"{producer}: {cases} cases{each} in {seconds:.1f} s ({rate:.0f} cases/s)"
        case StateDone():
            return STATE_DONE
        case WorkerSaid(shard, said):
            return f"[{shard}] {said}"
        case WorkersDone(workers, seconds):
            return f"workers: {workers} processes in {seconds:.1f} s"
    return None
