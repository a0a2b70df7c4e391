"""One conformance run: open the target, build the run's context, run the sides into one stream of events.

The server side is the Graph scenarios (multi-request behaviours, auth, tenants) then schemathesis over
the spec (examples, coverage, fuzzing, stateful), all inside a configuration the run creates or is given.
The run's record (what it found) is judged once both sides are done (`ios_lob_kit.conformance.record`: what it
exercised, what no case reached); every event passes through one `Stream` (redacted there, once) to the
handlers the caller wired. `--shard I/N` runs a share of the units (`ios_lob_kit.conformance.shards`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from ios_lob_kit.conformance import engine
from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.checks.scenarios import SCENARIOS
from ios_lob_kit.conformance.checks.security import SECURITY_SCENARIOS
from ios_lob_kit.conformance.client_side import run_client_side
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.errors import CheckFailed, RunCannotStart
from ios_lob_kit.conformance.events import EventCollector
from ios_lob_kit.conformance.exercise import observe
from ios_lob_kit.conformance.fixtures import ITEM_READS, creation, items_to_read, run_configuration
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.record import Record, nothing_ran, report
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side, merged
from ios_lob_kit.conformance.scenario_runner import run_scenarios
from ios_lob_kit.conformance.stream import CasesTimed, Emit, Handler, PhaseStarted, StateDone, Stream
from ios_lob_kit.conformance.target import open_target
from ios_lob_kit.conformance.workers import run_workers
from ios_lob_kit.conformance.writes import cleaning_client


def run_suite(options: RunOptions, *handlers: Handler) -> tuple[RunInfo, list[CheckResult]]:
    """Runs the sides asked for, each event to every handler; returns what the handlers saw at the end.
    Raises `RunCannotStart` (one line, secrets redacted) when the run cannot start or go on.

    The run's record (what it found) is judged at the end (`record.report`); a shard's is judged only with
    the others' (`conformance merge`). With --workers N, N processes run the shards and this one merges them."""
    with open_target(options) as target:
        run = RunContext.for_target(options, target)
        stream = Stream(run.redact, handlers)
        try:
            found = run_workers(run, stream.emit) if options.workers > 1 else _record(run, stream.emit)
        except RunCannotStart as exc:
            raise type(exc)(run.redact(str(exc))) from None
        report(found, stream.emit)
        assert stream.finished is not None
        return stream.finished.info, stream.results


def _record(run: RunContext, emit: Emit) -> Record:
    """Both sides, then the clean-up of everything the run created: also when it is interrupted (Ctrl-C) or
    the suite crashes. Its deletes count against the write budget, which keeps room for them."""
    options = run.options
    sides = [Side(only.value) for only in (Only.SERVER, Only.CLIENT) if options.only in (only, Only.BOTH)]
    results: list[CheckResult] = []
    if Side.SERVER not in sides:
        _state_done(run, emit)  # nothing here needs the target's starting state
    try:
        for side in sides:
            if side is Side.SERVER:
                # The scenarios' answers and schemathesis' cases judge some of the same pairs: one result each.
                results += merged(_guarded(side, run_server_side(run, emit), run.replay))
            else:
                live = None if options.read_only else run.target.base_url  # the end-to-end calls write
                client = run_client_side(options, live, run.target.credential, emit, run.writes)
                results += _guarded(side, client, run.replay)
    finally:
        with cleaning_client(run.writes, run.target.credential) as cleaning:
            left = run.writes.leftovers.clean_up(cleaning)
    owning = {Side(unit.side) for unit in options.shard.units()}  # a shard may hold none of a side's work
    empty = [side for side in sides if side in owning and not any(r.side is side for r in results)]
    results += [nothing_ran(side, run.replay) for side in empty]
    notes: tuple[str, ...] = (run.writes.line(),)
    if run.writes.refused:
        results.append(_cut_short(run))
    if left:
        notes += (f"left behind: {len(left)} (the clean-up's deletes failed; remove them with --cleanup)",)
    info = RunInfo(
        target=run.target.description,
        seed=options.seed,
        max_examples=options.max_examples,
        replay_command=run.replay,
        sides=tuple(sides),
        notes=notes,
    )
    exercise = run.exercise
    return Record(
        info=info,
        results=tuple(results),
        answers={operation: exercise.tally(operation) for operation in exercise.operations()},
        reached=tuple(op for op in spec.operations() if op in run.reached),
        shard=options.shard,
        units=tuple(str(unit) for unit in options.shard.units()),
        read_only=options.read_only,
        optional=options.optional,
        judge=Side.SERVER in sides and bool(options.phases),  # a run narrowed to the scenarios (tests) is not
    )


def _state_done(run: RunContext, emit: Emit) -> None:
    """The state shard says, once, that what needs the target's starting state is done (`--workers` starts
    the other shards then)."""
    if run.options.shard.has_state and not run.state_done:
        run.state_done = True
        emit(StateDone())


def _pin_items(run: RunContext, made: tuple[Exchange, ...]) -> None:
    """Real items for the next item read's unit (`fixtures.items_to_read`): the run's own configuration is given
    them again before each such unit; a configuration given to the run is listed once, never written."""
    reads = run.configuration_id
    if reads is None:
        return
    own = not run.options.read_only and run.writable(reads) == reads
    if own or not run.items_listed:
        items = items_to_read(run.target, reads, run.writes, make=own)
        run.items, run.made, run.items_listed = items.ids, (*made, *items.made), True


def _cut_short(run: RunContext) -> CheckResult:
    """A run the write budget cut short judged only part of what it would have: no pass, whatever it saw."""
    budget = run.writes
    message = (
        f"INCOMPLETE: the write budget (--max-writes {budget.limit}) left {budget.refused} write(s) unsent, so "
        "part of the run was never judged; a verdict needs the whole run (raise --max-writes)"
    )
    failure = Failure("The write budget cut the run short", message, example="", replay=run.replay)
    return CheckResult(Side.SERVER, "*", "write_budget", Outcome.FAILED, budget.sent, (failure,))


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
        shard = options.shard
        if options.read_only:
            for scenario in (*SCENARIOS, *SECURITY_SCENARIOS) if shard.owns("server", "scenarios") else ():
                reason = "--read-only: the Graph scenarios write"
                yield CheckResult(Side.SERVER, scenario.operation, scenario.check, Outcome.SKIPPED, reason=reason)
        elif shard.owns("server", "scenarios"):
            yield from run_scenarios(run, emit)
        collector, started, made = EventCollector(run, emit), time.monotonic(), run.made
        # One engine run per phase and operation (the stateful phase: one over them all): what schemathesis
        # generates then depends on the seed and that unit alone, not on what else the process runs (within
        # one engine run, a failure seen on one operation changes how many cases the next one gets).
        # The stateful phase first, right after the scenarios: it follows links through the answers (listings
        # included), so the state shard meets the target as an unsharded run does; then --workers starts the
        # other shards (StateDone).
        phases = sorted(options.phases, key=lambda phase: (phase != "stateful", engine.PHASES.index(phase)))
        for phase in phases:
            if phase != "stateful":
                _state_done(run, emit)  # once: before the first other phase
            if shard.operations("server", phase):
                emit(PhaseStarted(phase))
            for operation in shard.operations("server", phase):
                if options.read_only and operation in spec.WRITES:
                    continue  # a read-only run sends no write: nothing of this unit would run
                if operation in ITEM_READS:
                    _pin_items(run, made)
                schema = engine.build_schema(run, phases=(phase,), operation=None if operation == "*" else operation)
                observe(schema, run.exercise)
                with engine.execute(schema) as engine_events:
                    collector.consume(engine_events)
        _state_done(run, emit)  # a run with no other phase
        if options.phases:
            emit(CasesTimed("schemathesis", collector.total_cases, time.monotonic() - started))
        run.reached |= collector.reached()
        yield from collector.results()
