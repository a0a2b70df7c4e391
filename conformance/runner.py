"""One conformance run: open the target, run the server side and/or the client side, return the stream.

The server side is the Graph scenarios (multi-request behaviours, auth, tenants) then schemathesis over
the spec (examples, coverage, fuzzing, stateful), all inside a configuration the run creates or is given.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from conformance import engine
from conformance.checks import spec
from conformance.checks.scenarios import SCENARIOS
from conformance.checks.security import SECURITY_SCENARIOS
from conformance.client_side import run_client_side
from conformance.events import EngineFatalError, EventCollector
from conformance.exercise import Exercise, judged, observe
from conformance.exercise import notes as exercise_notes
from conformance.fixtures import Leftovers, SetupFailed, run_configuration
from conformance.options import Only, RunOptions
from conformance.redact import Redactor
from conformance.results import CheckResult, Failure, Outcome, Progress, RunInfo, Side, merged
from conformance.scenario_runner import run_scenarios
from conformance.target import Target, TargetError, open_target


def run_suite(options: RunOptions, progress: Progress) -> tuple[RunInfo, list[CheckResult]]:
    """Every result of the run, and what the reports say about it. Raises `TargetError` before it starts."""
    with open_target(options) as target:
        redact = Redactor(options.secrets() + target.secrets(), live=target.issued)
        say: Progress = lambda line: progress(redact(line))  # noqa: E731
        replay = redact(options.replay_command())
        sides: list[Side] = []
        results: list[CheckResult] = []
        exercise = Exercise(list(spec.operations()))  # what each operation's answers were
        if options.only in (Only.BOTH, Only.SERVER):
            sides.append(Side.SERVER)
            server_results = run_server_side(options, target, redact=redact, progress=say, exercise=exercise)
            results += merged(_guarded(Side.SERVER, server_results, replay))
        if options.only in (Only.BOTH, Only.CLIENT):
            sides.append(Side.CLIENT)
            live = None if options.read_only else target.base_url  # the end-to-end calls write
            client_results = run_client_side(options, live, target.credential, say)
            results += [redact.result(r) for r in _guarded(Side.CLIENT, client_results, replay)]
        results += [_nothing_ran(side, replay) for side in sides if not any(r.side is side for r in results)]
        notes: tuple[str, ...] = ()
        if Side.SERVER in sides and options.phases:  # a run narrowed to the scenarios (tests) is not judged
            not_run = dict.fromkeys(spec.WRITES, "--read-only: writes are not sent") if options.read_only else {}
            results = judged(results, exercise, optional=frozenset(options.optional), replay=replay, not_run=not_run)
            notes = exercise_notes(exercise)
        info = RunInfo(
            target=redact(target.description),
            seed=options.seed,
            max_examples=options.max_examples,
            replay_command=replay,
            sides=tuple(sides),
            notes=notes,
        )
        return info, results


def _guarded(side: Side, results: Iterator[CheckResult], replay: str) -> list[CheckResult]:
    """The side's results; a crash inside the suite ends that side with a failed `suite_error` result
    (and a report), never a traceback."""
    collected: list[CheckResult] = []
    try:
        collected.extend(results)
    except (TargetError, EngineFatalError):
        raise  # the run cannot go on: exit 2 with one line
    except Exception as exc:  # any bug of ours must still end in a verdict and a report
        message = f"{type(exc).__name__}: {exc} (after {len(collected)} results; please report this)"
        failure = Failure("The suite itself failed", message, example="", replay=replay)
        collected.append(CheckResult(side, "*", "suite_error", Outcome.FAILED, 0, (failure,)))
    return collected


def _nothing_ran(side: Side, replay: str) -> CheckResult:
    """A side that was asked for but gave no result fails the run: an empty side must never pass."""
    failure = Failure(f"The {side.value} side produced no result", "nothing was checked", example="", replay=replay)
    return CheckResult(side, "*", "side_ran", Outcome.FAILED, 0, (failure,))


def run_server_side(
    options: RunOptions, target: Target, *, redact: Redactor, progress: Progress, exercise: Exercise
) -> Iterator[CheckResult]:
    replay = redact(options.replay_command())
    with contextlib.ExitStack() as stack:
        try:
            configuration_id = stack.enter_context(
                run_configuration(target, options.configuration_id, read_only=options.read_only)
            )
        except SetupFailed as exc:
            failure = Failure("Cannot create the run's configuration", redact(str(exc)), example="", replay=replay)
            yield CheckResult(Side.SERVER, "createConfiguration", "run_setup", Outcome.FAILED, 1, (failure,))
            return
        leftovers = Leftovers()
        stack.callback(leftovers.clean_up, target.credential)  # runs before the configuration is deleted
        if options.read_only:
            for scenario in (*SCENARIOS, *SECURITY_SCENARIOS):
                reason = "--read-only: the Graph scenarios write"
                yield CheckResult(Side.SERVER, scenario.operation, scenario.check, Outcome.SKIPPED, reason=reason)
        else:
            yield from run_scenarios(
                target,
                configuration_id,
                redact=redact,
                replay=replay,
                progress=progress,
                leftovers=leftovers,
                exercise=exercise,
            )
        if not options.phases:
            return
        schema = engine.build_schema(
            base_url=target.base_url,
            credential=target.credential,
            configuration_id=configuration_id,
            seed=options.seed,
            max_examples=options.max_examples,
            phases=options.phases,
            rate_limit=options.rate_limit,
            read_only=options.read_only,
        )
        observe(schema, exercise)
        collector = EventCollector(redact=redact, replay=replay, progress=progress, leftovers=leftovers)
        started = time.monotonic()
        collector.consume(engine.execute(schema))
        elapsed = time.monotonic() - started
        rate = collector.total_cases / elapsed if elapsed else 0.0
        progress(f"schemathesis: {collector.total_cases} cases in {elapsed:.1f} s ({rate:.0f} cases/s)")
        yield from collector.results()
