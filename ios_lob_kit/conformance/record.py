"""What a run, or one shard of it, found before it is judged; `results.json` is its serialisation.

Some judgements need the whole run: whether an operation was exercised (`ios_lob_kit.conformance.exercise`), whether
any generated case reached it, whether a side ran at all. So every run keeps a `Record` (its shard, its
results as found, each operation's answers, the operations schemathesis reached) and writes it beside its
reports; `conclude` judges the record of a whole run. An unsharded run concludes its own record;
`conformance merge` first folds the shards' records into one (`ios_lob_kit.conformance.merge`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.exercise import Answer, Exercise, Tally, judged, notes
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side
from ios_lob_kit.conformance.shards import WHOLE, Shard, parse_shard
from ios_lob_kit.conformance.stream import Emit, Event, ResultFound, RunFinished, RunRecorded

__all__ = ["FILE", "Record", "RecordError", "RecordWriter", "conclude", "nothing_ran", "read", "report", "write"]

FILE = "results.json"
FORMAT = 1


class RecordError(ValueError):
    """A file that is not a results file of this version."""


@dataclass(frozen=True)
class Record:
    info: RunInfo  # target, seed, budget, sides, replay command (secrets redacted), notes
    results: tuple[CheckResult, ...]  # as found, one per side, operation and check: nothing judged yet
    answers: dict[str, Tally] = field(default_factory=dict)  # per operation: what its answers were
    reached: tuple[str, ...] = ()  # the operations a generated case reached
    shard: Shard = WHOLE
    units: tuple[str, ...] = ()  # what this shard ran (`shards.Unit`s as text)
    read_only: bool = False
    optional: tuple[str, ...] = ()  # operations the target may leave unimplemented
    judge: bool = True  # False: a run narrowed to the scenarios (tests) is not judged on what it exercised

    def exercise(self) -> Exercise:
        exercise = Exercise(list(spec.operations()))
        for operation, tally in self.answers.items():
            exercise.add(operation, tally)
        return exercise


def nothing_ran(side: Side, replay: str) -> CheckResult:
    """A side that was asked for but gave no result fails the run: an empty side must never pass."""
    failure = Failure(f"The {side.value} side produced no result", "nothing was checked", example="", replay=replay)
    return CheckResult(side, "*", "side_ran", Outcome.FAILED, 0, (failure,))


def report(record: Record, emit: Emit) -> None:
    """A run's last events: its record (`results.json`), then its results and `RunFinished` — judged for a
    whole run, as found for a shard (what it exercised is judged when `conformance merge` joins them)."""
    emit(RunRecorded(record))
    if record.shard.count > 1:
        note = f"shard {record.shard} of a run: what it exercised is judged when `conformance merge` joins the shards"
        info, results = replace(record.info, notes=(*record.info.notes, note)), list(record.results)
    else:
        info, results = conclude(record)
    for result in results:
        emit(ResultFound(result))
    emit(RunFinished(info, tuple(results)))


def conclude(record: Record) -> tuple[RunInfo, list[CheckResult]]:
    """The verdict's results of a whole run: its results as found, a failure for a side that gave none, a skip
    for each operation no generated case reached, and what it exercised judged (`exercise.judged`)."""
    info, results = record.info, list(record.results)
    results += [nothing_ran(side, info.replay_command) for side in info.sides if not _any(results, side)]
    if Side.SERVER in info.sides and record.judge:
        reason = "no generated case reached this operation"
        unreached = [
            CheckResult(Side.SERVER, op, "schemathesis", Outcome.SKIPPED, reason=reason)
            for op in spec.operations()
            if op not in record.reached
        ]
        server = [r for r in results if r.side is Side.SERVER]  # the skips end the server side's results
        results = server + unreached + [r for r in results if r.side is not Side.SERVER]
        not_run = dict.fromkeys(spec.WRITES, "--read-only: writes are not sent") if record.read_only else {}
        exercise = record.exercise()
        optional = frozenset(record.optional)
        results = judged(results, exercise, optional=optional, replay=info.replay_command, not_run=not_run)
        info = replace(info, notes=(*notes(exercise), *info.notes))  # what was exercised, then the run's own
    return info, results


def _any(results: Iterable[CheckResult], side: Side) -> bool:
    return any(r.side is side for r in results)


class RecordWriter:
    """A stream handler: writes the run's record to `path` (`results.json`) when the run has one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, event: Event) -> None:
        if isinstance(event, RunRecorded):
            write(self.path, event.record)


def write(path: Path, record: Record) -> Path:
    document = {
        "format": FORMAT,
        "shard": str(record.shard),
        "units": list(record.units),
        "info": asdict(record.info),
        "results": [asdict(result) for result in record.results],
        "answers": {
            op: {
                "answers": {a.value: n for a, n in tally.answers.items()},
                "retried": tally.retried,
                "unsent": tally.unsent,
            }
            for op, tally in record.answers.items()
        },
        "reached": list(record.reached),
        "read_only": record.read_only,
        "optional": list(record.optional),
        "judge": record.judge,
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read(path: Path) -> Record:
    """The record in `path` (a results file, or the report folder that holds one)."""
    file = path / FILE if path.is_dir() else path
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise RecordError(f"{file}: not a results file of this version")
        raw_info = document["info"]
        info = RunInfo(
            **{**raw_info, "sides": tuple(Side(s) for s in raw_info["sides"]), "notes": tuple(raw_info["notes"])}
        )
        return Record(
            info=info,
            results=tuple(_result(raw) for raw in document["results"]),
            answers={op: _tally(raw) for op, raw in document["answers"].items()},
            reached=tuple(document["reached"]),
            shard=parse_shard(document["shard"]),
            units=tuple(document["units"]),
            read_only=bool(document["read_only"]),
            optional=tuple(document["optional"]),
            judge=bool(document["judge"]),
        )
    except OSError as exc:
        raise RecordError(f"{file}: cannot read it ({exc.strerror or type(exc).__name__})") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"{file}: not a results file ({type(exc).__name__}: {exc})") from None


def _result(raw: dict[str, Any]) -> CheckResult:
    failures = tuple(Failure(**failure) for failure in raw["failures"])
    return CheckResult(**{**raw, "side": Side(raw["side"]), "outcome": Outcome(raw["outcome"]), "failures": failures})


def _tally(raw: dict[str, Any]) -> Tally:
    answers = dict.fromkeys(Answer, 0) | {Answer(name): int(count) for name, count in raw["answers"].items()}
    return Tally(answers=answers, retried=int(raw["retried"]), unsent=int(raw["unsent"]))
