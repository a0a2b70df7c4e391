"""End to end: the generated client against a live server, every operation, sync and async.

A short scenario (create a configuration, work with its assignments, delete it) calls each operation; every
answer must be a documented success, valid against its schema, and parsed as the response checks demand.
Bodies are the spec-derived variants, so every target kind travels to the server and back.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.client_side.bindings import api_module, model_class, module_name
from conformance.client_side.failures import CheckFailed
from conformance.client_side.response_checks import judge
from conformance.client_side.variants import variants
from conformance.results import CheckResult, Failure, Outcome, Side
from openapi.index import Operation, Response, spec_index
from openapi.schemas import validator_for_pointer

CHECK = "end_to_end"


class _Recorder(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends for real and keeps the last answer, so the checks can compare it with what the client parsed."""

    def __init__(self) -> None:
        self._sync, self._async = httpx.HTTPTransport(), httpx.AsyncHTTPTransport()
        self.last: httpx.Response | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.last = self._sync.handle_request(request)
        self.last.read()
        return self.last

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.last = await self._async.handle_async_request(request)
        await self.last.aread()
        return self.last


@dataclass
class _Session:
    """One client against the server; calls operations by operationId and judges every answer."""

    base_url: str
    token: str
    mode: str
    recorder: _Recorder = field(default_factory=_Recorder)
    calls: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[Failure]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from generated_client import AuthenticatedClient

        args = {"transport": self.recorder}
        self.client = AuthenticatedClient(base_url=self.base_url, token=self.token, httpx_args=args)
        self.loop = asyncio.new_event_loop()

    def call(self, operation_id: str, *args: Any, **kwargs: Any) -> Any:
        """The parsed answer, or None when it failed a check (recorded)."""
        op = spec_index().operation(operation_id)
        self.calls[operation_id] = self.calls.get(operation_id, 0) + 1
        module = api_module(op)
        shown = ", ".join([*map(repr, args), *(f"{k}={_show(v)}" for k, v in kwargs.items())])
        example = f"{module_name(op)}.{'sync' if self.mode == 'sync' else 'asyncio'}_detailed({shown})"
        self.recorder.last = None  # never judge the previous call's answer
        try:
            if self.mode == "sync":
                outcome = module.sync_detailed(*args, client=self.client, **kwargs)
            else:
                outcome = self.loop.run_until_complete(module.asyncio_detailed(*args, client=self.client, **kwargs))
        except httpx.TransportError as error:
            self._fail(operation_id, "Server unreachable", f"{type(error).__name__}: {error}", example)
            return None
        except Exception as error:  # the client's own failure on a live answer
            outcome = error
        try:
            _check_answer(op, self.recorder.last, outcome)
        except CheckFailed as failure:
            self._fail(operation_id, failure.title, f"{failure.message} ({self.mode})", example)
            return None
        except Exception as error:  # an answer no check foresaw: a failed result, never a crashed run
            text = f"{type(error).__name__}: {error} ({self.mode})"
            self._fail(operation_id, "Answer could not be checked", text, example)
            return None
        return outcome.parsed

    def _fail(self, operation_id: str, title: str, message: str, example: str) -> None:
        self.failures.setdefault(operation_id, []).append(Failure(title, message, example))

    def close(self) -> None:
        self.client.get_httpx_client().close()
        self.loop.run_until_complete(self.client.get_async_httpx_client().aclose())
        self.loop.close()


def _show(value: Any) -> str:
    return f"{type(value).__name__}.from_dict({value.to_dict()!r})" if hasattr(value, "to_dict") else repr(value)


def _check_answer(op: Operation, response: httpx.Response | None, outcome: Any) -> None:
    if response is None:
        raise CheckFailed(CHECK, "No answer", "the client sent no request")
    reply = next((r for r in op.responses if response.status_code in r.statuses), None)
    if reply is None or not reply.is_success:
        text = f"answered {response.status_code} {response.text[:200]!r}; expected a documented success"
        raise CheckFailed(CHECK, "Not a documented success", text)
    body: Any = None
    if reply.schema is not None:
        body = _decode(reply, response)
        error = next(iter(validator_for_pointer(reply.schema.pointer).iter_errors(body)), None)
        if error is not None:
            where = "/" + "/".join(map(str, error.instance_path))
            raise CheckFailed(CHECK, "Answer violates the schema", f"at {where}: {error.message}")
    try:
        judge(reply, body, outcome, annotations=False)
    except CheckFailed as failure:
        raise CheckFailed(CHECK, failure.title, failure.message) from None


def _decode(reply: Response, response: httpx.Response) -> Any:
    """The answer's body as its documented media type; a wrong Content-Type or invalid JSON fails the check."""
    documented = reply.media_type or ""
    received = response.headers.get("content-type")
    media_type = received.split(";")[0].strip().lower() if received else None
    status = response.status_code
    if media_type != documented:
        shown = f"Content-Type {media_type}" if media_type else "no Content-Type"
        text = f"answered {status} with {shown}; the spec documents {documented}; body starts {_start(response)}"
        raise CheckFailed(CHECK, "Wrong Content-Type", text)
    if "json" not in documented:
        return response.text
    try:
        return json.loads(response.content)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        text = f"answered {status} {documented} that does not parse ({error}); body starts {_start(response)}"
        raise CheckFailed(CHECK, "Answer is not JSON", text) from None


def _start(response: httpx.Response) -> str:
    return repr(response.content[:80].decode("utf-8", "replace"))


def _body(operation_id: str, index: int = 0, **override: Any) -> Any:
    """A request model for `operation_id` from the spec's variants of its body schema."""
    op = spec_index().operation(operation_id)
    assert op.body is not None
    assert op.body.schema.title is not None
    options = variants(op.body.schema)
    document = {**options[index % len(options)], **override}
    return model_class(op.body.schema.title).from_dict(document)


def _scenario(session: _Session) -> None:
    """Every operation once at least; what one call creates, the next uses (as the spec's links say)."""
    call = session.call
    created = call("createConfiguration", body=_body("createConfiguration", displayName="client-side e2e"))
    if created is None:
        return
    cid = created.id
    try:
        call("getConfiguration", cid)
        call("listConfigurations", filter_=f"id eq '{cid}'", count=True)
        call("updateConfiguration", cid, body=_body("updateConfiguration", 1, displayName="renamed"))
        body = spec_index().operation("createAssignment").body
        kinds = len(variants(body.schema)) if body is not None else 1
        assignments = [call("createAssignment", cid, body=_body("createAssignment", i)) for i in range(kinds)]
        aid = next((a.id for a in assignments if a is not None), None)
        call("listAssignments", cid)
        call("countAssignments", cid)
        if aid is not None:
            call("getAssignment", cid, aid)
            call("updateAssignment", cid, aid, body=_body("updateAssignment", 3))
            call("updateAssignments", cid, body=_body("updateAssignments", 4, id=aid))
            call("deleteAssignment", cid, aid)
        call("assignConfiguration", cid, body=_body("assignConfiguration"))
    finally:
        call("deleteConfiguration", cid)


def end_to_end_results(base_url: str | None, token: str | None) -> Iterator[CheckResult]:
    """One result per operation; SKIPPED (with the reason) when no server is given."""
    names = [op.operation_id for op in spec_index().operations]
    if base_url is None or token is None:
        reason = "no base URL and token given: end-to-end calls need a server (the CLI passes the reference server)"
        for name in names:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.SKIPPED, reason=reason)
        return
    sessions = [_Session(base_url, token, mode) for mode in ("sync", "async")]
    for session in sessions:
        try:
            _scenario(session)
        finally:
            session.close()
    for name in names:
        calls = sum(s.calls.get(name, 0) for s in sessions)
        failures = tuple(f for s in sessions for f in s.failures.get(name, []))
        if failures:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.FAILED, calls, failures[:3], failures[0].title)
        elif calls:
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.PASSED, calls)
        else:
            reason = "not reached: an earlier call of the scenario failed"
            yield CheckResult(Side.CLIENT, name, CHECK, Outcome.SKIPPED, reason=reason)
