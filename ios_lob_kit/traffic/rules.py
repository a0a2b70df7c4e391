"""What one exchange must respect, per party: the client's request and the server's answer.

Each rule is a plain function `(operation, exchange) -> None` raising `CheckFailed`, like the suite's Graph
checks (which are reused as they are for the server's answers). `operation` is None when the request
matched no operation of the contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ios_lob_kit.conformance.checks.exchange import Exchange, is_json
from ios_lob_kit.conformance.checks.graph import RESPONSE_CHECKS
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.results import Side
from ios_lob_kit.openapi.index import Operation, Parameter
from ios_lob_kit.openapi.schemas import validator_for_pointer

Rule = Callable[[Operation | None, Exchange], None]

_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")  # the spec's pattern for `client-request-id`


def operation_found(op: Operation | None, ex: Exchange) -> None:
    """The request names an operation of the contract (method and path)."""
    if op is None:
        raise CheckFailed("No such operation", f"{ex.method} {urlsplit(ex.url).path} is not in the contract")


def request_parameters(op: Operation | None, ex: Exchange) -> None:
    """Query and header parameters are documented, the required ones present, each valid under its schema."""
    if op is None:
        return
    query = parse_qsl(urlsplit(ex.url).query, keep_blank_values=True)
    documented = {p.name: p for p in op.parameters_in("query")}
    for name, _ in query:
        if name not in documented:
            raise CheckFailed("Undocumented query parameter", f"{name!r}; the operation documents {sorted(documented)}")
    given = dict(query)
    for param in (*documented.values(), *op.parameters_in("header")):
        raw = given.get(param.name) if param.location == "query" else ex.request_headers.get(param.name.lower())
        if raw is None:
            if param.required:
                raise CheckFailed("Required parameter missing", f"{param.location} parameter {param.name!r}")
            continue
        errors = [e.message for e in validator_for_pointer(param.schema.pointer).iter_errors(_typed(param, raw))]
        if errors:
            raise CheckFailed("Invalid parameter", f"{param.location} parameter {param.name}={raw!r}: {errors[0]}")


def _typed(param: Parameter, raw: str) -> Any:
    """A query or header value as its schema's type (a value that does not convert stays a string)."""
    if param.kind == "array":
        return [v for v in raw.split(",") if v]
    if param.kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    if param.kind == "integer" and re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def client_request_id(op: Operation | None, ex: Exchange) -> None:
    """A `client-request-id` the client sends has the documented form (a GUID-like token)."""
    sent = ex.request_headers.get("client-request-id")
    if sent is not None and not _CLIENT_REQUEST_ID.fullmatch(sent):
        raise CheckFailed("Malformed client-request-id", f"{sent!r} does not match {_CLIENT_REQUEST_ID.pattern}")


def request_media_type(op: Operation | None, ex: Exchange) -> None:
    """A body is sent with the media type the operation documents."""
    if op is None or op.body is None or not ex.request_body:
        return
    sent = ex.request_headers.get("content-type", "").split(";")[0].strip().lower()
    if sent != op.body.media_type:
        raise CheckFailed(
            "Wrong request media type", f"Content-Type {sent or '(none)'!r}; the operation takes {op.body.media_type!r}"
        )


def request_body_schema(op: Operation | None, ex: Exchange) -> None:
    """The body is present when required, is JSON, and is valid under the operation's schema."""
    if op is None or op.body is None:
        return
    if not ex.request_body:
        if op.body.required:
            raise CheckFailed("Request body missing", f"{op.operation_id} requires a {op.body.media_type} body")
        return
    body = ex.request_json()
    if not is_json(body):
        raise CheckFailed("Request body is not JSON", repr(ex.request_body[:200]))
    errors = [
        f"{e.instance_path or '/'}: {e.message}"
        for e in validator_for_pointer(op.body.schema.pointer).iter_errors(body)
    ]
    if errors:
        raise CheckFailed("Request body violates schema", "; ".join(errors[:5]))


def status_documented(op: Operation | None, ex: Exchange) -> None:
    """The answer's status is one the operation documents."""
    if op is not None and op.response_for(ex.status) is None:
        documented = ", ".join(r.key for r in op.responses)
        raise CheckFailed("Undocumented status", f"{ex.status}; {op.operation_id} documents {documented}")


def response_schema(op: Operation | None, ex: Exchange) -> None:
    """A documented answer with a body has its media type and is valid under its schema."""
    response = op.response_for(ex.status) if op is not None else None
    if response is None or response.schema is None or ex.method == "HEAD":
        return
    if ex.media_type != response.media_type:
        raise CheckFailed(
            "Wrong response media type",
            f"{ex.status} with {ex.media_type or '(none)'!r}; documented {response.media_type!r}",
        )
    body: Any = ex.response_body.decode("utf-8", "replace")  # a text/plain answer (`$count`) is text
    if ex.media_type.endswith("json"):
        body = ex.response_json()
        if not is_json(body):
            raise CheckFailed("Response is not JSON", repr(ex.response_body[:200]))
    errors = [
        f"{e.instance_path or '/'}: {e.message}"
        for e in validator_for_pointer(response.schema.pointer).iter_errors(body)
    ]
    if errors:
        raise CheckFailed("Response violates schema", "; ".join(errors[:5]))


def invalid_request_refused(op: Operation | None, ex: Exchange) -> None:
    """A body the contract refuses is answered 4xx: a server that accepts it would store what it must not."""
    if op is None or not 200 <= ex.status < 300:
        return
    try:
        request_body_schema(op, ex)
    except CheckFailed as exc:
        raise CheckFailed(
            "Invalid request accepted", f"answered {ex.status} to a body the contract refuses: {exc.message}"
        ) from None


def _graph(check: Callable[[Exchange], None]) -> Rule:
    return lambda op, ex: check(ex)


# Party -> rule name -> rule, in report order. The server's rules include the suite's own Graph checks.
RULES: dict[Side, dict[str, Rule]] = {
    Side.CLIENT: {
        "operation_found": operation_found,
        "request_parameters": request_parameters,
        "client_request_id": client_request_id,
        "request_media_type": request_media_type,
        "request_body_schema": request_body_schema,
    },
    Side.SERVER: {
        "status_documented": status_documented,
        "response_schema": response_schema,
        "invalid_request_refused": invalid_request_refused,
        **{name: _graph(check) for name, check in RESPONSE_CHECKS.items()},
    },
}
