"""Runs the Graph scenarios (`checks.scenarios`) and turns each into a `CheckResult`."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from ios_lob_kit.conformance.checks import behaviours, graph, queries, scenarios
from ios_lob_kit.conformance.checks.api import REQUEST_ERRORS, Api
from ios_lob_kit.conformance.checks.exchange import Exchange, describe
from ios_lob_kit.conformance.checks.scenarios import Scenario, ScenarioContext
from ios_lob_kit.conformance.checks.security import SECURITY_SCENARIOS
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.errors import BudgetSpent, CheckFailed, NotExercised
from ios_lob_kit.conformance.reproduce import reproduction
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.conformance.retry import RetryAfterTransport
from ios_lob_kit.conformance.stream import Emit, PhaseStarted, Retried, ScenarioRan
from ios_lob_kit.conformance.target import stopped
from ios_lob_kit.conformance.writes import UNSENT, BudgetTransport

SCENARIOS: tuple[Scenario, ...] = (*scenarios.SCENARIOS, *behaviours.SCENARIOS, *queries.SCENARIOS)
_MISSING = {
    "read_only": "no read-only token given (--read-only-token / CONFORMANCE_READ_ONLY_TOKEN)",
    "other_tenant": "no other tenant's token given (--other-tenant-token / CONFORMANCE_OTHER_TENANT_TOKEN)",
}


def run_scenarios(run: RunContext, emit: Emit) -> Iterator[CheckResult]:
    target = run.target
    assert run.configuration_id is not None, "the run's configuration comes first"

    def retrying(request: httpx.Request, wait: float) -> None:
        operation = str(request.extensions.get("operation", "a request"))
        if "operation" in request.extensions:
            run.exercise.note_retry(operation)
        emit(Retried(operation, wait))

    transport = RetryAfterTransport(BudgetTransport(run.writes), on_retry=retrying)  # each retry within budget too
    with httpx.Client(base_url=target.base_url + "/", timeout=30.0, transport=transport) as client:
        api = Api(client, target.credential, seed=run.options.seed)
        ctx = ScenarioContext(
            api=api,
            configuration_id=run.writable(run.configuration_id),  # scenarios write: never to a given one
            read_only=api.as_token(target.read_only_token) if target.read_only_token else None,
            other_tenant=api.as_token(target.other_tenant_token) if target.other_tenant_token else None,
        )
        emit(PhaseStarted("graph scenarios"))
        conventions = _Conventions()
        for scenario in (*SCENARIOS, *SECURITY_SCENARIOS):
            result = _run_one(scenario, ctx, run)
            if result.reason.startswith(UNSENT):
                run.exercise.note_unsent(scenario.operation)
            for index, ex in enumerate(api.log):
                if scenario not in SECURITY_SCENARIOS:  # hostile requests are judged by their own checks
                    conventions.judge(ex, (*run.made, *api.log[:index]))
                run.exercise.note(ex.operation_id, ex.status, ex.response_body)
            emit(ScenarioRan(scenario.operation, scenario.check, result.outcome))
            yield result
        yield from conventions.results(run)


class _Conventions:
    """The per-answer Graph checks (`graph.RESPONSE_CHECKS`) on every answer the scenarios got: one result
    per operation and check, merged by the runner with the same checks' results from schemathesis."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}
        self.failures: dict[tuple[str, str], dict[str, tuple[Exchange, CheckFailed, tuple[Exchange, ...]]]] = {}

    def judge(self, ex: Exchange, before: tuple[Exchange, ...]) -> None:
        """Every per-answer check on `ex`; `before`: what was sent before it (for its reproduction)."""
        for name, check in graph.RESPONSE_CHECKS.items():
            key = (ex.operation_id, name)
            self.seen[key] = self.seen.get(key, 0) + 1
            try:
                check(ex)
            except CheckFailed as exc:
                self.failures.setdefault(key, {}).setdefault(exc.title, (ex, exc, before))

    def results(self, run: RunContext) -> Iterator[CheckResult]:
        for (operation, name), cases in self.seen.items():
            found = self.failures.get((operation, name), {})
            failures = tuple(
                Failure(
                    exc.title,
                    exc.message,
                    describe(ex),
                    reproduction(ex, before, run.target.token_variable),
                    run.replay,
                    exc.defect,
                )
                for ex, exc, before in found.values()
            )
            outcome = Outcome.FAILED if failures else Outcome.PASSED
            yield CheckResult(Side.SERVER, operation, name, outcome, cases, failures)


def _run_one(scenario: Scenario, ctx: ScenarioContext, run: RunContext) -> CheckResult:
    def result(outcome: Outcome, cases: int = 1, failures: tuple[Failure, ...] = (), reason: str = "") -> CheckResult:
        return CheckResult(Side.SERVER, scenario.operation, scenario.check, outcome, cases, failures, reason)

    identity = {"read_only": ctx.read_only, "other_tenant": ctx.other_tenant}.get(scenario.needs, ctx.api)
    if identity is None:
        return result(Outcome.SKIPPED, cases=0, reason=_MISSING[scenario.needs])
    ctx.api.log.clear()
    try:
        scenario.run(ctx)
    except CheckFailed as exc:
        title, message = exc.title, exc.message
    except NotExercised as exc:
        return result(Outcome.SKIPPED, reason=str(exc))
    except BudgetSpent as exc:
        return result(Outcome.SKIPPED, cases=0, reason=str(exc))
    except REQUEST_ERRORS as exc:
        if isinstance(exc, httpx.TransportError) and (gone := stopped(run.target.base_url, "graph scenarios", exc)):
            raise gone from None
        title, message = "Request failed", f"{type(exc).__name__}: {exc}"
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        title, message = "Unusable answer", f"{type(exc).__name__}: {exc}"
    else:
        return result(Outcome.PASSED)
    last = ctx.api.last
    if last is None:
        return result(Outcome.FAILED, failures=(Failure(title, message, "", replay=run.replay),))
    sent = ctx.api.log[: ctx.api.log.index(last) + 1]
    own = next((ex for ex in reversed(sent) if ex.operation_id == scenario.operation), None)
    # Filed under the scenario's operation once it was called (its request first in the reproduction, then the
    # one that showed the failure); before that, under the request that failed (a scenario of getAssignment
    # whose createAssignment failed is createAssignment's finding).
    steps = (last,) if own is None or own is last else (own, last)
    before = (*run.made, *sent[: sent.index(steps[0])])
    failure = Failure(
        title, message, describe(last), reproduction(steps, before, run.target.token_variable), run.replay
    )
    operation = scenario.operation if own is not None else last.operation_id
    return CheckResult(Side.SERVER, operation, scenario.check, Outcome.FAILED, 1, (failure,))
