"""Schemathesis over the spec, driven through its own engine (the same one `schemathesis run` uses).

`build_schema` turns the run's options into a schemathesis config (phases, modes, seed, budget, auth,
the run's configuration id); `register_graph_checks` adds the Graph checks so they run on every case.
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any

import schemathesis
import schemathesis.checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure
from schemathesis.engine import from_schema
from schemathesis.engine.run.unit._case import BudgetExpired
from schemathesis.openapi.checks import MissingHeaders
from schemathesis.specs.openapi._auth_retry import get_security_parameters
from schemathesis.specs.openapi.checks import ignored_auth as _schemathesis_ignored_auth
from schemathesis.specs.openapi.checks import unsupported_method as _schemathesis_unsupported_method

from ios_lob_kit.conformance.checks import graph, spec
from ios_lob_kit.conformance.checks.exchange import Exchange, lower_keys, missing_header
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.credentials import TokenSource
from ios_lob_kit.conformance.errors import BudgetSpent, CheckFailed
from ios_lob_kit.conformance.markers import mark_body
from ios_lob_kit.conformance.options import rate_limits
from ios_lob_kit.conformance.writes import WriteBudget
from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.openapi.index import is_write

PHASES = ("examples", "coverage", "fuzzing", "stateful")
FROM_SEED_ONLY = {"responses": False}  # no generated value taken from an answer (see build_schema)


class GraphFailure(Failure):
    """A Graph check's failure as schemathesis records it; one finding per operation, check and title."""

    code = "ST990"
    kind_title = "Graph convention violated"

    def __init__(self, *, operation: str, title: str, message: str, defect: str = "") -> None:
        super().__init__(operation=operation, title=title, message=message)
        self.defect = defect  # what is wrong, when other checks may see it too (`CheckFailed.defect`)

    @property
    def _unique_key(self) -> str:
        return str(self.title)


def defect_of(failure: Failure) -> str:
    """What a schemathesis failure says is wrong, in the terms the Graph checks use ("" when only it sees it)."""
    if isinstance(failure, MissingHeaders):
        return missing_header(*failure.missing_headers)
    return str(getattr(failure, "defect", ""))


def operation_id(case: Any) -> str:
    """The operationId of a schemathesis case (its label when the spec has none)."""
    return str(case.operation.definition.raw.get("operationId") or case.operation.label)


def _exchange(response: Any, case: Any) -> Exchange:
    request = response.request
    body = request.body.encode() if isinstance(request.body, str) else request.body
    return Exchange(
        operation_id=operation_id(case),
        method=str(request.method),
        url=str(request.url),
        request_headers=lower_keys(dict(request.headers)),
        request_body=body,
        status=int(response.status_code),
        response_headers={k.lower(): v[0] for k, v in response.headers.items() if v},
        response_body=bytes(response.content or b""),
    )


def _as_schemathesis_check(name: str, check: graph.GraphCheck) -> Any:
    def run(ctx: Any, response: Any, case: Any) -> bool | None:
        try:
            check(_exchange(response, case))
        except CheckFailed as exc:
            raise GraphFailure(
                operation=case.operation.label, title=exc.title, message=exc.message, defect=exc.defect
            ) from None
        return None

    run.__name__ = run.__qualname__ = name
    run.__doc__ = check.__doc__
    return run


# The attribute of a schema built by `build_schema` that holds its run (schemathesis calls `before_call`
# hooks registered globally only, so the hook finds the run through the case's schema).
_RUN = "conformance_run"


def _spare_run_data(context: Any, case: Any, kwargs: Any) -> None:
    """A write aimed at a given configuration goes to the run's scratch one instead (`RunContext.writable`),
    and a generated DELETE of a kept configuration to a look-alike id: the run keeps what it works in.
    Stateful testing finds ids in answers (a list holds them all), so every case is checked as it is sent."""
    run: RunContext | None = getattr(case.operation.schema, _RUN, None)
    params = case.path_parameters or {}
    operation = operation_id(case)
    if run is None or operation not in spec.WRITES or spec.CONFIGURATION_ID not in params:
        return
    params[spec.CONFIGURATION_ID] = run.writable(params[spec.CONFIGURATION_ID])
    if operation == "deleteConfiguration" and params[spec.CONFIGURATION_ID] in run.kept():
        params[spec.CONFIGURATION_ID] += "-kept"


def _within_run(context: Any, case: Any, kwargs: Any) -> None:
    """Just before a case is sent (a retry too): its displayName marked, and its write admitted by the
    budget. A hook cannot drop one case: once the budget is spent, the rest of that operation's cases in
    that phase are dropped the way schemathesis drops them when its own time budget runs out (its
    `BudgetExpired`, which every phase handles; the stateful phase ends)."""
    run: RunContext | None = getattr(case.operation.schema, _RUN, None)
    if run is None:
        return
    operation = operation_id(case)
    case.body = mark_body(operation, case.body, run.options.seed)
    body = json.dumps(case.body).encode() if isinstance(case.body, dict) else None  # None: unknown, may create
    try:
        run.writes.admit(case.method, _url(case), body)
    except BudgetSpent as exc:
        run.exercise.note_unsent(operation)
        raise BudgetExpired(str(exc)) from None


def _url(case: Any) -> str:
    return str(case.operation.schema.get_base_url()).rstrip("/") + str(case.formatted_path)


def _note_created(writes: WriteBudget) -> Callable[[Any, Any, Any], None]:
    """An `after_call` hook: what each answered case created is held for the clean-up."""

    def after_call(context: Any, case: Any, response: Any) -> None:
        request = response.request
        body = request.body.encode() if isinstance(request.body, str) else request.body
        writes.leftovers.note(str(request.method), str(request.url), int(response.status_code), response.content, body)

    return after_call


def ignored_auth(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis' `ignored_auth`, within the write budget. Its probes (the case sent again without a token,
    and with a bad one per security scheme) go out from the check itself, past the hooks: the budget sets
    them aside first, skips the check when it cannot, and takes back what was not sent."""
    run: RunContext | None = getattr(case.operation.schema, _RUN, None)
    if run is None or not is_write(case.method):
        result: bool | None = _schemathesis_ignored_auth(ctx, response, case)
        return result
    probes = 1 + len(get_security_parameters(case.operation))
    try:
        run.writes.admit(case.method, _url(case), None, count=probes)
    except BudgetSpent:
        run.exercise.note_unsent(operation_id(case))
        return None
    recorder = ctx.internals.recorder if ctx.internals is not None else None
    before = set(recorder.interactions) if recorder is not None else set()
    try:
        return _schemathesis_ignored_auth(ctx, response, case)
    finally:
        if recorder is not None:
            sent = [recorder.interactions[key] for key in set(recorder.interactions) - before]
            run.writes.release(probes - len(sent))
            for interaction in sent:
                if interaction.response is not None:
                    request, answer = interaction.request, interaction.response
                    note = run.writes.leftovers.note
                    note(request.method, request.uri, answer.status_code, answer.content or b"", request.body)


def unsupported_method(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis' `unsupported_method` (405 with `Allow`), also accepting how Intune answers a verb a
    route does not serve: 400 `No method match route template` naming the route template."""
    if graph.refuses_route(_exchange(response, case)):
        return None
    result: bool | None = _schemathesis_unsupported_method(ctx, response, case)
    return result


@functools.cache
def register_graph_checks() -> tuple[str, ...]:
    """Register the Graph checks (and the hooks that spare the run's data and keep it within its write
    budget) once per process; the Graph-aware `unsupported_method` and the budget-aware `ignored_auth` take
    the built-ins' places (same names)."""
    for name, check in graph.RESPONSE_CHECKS.items():
        schemathesis.check(_as_schemathesis_check(name, check))
    for wrapped in (unsupported_method, ignored_auth):
        schemathesis.checks.CHECKS.unregister(wrapped.__name__)  # the built-in, wrapped above
        schemathesis.check(wrapped)
    schemathesis.hook("before_call")(_spare_run_data)
    schemathesis.hook("before_call")(_within_run)  # after the one above: it admits the URL that is sent
    return tuple(graph.RESPONSE_CHECKS)


def build_schema(
    run: RunContext, *, phases: tuple[str, ...] | None = None, operation: str | None = None, workers: int = 1
) -> Any:
    """The spec loaded for schemathesis, aimed at the run's target, inside the run's configuration: the run's
    phases, or `phases`; every operation, or only `operation` (an operationId)."""
    register_graph_checks()
    options, target, configuration_id = run.options, run.target, run.configuration_id
    seed, max_examples = options.seed, options.max_examples
    phases = options.phases if phases is None else phases
    rates = rate_limits(options.rate_limit)
    raw: dict[str, Any] = {
        "seed": seed,
        "base-url": target.base_url,
        "workers": workers,
        # Schemathesis' own rate limiting: "auto" waits out a 429's Retry-After and sends the case again;
        # a rate ("5/s") paces every request instead (per kind: below).
        "rate-limit": rates.get("all", "auto"),
        # Same seed, same target state: same cases. No example database, no cache carried between runs.
        "generation": {"mode": "all", "max-examples": max_examples, "database": "none"},
        "cache": {"enabled": False},
        # Cases come from the seed alone, not from values in answers (server-made ids differ run to run):
        # the same seed then generates the same cases in one process or spread over shards.
        "phases": {
            name: {"enabled": name in phases, **({} if name == "stateful" else {"extra-data-sources": FROM_SEED_ONLY})}
            for name in PHASES
        },
        # Every built-in check runs but two that cannot apply: `object_level_authorization` needs
        # schemathesis' own user registry (the scenarios check tenant isolation instead), and
        # `max_response_time` is off unless given a limit (the contract sets no latency budget).
        "checks": {"object_level_authorization": {"enabled": False}},
        "output": {"sanitization": {"enabled": True}},
    }
    if configuration_id is not None:
        scratch = run.writable(configuration_id)
        # Aim generated cases at real resources instead of 404s: reads at the run's configuration, writes
        # at one the run created. A configuration's own delete keeps generated ids.
        reads = [op for op in spec.CONFIGURATION_SCOPED if op not in spec.WRITES]
        writes = [op for op in spec.CONFIGURATION_SCOPED if op in spec.WRITES and op != "deleteConfiguration"]
        pinned = []
        for item_read, item_id in run.items.items():  # real items (fixtures.items_to_read): no case guesses one
            reads.remove(item_read)
            configuration, item = spec.path_parameters(item_read)
            parameters = {f"path.{configuration}": configuration_id, f"path.{item}": item_id}
            pinned.append({"include-operation-id": [item_read], "parameters": parameters})
        raw["operations"] = [
            {"include-operation-id": reads, "parameters": {f"path.{spec.CONFIGURATION_ID}": configuration_id}},
            {"include-operation-id": writes, "parameters": {f"path.{spec.CONFIGURATION_ID}": scratch}},
            *pinned,
        ]
    kinds = {"writes": list(spec.WRITES), "reads": [op for op in spec.operations() if op not in spec.WRITES]}
    for kind, operations in kinds.items():
        if kind in rates:
            # One operations entry per kind: schemathesis gives an entry one limiter, shared by its operations.
            # An operation's undocumented-method probes (coverage) are paced with the operation's kind.
            raw.setdefault("operations", []).append({"include-operation-id": operations, "rate-limit": rates[kind]})
    if options.read_only:
        # No write of any kind: write operations off, no undocumented methods tried (coverage's unexpected
        # methods, the unsupported_method check), so every request is a documented read.
        raw.setdefault("operations", []).insert(0, {"include-operation-id": list(spec.WRITES), "enabled": False})
        raw["phases"]["coverage"]["unexpected-methods"] = []
        raw["checks"]["unsupported_method"] = {"enabled": False}
    if operation is not None:  # as config, not schema.include(): an `operations` entry would undo that
        raw.setdefault("operations", []).append({"exclude-operation-id": [operation], "enabled": False})
    config = SchemathesisConfig.from_dict(raw)
    schema = schemathesis.openapi.from_path(SPEC_PATH, config=config)
    _authenticate(schema, target.credential)
    setattr(schema, _RUN, run)
    schema.hook(_note_created(run.writes))
    return schema


def _authenticate(schema: Any, credential: TokenSource) -> None:
    """Every case carries a token asked of `credential` just before it is sent (schemathesis' own auth
    providers, uncached: the credential caches and renews, so a run outlives a token)."""

    class Bearer:
        def get(self, case: Any, context: Any) -> str:
            return credential()

        def set(self, case: Any, data: str, context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    schema.auth(refresh_interval=None)(Bearer)


@contextlib.contextmanager
def execute(schema: Any) -> Iterator[Iterator[Any]]:
    """The engine's event stream for `schema`. However the consumer leaves it (Ctrl-C), the engine is closed and
    its worker threads waited for: the run's clean-up must not race a worker still creating resources (seen:
    a worker alive after the stream was closed, its creations made after the clean-up)."""
    stream = from_schema(schema).execute()
    events: Generator[Any, None, None] = iter(stream)
    try:
        yield events
    finally:
        stream.stop()  # the workers stop at their next case (a Ctrl-C the engine took as a hard stop does not)
        try:
            events.close()  # may raise again (an interrupt the engine re-raises): the workers are joined anyway
        finally:
            for worker in threading.enumerate():
                if worker.name.startswith("schemathesis_") and worker is not threading.current_thread():
                    worker.join()
