"""Judge one HTTP answer against the operation's documented responses; raise the typed exception that fits."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema_rs

from ios_lob_kit.contract_client._exceptions import (
    ContractViolation,
    GraphError,
    MalformedBody,
    UndocumentedStatus,
    UnexpectedShape,
    UnknownEnumValue,
    UnknownTargetKind,
)
from ios_lob_kit.openapi.index import Operation, Response, spec_index
from ios_lob_kit.openapi.schemas import component_pointer, validator_for_pointer

__all__ = ["check_answer"]

_ODATA_ERROR = component_pointer("oDataError")


def check_answer(operation: Operation, response: httpx.Response) -> None:
    """Return when `response` (already read) is a documented success; raise a `ContractError` otherwise."""
    name, status = operation.operation_id, response.status_code
    answer = operation.response_for(status)
    if answer is None:
        raise UndocumentedStatus(name, status, tuple(r.key for r in operation.responses))
    if answer.media_type is None or answer.schema is None:
        return  # documented without a body (204): nothing to read
    body = _decode(name, status, answer, response)
    success = 200 <= status < 300
    if success and _is_odata_error(body):  # before the schema, whose complaint would not name it
        error = body["error"]
        text = f"an OData error in a success answer ({error['code']}: {error['message']})"
        raise UnexpectedShape(name, status, "/error", text)
    error = next(iter(validator_for_pointer(answer.schema.pointer).iter_errors(body)), None)
    if error is not None:
        raise _classify(name, status, error, body, prefix="")
    if not success:
        raise _graph_error(name, status, body, response.headers)
    # An `@odata.type` spelled without `#` (as the seed page's own answer has it) is allowed by the spec's
    # pins and parses to the right class; judging a server's spelling is the suite's job, not a reason to
    # fail a user's call.


def _is_odata_error(body: Any) -> bool:
    return isinstance(body, dict) and validator_for_pointer(_ODATA_ERROR).is_valid(body)


def _decode(operation: str, status: int, answer: Response, response: httpx.Response) -> Any:
    documented = answer.media_type or ""
    received = response.headers.get("content-type")
    if received is None:
        raise MalformedBody(operation, status, f"no Content-Type header; the contract documents {documented}")
    media_type = received.split(";")[0].strip().lower()
    if media_type != documented:
        raise MalformedBody(
            operation, status, f"Content-Type {media_type}, documented {documented}; body starts {_start(response)}"
        )
    if not documented.endswith("json"):
        return response.text
    if not response.content:
        raise MalformedBody(operation, status, f"empty body; the contract documents {documented}")
    try:
        return json.loads(response.content)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise MalformedBody(operation, status, f"invalid JSON ({error}); body starts {_start(response)}") from None


def _start(response: httpx.Response) -> str:
    return repr(response.content[:60].decode("utf-8", "replace"))


def _classify(
    operation: str, status: int, error: jsonschema_rs.ValidationError, body: Any, prefix: str
) -> ContractViolation:
    """The most precise exception for a schema error; a failed `oneOf` of kinds is judged by its `@odata.type`."""
    path = prefix + "".join(f"/{part}" for part in error.instance_path)
    kind = type(error.kind).__name__
    if kind == "Enum":
        allowed = tuple(getattr(error.kind, "options", ()))
        return UnknownEnumValue(operation, status, path, _at(body, error.instance_path), allowed)
    if kind == "OneOfNotValid":
        value = _at(body, error.instance_path)
        union = spec_index().located.get("#/" + "/".join(map(str, list(error.schema_path)[:-1])))
        if union is not None and union.kinds and isinstance(value, dict) and "@odata.type" in value:
            member = union.kinds.get(value["@odata.type"]) if isinstance(value["@odata.type"], str) else None
            if member is None:
                known = tuple(t for t in union.kinds if t.startswith("#"))
                return UnknownTargetKind(operation, status, path, value["@odata.type"], known)
            # A known kind: judge the value against that kind alone, which names the real fault.
            inner = next(iter(validator_for_pointer(member.pointer).iter_errors(value)), None)
            if inner is not None:
                return _classify(operation, status, inner, value, path)
    return UnexpectedShape(operation, status, path, error.message)


def _at(document: Any, path: Any) -> Any:
    for part in path:
        document = document[part]
    return document


def _graph_error(operation: str, status: int, body: dict[str, Any], headers: httpx.Headers) -> GraphError:
    error = body["error"]  # validated against oDataError above
    inner = error.get("innerError") or {}
    request_id = headers.get("request-id") or inner.get("request-id")
    return GraphError(operation, status, error["code"], error["message"], request_id)
