"""N shards' records -> the one run they make up: `scripts/conformance merge PATH... [--report-dir DIR]`.

`combine` checks the records are one run's shards (same seed, budget, sides and options, shards 1..N
each once, their units the whole run once) and folds them: results per side, operation and check (cases
add up, failures kept once per title), each operation's answers summed, the operations reached joined.
The whole run's record then ends a stream like any unsharded run's (`record.report`: judged once), to
the same handlers as a run's (console, junit.xml, report.html, results.json), with one verdict and exit
code (0 passed, 1 failed, 2 the files are not one run's shards).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ios_lob_kit.conformance.cli import EXIT_FAILED, EXIT_PASSED, EXIT_USAGE
from ios_lob_kit.conformance.exercise import Exercise
from ios_lob_kit.conformance.record import FILE, Record, RecordError, read, report
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.reporting import console, handlers, reports_line
from ios_lob_kit.conformance.results import CheckResult, Outcome, merged, verdict
from ios_lob_kit.conformance.shards import STATE_SHARD, WHOLE, units
from ios_lob_kit.conformance.stream import Stream

__all__ = ["MergeError", "combine", "main"]


class MergeError(ValueError):
    """The records given are not the shards of one run."""


def combine(records: Sequence[Record]) -> Record:
    """The whole run's record. Raises `MergeError` when the records are not one run's shards."""
    if not records:
        raise MergeError("no results files given")
    count = records[0].shard.count
    found = sorted(record.shard.index for record in records)
    if any(record.shard.count != count for record in records) or found != list(range(1, count + 1)):
        shards = ", ".join(str(record.shard) for record in records)
        raise MergeError(f"expected shards 1/{count} to {count}/{count}, each once; got {shards}")
    if len({_facts(record) for record in records}) != 1:
        raise MergeError("the shards ran with different --seed, --max-examples, --only, --read-only or --optional")
    ran = sorted(unit for record in records for unit in record.units)
    if ran != sorted(str(unit) for unit in units()):
        raise MergeError("the shards' units are not the whole run once (another version of the spec or the suite?)")
    ordered = sorted(records, key=lambda record: record.shard.index)
    exercise = Exercise([])
    for record in ordered:
        for operation, tally in record.answers.items():
            exercise.add(operation, tally)
    state = ordered[STATE_SHARD - 1]
    note = (
        f"merged from {count} shards; what needs one state (the Graph scenarios with the read-only and "
        f"other-tenant probes, the stateful phase, the client's end-to-end calls) ran in shard {state.shard}"
    )
    shard_notes = tuple(f"shard {record.shard}: {line}" for record in ordered for line in record.info.notes)
    info = replace(state.info, replay_command=_unsharded(state.info.replay_command), notes=(*shard_notes, note))
    results: list[CheckResult] = merged(result for record in ordered for result in record.results)
    return replace(
        state,
        info=info,
        results=tuple(results),
        answers={operation: exercise.tally(operation) for operation in exercise.operations()},
        reached=tuple(dict.fromkeys(op for record in ordered for op in record.reached)),
        shard=WHOLE,
        units=tuple(str(unit) for unit in units()),
    )


def _facts(record: Record) -> tuple[object, ...]:
    info = record.info
    return (info.seed, info.max_examples, info.sides, record.read_only, record.optional, record.judge)


def _unsharded(command: str) -> str:
    """A shard's replay command without `--shard I/N`: the whole run, on one machine."""
    parts = command.split(" ")
    if "--shard" in parts:
        at = parts.index("--shard")
        del parts[at : at + 2]
    return " ".join(parts)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="conformance merge",
        description="Merge the results of the N runs of one --shard I/N split into one console summary, JUnit "
        "and HTML report and one verdict.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=f"a shard's report folder or its {FILE}")
    p.add_argument("--report-dir", type=Path, metavar="DIR", help=f"where junit.xml, report.html and {FILE} go")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        whole = combine([read(path) for path in args.paths])
        if args.report_dir is not None:
            args.report_dir.mkdir(parents=True, exist_ok=True)
    except (MergeError, RecordError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # The shards' records are already redacted; the stream still removes any credential-shaped text.
    stream = Stream(Redactor(()), handlers(console.Console(), args.report_dir))
    report(whole, stream.emit)
    if args.report_dir is not None:
        print(reports_line(args.report_dir))
    return EXIT_FAILED if verdict(stream.results) is Outcome.FAILED else EXIT_PASSED
