"""The run's one stream: typed events the producers emit, and the handlers that consume them.

Producers (the Graph scenarios, the schemathesis engine, the client side, the `--workers` processes) emit
progress events; a run ends with `RunRecorded` (what it found, before judging), its judged `ResultFound`s
and `RunFinished` (`record.report`, also what `conformance merge` emits). A `Stream` redacts every text of
an event once (the only place a run's secrets are removed), keeps the results, and hands the event to each
handler in turn: the console, the report writers (`ios_lob_kit.conformance.reporting`), the pytest plugin's reporter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.results import CheckResult, Outcome, RunInfo

if TYPE_CHECKING:  # the record module emits these events
    from ios_lob_kit.conformance.record import Record


@dataclass(frozen=True)
class PhaseStarted:
    phase: str  # "graph scenarios", or a schemathesis phase ("examples", "coverage", ...)


@dataclass(frozen=True)
class PhaseSkipped:
    phase: str
    reason: str


@dataclass(frozen=True)
class ScenarioRan:
    """One Graph scenario ran (its result follows as `ResultFound`)."""

    operation: str
    check: str
    outcome: Outcome


@dataclass(frozen=True)
class CasesRan:
    """Schemathesis ran `cases` cases of one operation in one phase."""

    phase: str
    operation: str
    cases: int
    status: str


@dataclass(frozen=True)
class OperationSkipped:
    phase: str
    operation: str
    reason: str


@dataclass(frozen=True)
class RequestFailed:
    """A request of the engine failed outright (connection reset, timeout): recorded as `request_error`."""

    operation: str
    title: str


@dataclass(frozen=True)
class Retried:
    """One of the suite's own requests was throttled (429/503) and is sent again after `seconds` (Retry-After)."""

    operation: str
    seconds: float


@dataclass(frozen=True)
class ClientStep:
    """The client side starts a step (of one operation, or of the whole side)."""

    step: str
    operation: str = ""


@dataclass(frozen=True)
class CasesTimed:
    """A producer's total: `cases` generated cases in `seconds`."""

    producer: str  # "schemathesis" or "client"
    cases: int
    seconds: float


@dataclass(frozen=True)
class StateDone:
    """The state shard's server side ran what needs the target's starting state (the Graph scenarios, the
    stateful phase): `--workers` starts the other shards' processes now (`ios_lob_kit.conformance.workers`)."""


@dataclass(frozen=True)
class WorkerSaid:
    """A progress line of one `--workers` process (its shard, e.g. "2/4")."""

    shard: str
    line: str


@dataclass(frozen=True)
class WorkersDone:
    workers: int
    seconds: float


@dataclass(frozen=True)
class RunRecorded:
    """What the run (or this shard of it) found before judging: `results.json` (`ios_lob_kit.conformance.record`)."""

    record: Record


@dataclass(frozen=True)
class ResultFound:
    result: CheckResult


@dataclass(frozen=True)
class RunFinished:
    info: RunInfo
    results: tuple[CheckResult, ...]


Progress = (
    PhaseStarted
    | PhaseSkipped
    | ScenarioRan
    | CasesRan
    | OperationSkipped
    | RequestFailed
    | Retried
    | ClientStep
    | CasesTimed
    | StateDone
    | WorkerSaid
    | WorkersDone
)
Event = Progress | RunRecorded | ResultFound | RunFinished
Handler = Callable[[Event], None]  # a handler does what it wants with the events it knows and ignores the rest
Emit = Callable[[Event], None]  # what a producer is given


class Stream:
    """Redacts each event once, keeps the results, and passes the event to every handler, in order."""

    def __init__(self, redact: Redactor, handlers: Sequence[Handler]) -> None:
        self._redact = redact
        self._handlers = tuple(handlers)
        self.results: list[CheckResult] = []
        self.finished: RunFinished | None = None

    def emit(self, event: Event) -> None:
        event = self._redact.every_text(event)
        if isinstance(event, ResultFound):
            self.results.append(event.result)
        if isinstance(event, RunFinished):
            self.finished = event
        for handler in self._handlers:
            handler(event)
