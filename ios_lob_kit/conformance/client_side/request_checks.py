"""Requests: a generated input becomes a call of the generated client; the request it sends is checked.

Each check is a plain function raising `CheckFailed`, registered once under its name (`@_check`);
`check_request` runs them all and collects failures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, unquote

import httpx

from ios_lob_kit.conformance.client_side.bindings import api_module, keyword_of, model_class, module_name
from ios_lob_kit.conformance.client_side.harness import BASE_PATH, MODES, TOKEN, Answer, Harness
from ios_lob_kit.conformance.client_side.models import check_classes
from ios_lob_kit.conformance.client_side.strategies import request_operation
from ios_lob_kit.conformance.client_side.variants import variants
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.json_meaning import difference
from ios_lob_kit.openapi.index import Operation, Parameter
from ios_lob_kit.openapi.schemas import validator_for_pointer

RequestCheck = Callable[[Operation, "Intent", httpx.Request], None]
PER_REQUEST: dict[str, RequestCheck] = {}  # name -> check on each request sent, in report order
METHOD_AND_PATH = "request_method_and_path"
MODEL_CLASSES = "request_model_classes"  # the body as a model: `from_dict` takes it, classes match the kinds
_ENCODED_SEGMENT = re.compile(r"(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+")
NO_BODY = object()


@dataclass(frozen=True)
class Intent:
    """What the caller means: raw parameter values by spec name, and the body as JSON."""

    path: dict[str, str]
    query: dict[str, Any]
    headers: dict[str, str]
    body: Any = NO_BODY


def intent_of(op: Operation, case: Any) -> Intent:
    """A schemathesis `Case` as typed values (schemathesis hands over path and query already serialised)."""
    path = {p.name: unquote(str(case.path_parameters[p.name])) for p in op.parameters if p.location == "path"}
    query = {
        p.name: _typed(p, case.query[p.name]) for p in op.parameters if p.location == "query" and p.name in case.query
    }
    headers = {
        p.name: str(case.headers[p.name]) for p in op.parameters if p.location == "header" and p.name in case.headers
    }
    return Intent(path, query, headers, case.body if op.body is not None else NO_BODY)


def _typed(param: Parameter, raw: Any) -> Any:
    """A query value as the api function takes it, from its serialised form."""
    kind = param.kind
    if kind == "array":
        return raw if isinstance(raw, list) else [v for v in str(raw).split(",") if v]
    if kind == "boolean":
        return raw if isinstance(raw, bool) else str(raw) == "true"
    if kind == "integer":
        return int(raw)
    return raw


def arguments(op: Operation, intent: Intent) -> dict[str, Any]:
    """Keyword arguments of the generated api function; the body goes through `Model.from_dict`."""
    values = {**intent.path, **intent.query, **intent.headers}
    kwargs = {keyword_of(op, p): values[p.name] for p in op.parameters if p.name in values}
    if intent.body is not NO_BODY and op.body is not None and op.body.schema.title is not None:
        kwargs["body"] = model_class(op.body.schema.title).from_dict(intent.body)
    return kwargs


def render_call(op: Operation, intent: Intent) -> str:
    """The minimal input as the call a reader would type."""
    values = {**intent.path, **intent.query, **intent.headers}
    args = [f"{keyword_of(op, p)}={values[p.name]!r}" for p in op.parameters if p.name in values]
    if intent.body is not NO_BODY and op.body is not None:
        args.append(f"body={op.body.schema.title}.from_dict({json.dumps(intent.body, ensure_ascii=False)})")
    return f"{module_name(op)}.sync_detailed({', '.join([*args, 'client=client'])})"


def check_request(op: Operation, harness: Harness, intent: Intent) -> list[CheckFailed]:
    """Every request check on one input, through `sync_detailed` and `asyncio_detailed`."""
    failures: list[CheckFailed] = []
    try:
        kwargs = arguments(op, intent)
    except Exception as error:  # from_dict refused a valid body
        text = f"{type(error).__name__}: {error}"
        return [CheckFailed("Valid input refused by from_dict", text, check=MODEL_CLASSES)]
    if "body" in kwargs:
        _collect(failures, MODEL_CLASSES, check_classes, MODEL_CLASSES, kwargs["body"])
    harness.answer = Answer()  # any answer will do: the request is what is judged here
    for mode in MODES:
        harness.outcome(api_module(op), kwargs, mode)
        if len(harness.sent) != 1:
            text = f"{mode}: {len(harness.sent)} requests sent for one call"
            failures.append(CheckFailed("Not one request", text, check=METHOD_AND_PATH))
            continue
        request = harness.sent[0]
        for name, check in PER_REQUEST.items():
            _collect(failures, name, check, op, intent, request, mode=mode)
    return failures


def _collect(failures: list[CheckFailed], name: str, check: Callable[..., None], *args: Any, mode: str = "") -> None:
    try:
        check(*args)
    except CheckFailed as failure:
        failures.append(failure.named(name, suffix=f" ({mode})" if mode else ""))


def _check(name: str) -> Callable[[RequestCheck], RequestCheck]:
    """Registers a check on each request sent under `name` (the name reports and tests use)."""

    def register(check: RequestCheck) -> RequestCheck:
        PER_REQUEST[name] = check
        return check

    return register


@_check(METHOD_AND_PATH)
def _method_and_path(op: Operation, intent: Intent, request: httpx.Request) -> None:
    if request.method != op.method:
        raise CheckFailed("Wrong method", f"sent {request.method}, the spec documents {op.method}")
    sent = request.url.raw_path.decode("ascii").split("?")[0]
    expected = op.path.split("/")
    segments = sent.removeprefix(BASE_PATH).split("/")
    if not sent.startswith(BASE_PATH + "/") or len(segments) != len(expected):
        values = ", ".join(f"{k}={v!r}" for k, v in intent.path.items())
        raise CheckFailed("Request reaches another path", f"sent {sent} for {op.path} with {values}")
    for segment, part in zip(segments, expected, strict=True):
        if part.startswith("{"):
            value = intent.path[part[1:-1]]
            if not _ENCODED_SEGMENT.fullmatch(segment) or unquote(segment) != value:
                text = (
                    f"{part[1:-1]}={value!r} sent as segment {segment!r}; expected every reserved character %-encoded"
                )
                raise CheckFailed("Path parameter wrongly encoded", text)
        elif unquote(segment) != part:
            raise CheckFailed("Wrong path", f"sent {sent} for {op.path}")


@_check("request_query")
def _query(op: Operation, intent: Intent, request: httpx.Request) -> None:
    query = request.url.query.decode("ascii")
    pairs = parse_qsl(query, keep_blank_values=True)
    params = {p.name: p for p in op.parameters if p.location == "query"}
    for name, count in Counter(name for name, _ in pairs).items():
        if name not in params:
            raise CheckFailed("Undocumented query parameter", f"sent {name!r} in ?{unquote(query)}")
        exploded_array = params[name].explode and params[name].kind == "array"
        if count > 1 and not exploded_array:
            joined = ",".join(value for key, value in pairs if key == name)
            text = f"{name} sent {count} times (?{unquote(query)}); the spec documents one {name}={joined}"
            raise CheckFailed("Query parameter repeated", text)
    try:
        sent = {name: _typed(params[name], _sent_value(params[name], pairs)) for name, _ in pairs}
    except ValueError:
        raise CheckFailed("Query value of the wrong type", f"sent ?{unquote(query)}") from None
    expected = {k: v for k, v in intent.query.items() if v != []}  # an empty array and no parameter mean the same
    sent = {k: v for k, v in sent.items() if v != []}
    if sent != expected or any(type(sent[k]) is not type(v) for k, v in expected.items()):
        raise CheckFailed("Query differs from the input", f"sent ?{unquote(query)} for {expected!r}")


def _sent_value(param: Parameter, pairs: list[tuple[str, str]]) -> Any:
    values = [value for key, value in pairs if key == param.name]
    return values if param.kind == "array" and param.explode else values[0]


@_check("request_headers")
def _headers(op: Operation, intent: Intent, request: httpx.Request) -> None:
    authorization = request.headers.get("authorization")
    if authorization != f"Bearer {TOKEN}":
        shown = "absent" if authorization is None else authorization.split(" ")[0] + " [redacted]"
        raise CheckFailed("Wrong Authorization", f"sent Authorization {shown}; the spec requires Bearer <token>")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if op.body is not None and content_type != "application/json":
        raise CheckFailed(
            "Wrong Content-Type", f"sent {content_type or 'none'} with a body; the spec says application/json"
        )
    for param in (p for p in op.parameters if p.location == "header"):
        if request.headers.get(param.name) != intent.headers.get(param.name):
            text = f"{param.name} sent as {request.headers.get(param.name)!r}, given {intent.headers.get(param.name)!r}"
            raise CheckFailed("Header differs from the input", text)


def _sent_json(request: httpx.Request) -> Any:
    try:
        return json.loads(request.content)
    except ValueError as error:
        raise CheckFailed("Body is not JSON", f"{error}: {request.content[:80]!r}") from None


@_check("request_body_schema")
def _body_schema(op: Operation, intent: Intent, request: httpx.Request) -> None:
    if op.body is None:
        if request.content:
            raise CheckFailed("Body where none is documented", f"sent {request.content[:80]!r}")
        return
    error = next(iter(validator_for_pointer(op.body.schema.pointer).iter_errors(_sent_json(request))), None)
    if error is not None:
        where = "/" + "/".join(map(str, error.instance_path))
        raise CheckFailed("Request body violates the schema", f"at {where}: {error.message}")


@_check("request_body_meaning")
def _body_meaning(op: Operation, intent: Intent, request: httpx.Request) -> None:
    if intent.body is NO_BODY:
        return
    found = difference(intent.body, _sent_json(request))
    if found:
        raise CheckFailed("Request body differs from the input", found)


# Path values that test the encoding (`a/b` reaches another path unless `/` is encoded); each is used only
# when the parameter's schema allows it (the spec excludes the dot segments `.` and `..`).
PATH_PROBES = ("x", "a/b", "a b?#%&=+", "ünïcødé")


def explicit_cases(op: Operation) -> list[Any]:
    """Deterministic inputs run before fuzzing: every body variant (kinds, spellings) and every path probe."""
    path_params = [p for p in op.parameters if p.location == "path"]
    probes = [v for v in PATH_PROBES if all(validator_for_pointer(p.schema.pointer).is_valid(v) for p in path_params)]
    bodies = variants(op.body.schema) if op.body is not None else [NO_BODY]
    cases = []
    for i in range(max(len(bodies), len(probes) if path_params else 1)):
        path = {p.name: quote(probes[i % len(probes)], safe="") for p in path_params}
        body = bodies[i % len(bodies)]
        extra = {} if body is NO_BODY else {"body": body, "media_type": "application/json"}
        cases.append(request_operation(op).Case(path_parameters=path, headers={}, query={}, **extra))
    return cases


CHECKS: tuple[str, ...] = (*PER_REQUEST, MODEL_CLASSES)  # every request check, in report order
