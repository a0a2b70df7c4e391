"""One conformance run: open the target, build the run's context, run the sides into one stream of events.

The server side is the Graph scenarios (multi-request behaviours, auth, tenants) then schemathesis over
the spec (examples, coverage, fuzzing, stateful), all inside a configuration the run creates or is given.
What the run exercised is judged once both sides are done (`ios_lob_kit.conformance.exercise`); then every result
passes through one `Stream` (redacted there, once) to the handlers the caller wired.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from ios_lob_kit.conformance import engine
from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.scenarios import SCENARIOS
from ios_lob_kit.conformance.checks.security import SECURITY_SCENARIOS
from ios_lob_kit.conformance.client_side import run_client_side
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.errors import CheckFailed, RunCannotStart
from ios_lob_kit.conformance.events import EventCollector
from ios_lob_kit.conformance.exercise import judged, observe
from ios_lob_kit.conformance.exercise import notes as exercise_notes
from ios_lob_kit.conformance.fixtures import creation, run_configuration
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side, merged
from ios_lob_kit.conformance.scenario_runner import run_scenarios
from ios_lob_kit.conformance.stream import CasesTimed, Emit, Handler, ResultFound, RunFinished, Stream
from ios_lob_kit.conformance.target import open_target
from ios_lob_kit.conformance.writes import cleaning_client


def run_suite(options: RunOptions, *handlers: Handler) -> tuple[RunInfo, list[CheckResult]]:
    """Runs the sides asked for, each event to every handler; returns what the handlers saw at the end.
    Raises `RunCannotStart` (one line, secrets redacted) when the run cannot start or go on."""
    with open_target(options) as target:
        run = RunContext.for_target(options, target)
        stream = Stream(run.redact, handlers)
        try:
            _run_sides(run, stream)
        except RunCannotStart as exc:
            raise type(exc)(run.redact(str(exc))) from None
        assert stream.finished is not None
        return stream.finished.info, stream.results


def _run_sides(run: RunContext, stream: Stream) -> None:
    """Both sides, then the clean-up of everything the run created: also when it is interrupted (Ctrl-C) or
    the suite crashes. Its deletes count against the write budget, which keeps room for them."""
    options = run.options
    sides = [Side(only.value) for only in (Only.SERVER, Only.CLIENT) if options.only in (only, Only.BOTH)]
    results: list[CheckResult] = []
    try:
        for side in sides:
            if side is Side.SERVER:
                # The scenarios' answers and schemathesis' cases judge some of the same pairs: one result each.
                results += merged(_guarded(side, run_server_side(run, stream.emit), run.replay))
            else:
                live = None if options.read_only else run.target.base_url  # the end-to-end calls write
                client = run_client_side(options, live, run.target.credential, stream.emit, run.writes)
                results += _guarded(side, client, run.replay)
    finally:
        with cleaning_client(run.writes, run.target.credential) as cleaning:
            left = run.writes.leftovers.clean_up(cleaning)
    results += [_nothing_ran(side, run.replay) for side in sides if not any(r.side is side for r in results)]
    notes: tuple[str, ...] = ()
    if Side.SERVER in sides and options.phases:  # a run narrowed to the scenarios (tests) is not judged
        not_run = dict.fromkeys(spec.WRITES, "--read-only: writes are not sent") if options.read_only else {}
        optional = frozenset(options.optional)
        results = judged(results, run.exercise, optional=optional, replay=run.replay, not_run=not_run)
        notes = exercise_notes(run.exercise)
    notes += (run.writes.line(),)
    if run.writes.refused:
        results.append(_cut_short(run))
    if left:
        notes += (f"left behind: {len(left)} (the clean-up's deletes failed; remove them with --cleanup)",)
    for result in results:
        stream.emit(ResultFound(result))
    info = RunInfo(
        target=run.target.description,
        seed=options.seed,
        max_examples=options.max_examples,
        replay_command=run.replay,
        sides=tuple(sides),
        notes=notes,
    )
    stream.emit(RunFinished(info, tuple(stream.results)))


def _guarded(side: Side, results: Iterator[CheckResult], replay: str) -> list[CheckResult]:
    """The side's results; a crash inside the suite ends that side with a failed `suite_error` result
    (and a report), never a traceback."""
    collected: list[CheckResult] = []
    try:
        collected.extend(results)
    except RunCannotStart:
        raise  # the run cannot go on: exit 2 with one line
    except Exception as exc:  # any bug of ours must still end in a verdict and a report
        message = f"{type(exc).__name__}: {exc} (after {len(collected)} results; please report this)"
        failure = Failure("The suite itself failed", message, example="", replay=replay)
        collected.append(CheckResult(side, "*", "suite_error", Outcome.FAILED, 0, (failure,)))
    return collected


def _cut_short(run: RunContext) -> CheckResult:
    """A run the write budget cut short judged only part of what it would have: no pass, whatever it saw."""
    budget = run.writes
    message = (
        f"INCOMPLETE: the write budget (--max-writes {budget.limit}) left {budget.refused} write(s) unsent, so "
        "part of the run was never judged; a verdict needs the whole run (raise --max-writes)"
    )
    failure = Failure("The write budget cut the run short", message, example="", replay=run.replay)
    return CheckResult(Side.SERVER, "*", "write_budget", Outcome.FAILED, budget.sent, (failure,))


def _nothing_ran(side: Side, replay: str) -> CheckResult:
    """A side that was asked for but gave no result fails the run: an empty side must never pass."""
    failure = Failure(f"The {side.value} side produced no result", "nothing was checked", example="", replay=replay)
    return CheckResult(side, "*", "side_ran", Outcome.FAILED, 0, (failure,))


def run_server_side(run: RunContext, emit: Emit) -> Iterator[CheckResult]:
    options, target = run.options, run.target
    with contextlib.ExitStack() as stack:
        try:
            run.configuration_id = stack.enter_context(
                run_configuration(
                    target,
                    options.configuration_id,
                    run.scratch,
                    run.writes,
                    seed=options.seed,
                    read_only=options.read_only,
                )
            )
        except CheckFailed as exc:
            failure = Failure(exc.title, exc.message, example="", replay=run.replay)
            yield CheckResult(Side.SERVER, "createConfiguration", exc.check, Outcome.FAILED, 1, (failure,))
            return
        created = run.writable(run.configuration_id)  # the run's own (a given one is only read, and stays)
        if created != options.configuration_id:
            run.made = (creation(target, created, options.seed),)  # a reproduction creates it again first
        if options.read_only:
            for scenario in (*SCENARIOS, *SECURITY_SCENARIOS):
                reason = "--read-only: the Graph scenarios write"
                yield CheckResult(Side.SERVER, scenario.operation, scenario.check, Outcome.SKIPPED, reason=reason)
        else:
            yield from run_scenarios(run, emit)
        if not options.phases:
            return
        schema, collector = engine.build_schema(run), EventCollector(run, emit)
        observe(schema, run.exercise)
        started = time.monotonic()
        with engine.execute(schema) as engine_events:
            collector.consume(engine_events)
        emit(CasesTimed("schemathesis", collector.total_cases, time.monotonic() - started))
        yield from collector.results()
