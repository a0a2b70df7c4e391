"""Exchanges -> the suite's result stream: one `CheckResult` per (party, operation, rule), published as the
suite's stream events (`ios_lob_kit.conformance.stream`), which redacts them once on their way to the handlers.

The party is the result's side: `client` for what the request broke, `server` for what the answer broke.
Every operation no exchange reached is reported as skipped, and a judgement of no traffic at all fails: a
pass where nothing was exercised is not a pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ios_lob_kit.conformance.checks.exchange import Exchange, curl, describe
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side
from ios_lob_kit.conformance.stream import ResultFound, RunFinished, Stream
from ios_lob_kit.openapi.index import Operation, spec_index
from ios_lob_kit.traffic.rules import RULES

ANY_OPERATION = "*"  # requests that matched no operation


@dataclass
class _Tally:
    cases: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)  # title -> first example


def operation_of(method: str, url: str, base_path: str) -> Operation | None:
    """The contract's operation for a request, from its URL path after `base_path` (e.g. `/beta`)."""
    path = urlsplit(url).path
    if not path.startswith(base_path.rstrip("/") + "/"):
        return None
    return spec_index().match(method, path[len(base_path.rstrip("/")) :])


@dataclass
class Judge:
    """Judges exchanges one at a time; `results()` is the verdict so far."""

    base_path: str  # the API's base path, e.g. /beta
    replay: str  # what the reports print as the way to see this verdict again
    exchanges: int = 0
    _tallies: dict[tuple[Side, str, str], _Tally] = field(default_factory=dict)

    def add(self, ex: Exchange, *, server: bool = True) -> None:
        """Judge one exchange; `server=False` for an answer the proxy gave itself (the client is still judged)."""
        op = operation_of(ex.method, ex.url, self.base_path)
        name = op.operation_id if op is not None else ANY_OPERATION
        ex = Exchange(name, ex.method, ex.url, ex.request_headers, ex.request_body, ex.status,
                      ex.response_headers, ex.response_body)  # fmt: skip
        self.exchanges += 1
        for party, rules in RULES.items():
            if party is Side.SERVER and not server:
                continue
            for rule_name, rule in rules.items():
                tally = self._tallies.setdefault((party, name, rule_name), _Tally())
                tally.cases += 1
                try:
                    rule(op, ex)
                except CheckFailed as failed:
                    tally.failures.setdefault(failed.title, self._failure(failed, ex))

    def _failure(self, failed: CheckFailed, ex: Exchange) -> Failure:
        return Failure(failed.title, failed.message, describe(ex), curl(ex), self.replay)

    def results(self) -> list[CheckResult]:
        order = [op.operation_id for op in spec_index().operations] + [ANY_OPERATION]
        found: list[CheckResult] = []
        for (party, op, rule), tally in sorted(
            self._tallies.items(), key=lambda i: (i[0][0] != Side.CLIENT, order.index(i[0][1]))
        ):
            failures = tuple(tally.failures.values())
            outcome = Outcome.FAILED if failures else Outcome.PASSED
            found.append(CheckResult(party, op, rule, outcome, cases=tally.cases, failures=failures))
        reached = {op for _, op, _ in self._tallies}
        for op in order[:-1]:
            if op not in reached:
                found.append(
                    CheckResult(Side.CLIENT, op, "exercised", Outcome.SKIPPED, reason="no exchange reached it")
                )
        if not self.exchanges:
            nothing = Failure(
                "No traffic", "no exchange was judged: nothing was verified", example="", replay=self.replay
            )
            found.append(CheckResult(Side.SERVER, ANY_OPERATION, "traffic_seen", Outcome.FAILED, 0, (nothing,)))
        return found

    def info(self, target: str, notes: Iterable[str] = ()) -> RunInfo:
        reached = {op for _, op, _ in self._tallies if op != ANY_OPERATION}
        total = len(spec_index().operations)
        summary = f"{self.exchanges} exchange(s) judged; {len(reached)} of {total} operations exercised"
        return RunInfo(
            target=target,
            seed=0,
            max_examples=0,
            replay_command=self.replay,
            sides=(Side.CLIENT, Side.SERVER),
            notes=(summary, *notes),
        )

    def publish(
        self, stream: Stream, target: str, notes: Iterable[str] = (), extra: Sequence[CheckResult] = ()
    ) -> None:
        """The verdict so far (and `extra` results, e.g. a certification's) into `stream`, then the run's end."""
        for result in [*self.results(), *extra]:
            stream.emit(ResultFound(result))
        stream.emit(RunFinished(self.info(target, notes), tuple(stream.results)))
