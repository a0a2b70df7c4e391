"""End to end: the generated client against a live server, every operation of the spec index, sync and async.

The calls follow the index, not a script. An operation whose success answer links a path parameter to its
body (`$response.body#/id`) produces that parameter: the run first creates one resource of each such kind to
work in, the root first (if that fails, nothing else is called). Then every operation runs in the spec's order
on those resources, once per variant of its body (so every target kind travels to the server and back); a
DELETE gets a fresh resource of its own to destroy. A body's server-set properties carry the values of the
run's resource of the same schema (so the seed's PATCH names a real assignment by `id`). Every answer must be
a documented success, valid against its schema, and parsed as the response checks demand. The roots the run
created are deleted at the end; an operation that could not be called is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from ios_lob_kit.conformance.client_side.bindings import api_module, module_name
from ios_lob_kit.conformance.client_side.request_checks import NO_BODY, Intent, arguments, render_call
from ios_lob_kit.conformance.client_side.response_checks import judge
from ios_lob_kit.conformance.client_side.variants import variants
from ios_lob_kit.conformance.credentials import FreshBearer, TokenSource
from ios_lob_kit.conformance.errors import BudgetSpent, CheckFailed
from ios_lob_kit.conformance.markers import mark_body
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.conformance.target import stopped
from ios_lob_kit.conformance.writes import WriteBudget
from ios_lob_kit.openapi.index import Index, Operation, Response, Schema, spec_index
from ios_lob_kit.openapi.schemas import validator_for_pointer

CHECK = "end_to_end"


class _Recorder(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends for real and keeps the last answer, so the checks can compare it with what the client parsed;
    with the run's write budget, every write within it (and what it creates noted for the clean-up)."""

    def __init__(self, budget: WriteBudget | None = None) -> None:
        self._sync, self._async = httpx.HTTPTransport(), httpx.AsyncHTTPTransport()
        self.budget = budget
        self.last: httpx.Response | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.budget is not None:
            self.last = self.budget.exchange(request, self._sync.handle_request)
            return self.last
        self.last = self._sync.handle_request(request)
        self.last.read()
        return self.last

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.budget is not None:
            self.budget.admit(request.method, str(request.url), request.content)
        self.last = await self._async.handle_async_request(request)
        await self.last.aread()
        if self.budget is not None:
            url, answer = str(request.url), self.last
            self.budget.leftovers.note(request.method, url, answer.status_code, answer.content, request.content)
        return self.last


@dataclass
class _Session:
    """One client against the server; calls operations and judges every answer."""

    base_url: str
    credential: TokenSource
    mode: str
    recorder: _Recorder = field(default_factory=_Recorder)
    calls: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    unsent: dict[str, str] = field(default_factory=dict)  # operationId -> why a call of it was not sent

    def __post_init__(self) -> None:
        from ios_lob_kit.generated_client import AuthenticatedClient

        # A token asked for at each call (FreshBearer): a long run outlives one.
        args: dict[str, Any] = {"transport": self.recorder, "auth": FreshBearer(self.credential)}
        self.client = AuthenticatedClient(base_url=self.base_url, token=self.credential(), httpx_args=args)
        self.loop = asyncio.new_event_loop()

    def call(self, op: Operation, path: dict[str, str], body: Any) -> Any:
        """The answer's body ({} when it has none), or None when the call failed a check (recorded)."""
        name = op.operation_id
        self.calls[name] = self.calls.get(name, 0) + 1
        intent = Intent(path, {}, {}, body)
        try:
            module = api_module(op)
        except ImportError:
            text = f"{module_name(op)} does not exist: the client was not generated from this spec (scripts/regenerate)"
            self._fail(name, "Operation missing from the client", text, name)
            return None
        example = render_call(op, intent)
        if self.mode != "sync":
            example = example.replace(".sync_detailed(", ".asyncio_detailed(", 1)
        self.recorder.last = None  # never judge the previous call's answer
        try:
            kwargs = arguments(op, intent)
            if self.mode == "sync":
                outcome = module.sync_detailed(client=self.client, **kwargs)
            else:
                outcome = self.loop.run_until_complete(module.asyncio_detailed(client=self.client, **kwargs))
        except httpx.TransportError as error:
            if (gone := stopped(self.base_url, "the client's end-to-end calls", error)) is not None:
                raise gone from None
            self._fail(name, "Server unreachable", f"{type(error).__name__}: {error}", example)
            return None
        except BudgetSpent as error:
            self.calls[name] -= 1
            self.unsent[name] = str(error)
            return None
        except Exception as error:  # the client's own failure on a live answer
            outcome = error
        try:
            return _check_answer(op, self.recorder.last, outcome)
        except CheckFailed as failure:
            self._fail(name, failure.title, f"{failure.message} ({self.mode})", example)
        except Exception as error:  # an answer no check foresaw: a failed result, never a crashed run
            self._fail(name, "Answer could not be checked", f"{type(error).__name__}: {error} ({self.mode})", example)
        return None

    def _fail(self, operation_id: str, title: str, message: str, example: str) -> None:
        self.failures.setdefault(operation_id, []).append(Failure(title, message, example))

    def close(self) -> None:
        self.client.get_httpx_client().close()
        self.loop.run_until_complete(self.client.get_async_httpx_client().aclose())
        self.loop.close()


@dataclass(frozen=True)
class _Source:
    """How a path parameter is produced: `operation` answers with `schema`, and the value is at `pointer`."""

    operation: Operation
    schema: Schema | None
    pointer: str  # a JSON pointer into the answer's body, e.g. `/id`


def _sources(index: Index) -> dict[str, _Source]:
    """Each path parameter a success answer links from its body -> the first operation (spec order) giving it."""
    found: dict[str, _Source] = {}
    for op in index.operations:
        for response in (r for r in op.responses if r.is_success):
            for link in response.links:
                for name, expression in link.parameters.items():
                    if expression.startswith("$response.body#") and name not in found:
                        found[name] = _Source(op, response.schema, expression.removeprefix("$response.body#"))
    return found


def _at(document: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        document = document.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(document, dict) else None
    return document


class _Run:
    """One session's calls: the resources it works in, what it created, why an operation was not called."""

    def __init__(self, session: _Session, index: Index, seed: int = 0) -> None:
        self.session = session
        self.index = index
        self.seed = seed  # what the run creates carries its marker
        self.sources = _sources(index)
        self.shared: dict[str, str] = {}  # path parameter -> the run's resource
        self.answers: dict[str, Any] = {}  # schema pointer -> the answer that created the run's resource of it
        self.roots: list[tuple[str, str]] = []  # (parameter, value) of every root resource created
        self.missing: dict[str, str] = {}  # path parameter -> why the run has none
        self.skipped: dict[str, str] = {}  # operationId -> why it was not called

    def run(self) -> None:
        try:
            for name, source in self.sources.items():  # the resources to work in, root first
                if self.create_shared(name) is None and not source.operation.path_parameters:
                    creator = source.operation.operation_id
                    self.stop(f"not reached: {creator} failed, and every call works in the {name} it creates")
                    return
            for op in self.index.operations:
                self.exercise(op)
        finally:
            self.clean_up()

    def stop(self, reason: str) -> None:
        for op in self.index.operations:
            if op.operation_id not in self.session.calls:
                self.skipped.setdefault(op.operation_id, reason)

    def exercise(self, op: Operation) -> None:
        if op.body is not None and op.body.schema.title is None:
            self.skipped[op.operation_id] = "its body schema is inline: the client has no model class to build it"
            return
        deepest = op.path_parameters[-1:] if op.method == "DELETE" else ()  # destroyed: a fresh one
        path = self.path_for(op, fresh=deepest)
        if path is None:
            return
        for index in range(len(variants(op.body.schema)) if op.body is not None else 1):
            answer = self.session.call(op, path, self.body(op, index))
            self.keep_root(op, answer)
            if deepest and answer is not None:  # destroyed: nothing left to clean up
                self.roots = [root for root in self.roots if root != (deepest[0], path[deepest[0]])]

    def path_for(self, op: Operation, fresh: tuple[str, ...] = ()) -> dict[str, str] | None:
        """Values for the operation's path parameters; None (and the reason, for `op`) when one cannot be had."""
        path: dict[str, str] = {}
        for name in op.path_parameters:
            value = self.create(name) if name in fresh else self.shared.get(name) or self.create_shared(name)
            if value is None:
                self.skipped.setdefault(op.operation_id, self.missing[name])
                return None
            path[name] = value
        return path

    def create_shared(self, name: str) -> str | None:
        if name in self.shared or name in self.missing:
            return self.shared.get(name)
        value = self.create(name)
        if value is not None:
            self.shared[name] = value
        return value

    def create(self, name: str) -> str | None:
        """A new resource for the path parameter `name`, in the run's shared parents."""
        source = self.sources.get(name)
        if source is None:
            self.missing[name] = f"no success answer in the spec links {name} from its body, so no call produces it"
            return None
        path = self.path_for(source.operation)
        if path is None:
            self.missing.setdefault(name, self.skipped[source.operation.operation_id])
            return None
        answer = self.session.call(source.operation, path, self.body(source.operation, 0))
        self.keep_root(source.operation, answer)
        value = _at(answer, source.pointer)
        if not isinstance(value, str):
            self.missing[name] = f"not reached: {source.operation.operation_id} did not give the {name} it needs"
            return None
        if source.schema is not None:
            self.answers.setdefault(source.schema.pointer, answer)
        return value

    def keep_root(self, op: Operation, answer: Any) -> None:
        """Remember what a root-creating call created, to delete it at the end."""
        for name, source in self.sources.items():
            if source.operation is op and not op.path_parameters and isinstance(_at(answer, source.pointer), str):
                self.roots.append((name, _at(answer, source.pointer)))

    def body(self, op: Operation, index: int) -> Any:
        """The body's variant `index`; its server-set properties carry the values of the run's resource."""
        if op.body is None:
            return NO_BODY
        options = variants(op.body.schema)
        document = options[index % len(options)]
        known = self.answers.get(self.index.answer_shape(op.body.schema).pointer)  # the resource's, as answered
        properties = op.body.schema.properties or {}
        document = mark_body(op.operation_id, document, self.seed)
        if not isinstance(document, dict) or not isinstance(known, dict):
            return document
        return {k: known.get(k, v) if k in properties and properties[k].server_set else v for k, v in document.items()}

    def clean_up(self) -> None:
        for name, value in reversed(self.roots):
            delete = next(
                (op for op in self.index.operations if op.method == "DELETE" and op.path_parameters == (name,)), None
            )
            if delete is not None:
                self.session.call(delete, {name: value}, NO_BODY)


def _check_answer(op: Operation, response: httpx.Response | None, outcome: Any) -> Any:
    """The answer's body ({} when it has none) when it is a documented success the client parsed right."""
    if response is None:
        raise CheckFailed("No answer", "the client sent no request")
    reply = next((r for r in op.responses if response.status_code in r.statuses), None)
    if reply is None or not reply.is_success:
        text = f"answered {response.status_code} {response.text[:200]!r}; expected a documented success"
        raise CheckFailed("Not a documented success", text)
    body: Any = None
    if reply.schema is not None:
        body = _decode(reply, response)
        error = next(iter(validator_for_pointer(reply.schema.pointer).iter_errors(body)), None)
        if error is not None:
            where = "/" + "/".join(map(str, error.instance_path))
            raise CheckFailed("Answer violates the schema", f"at {where}: {error.message}")
    judge(reply, body, outcome, annotations=False)
    return {} if body is None else body


def _decode(reply: Response, response: httpx.Response) -> Any:
    """The answer's body as its documented media type; a wrong Content-Type or invalid JSON fails the check."""
    documented = reply.media_type or ""
    received = response.headers.get("content-type")
    media_type = received.split(";")[0].strip().lower() if received else None
    status = response.status_code
    if media_type != documented:
        shown = f"Content-Type {media_type}" if media_type else "no Content-Type"
        text = f"answered {status} with {shown}; the spec documents {documented}; body starts {_start(response)}"
        raise CheckFailed("Wrong Content-Type", text)
    if "json" not in documented:
        return response.text
    try:
        return json.loads(response.content)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        text = f"answered {status} {documented} that does not parse ({error}); body starts {_start(response)}"
        raise CheckFailed("Answer is not JSON", text) from None


def _start(response: httpx.Response) -> str:
    return repr(response.content[:80].decode("utf-8", "replace"))


def end_to_end_results(
    base_url: str | None,
    token: TokenSource | None,
    index: Index | None = None,
    *,
    budget: WriteBudget | None = None,
    seed: int = 0,
) -> Iterator[CheckResult]:
    """One result per operation of `index` (the spec's by default); SKIPPED (with the reason) when not called.
    With the run's `budget`, writes stay within it (a call it refuses is not sent, and said so)."""
    index = spec_index() if index is None else index
    names = [op.operation_id for op in index.operations]
    if base_url is None or token is None:
        reason = "no base URL and token given: end-to-end calls need a server (the CLI passes the reference server)"
        for name in names:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.SKIPPED, reason=reason)
        return
    runs = [_Run(_Session(base_url, token, mode, _Recorder(budget)), index, seed) for mode in ("sync", "async")]
    for run in runs:
        try:
            run.run()
        finally:
            run.session.close()
    for name in names:
        calls = sum(run.session.calls.get(name, 0) for run in runs)
        failures = tuple(f for run in runs for f in run.session.failures.get(name, []))
        if failures:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.FAILED, calls, failures[:3], failures[0].title)
        elif calls:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.PASSED, calls)
        else:
            reasons = [run.skipped.get(name) or run.session.unsent.get(name) for run in runs]
            reason = next((r for r in reasons if r), "not reached")
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.SKIPPED, reason=reason)
