"""Answers outside the contract, what the raw generated client does with each, and what `contract_client` raises.

This catalogue is the single source: the suite asserts it for every operation it applies to, the tests
assert it, and the README's table must say the same (a test compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import attrs

from ios_lob_kit.conformance.client_side.harness import Answer
from ios_lob_kit.conformance.client_side.variants import variants
from ios_lob_kit.contract_client import (
    ContractError,
    MalformedBody,
    UndocumentedStatus,
    UnexpectedShape,
    UnknownEnumValue,
    UnknownTargetKind,
)
from ios_lob_kit.openapi.index import ODATA_TYPE, Operation, Response, spec_index

UNKNOWN_KIND = "#microsoft.graph.unknownFutureAssignmentTarget"
UNKNOWN_ENUM = "unknownFutureValue"
_HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"


@dataclass(frozen=True)
class OutOfSpec:
    check: str  # the check's name in results, e.g. "out_of_spec_truncated_json"
    answer: str  # what arrives, as the README says it
    raw: str  # what the raw generated client does, as `describe` says it
    raw_note: str  # why that matters, for the README
    raises: type[ContractError]  # what contract_client raises, exactly this class
    says: str  # a fragment its message must contain
    build: Callable[[Operation], Answer | None]  # None: does not apply to this operation


def describe(outcome: Any) -> str:
    """The raw client's behaviour in a few words: `raises KeyError`, `returns None`, `returns a model`."""
    if isinstance(outcome, BaseException):
        return f"raises {type(outcome).__name__}"
    parsed = outcome.parsed
    if parsed is None:
        return "returns None"
    return "returns a model" if attrs.has(type(parsed)) else f"returns a {type(parsed).__name__}"


def _first_json(op: Operation, *, errors_only: bool = False) -> Response | None:
    """The first documented reply with a JSON body (a success when there is one)."""
    for reply in op.responses:
        if reply.media_type == "application/json" and not (errors_only and reply.is_success):
            return reply
    return None


def _json(status: int, body: Any, content_type: str | None = "application/json") -> Answer:
    headers = {"content-type": content_type} if content_type else {}
    return Answer(status, headers, body if isinstance(body, bytes) else json.dumps(body).encode())


def _valid_body(op: Operation) -> tuple[Response, Any] | None:
    reply = _first_json(op)
    return (reply, variants(reply.schema)[0]) if reply is not None and reply.schema is not None else None


def _kind_location(body: Any) -> dict[str, Any] | None:
    """The first object in `body` whose `@odata.type` is one of several kinds a `oneOf` allows (a target)."""
    if isinstance(body, list):
        return next((found for item in body if (found := _kind_location(item)) is not None), None)
    if not isinstance(body, dict):
        return None
    if any(body.get(ODATA_TYPE) in union.kinds for union in spec_index().unions):
        return body
    return next((found for value in body.values() if (found := _kind_location(value)) is not None), None)


def _enum_property(kind: dict[str, Any]) -> str | None:
    """A property of this kind typed by an enum (other than `@odata.type`)."""
    properties = spec_index().kinds[kind[ODATA_TYPE]].properties or {}
    return next((name for name in sorted(properties) if name != ODATA_TYPE and properties[name].enum is not None), None)


def truncated_json(op: Operation) -> Answer | None:
    found = _valid_body(op)
    if found is None:
        return None
    text = json.dumps(found[1]).encode()
    return _json(found[0].statuses[0], text[: len(text) // 2])


def empty_body(op: Operation) -> Answer | None:
    reply = _first_json(op)
    return _json(reply.statuses[0], b"") if reply else None


def html_page(op: Operation) -> Answer | None:
    return _json(502, _HTML, "text/html; charset=utf-8") if any(r.key == "5XX" for r in op.responses) else None


def no_content_type(op: Operation) -> Answer | None:
    found = _valid_body(op)
    return _json(found[0].statuses[0], found[1], content_type=None) if found else None


def wrong_types(op: Operation) -> Answer | None:
    """The first string in a valid body becomes a number."""
    found = _valid_body(op)
    if found is None:
        return None
    body = found[1]

    def mutate(node: Any) -> bool:
        items = (
            list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        )
        for key, value in items:
            if isinstance(value, str) and key != "@odata.type":
                node[key] = 12345
                return True
            if mutate(value):
                return True
        return False

    return _json(found[0].statuses[0], body) if mutate(body) else None


def error_not_odata(op: Operation) -> Answer | None:
    reply = _first_json(op, errors_only=True)
    return _json(reply.statuses[0], {"message": "Resource not found"}) if reply else None


def unknown_target_kind(op: Operation) -> Answer | None:
    found = _valid_body(op)
    kind = _kind_location(found[1]) if found else None
    if found is None or kind is None:
        return None
    kind["@odata.type"] = UNKNOWN_KIND
    return _json(found[0].statuses[0], found[1])


def unknown_enum_value(op: Operation) -> Answer | None:
    found = _valid_body(op)
    kind = _kind_location(found[1]) if found else None
    name = _enum_property(kind) if kind else None
    if found is None or kind is None or name is None:
        return None
    kind[name] = UNKNOWN_ENUM
    return _json(found[0].statuses[0], found[1])


def _success_json(op: Operation) -> Response | None:
    return next((r for r in op.responses if r.is_success and r.media_type == "application/json"), None)


def _success_odata_error(op: Operation, *, page: bool) -> Answer | None:
    """A documented success status whose body is an OData error; `page`: for a page of a collection (its
    `value`), whose missing property the raw client's KeyError names, rather than an entity's `id`."""
    reply = _success_json(op)
    if reply is None or reply.schema is None or ("value" in (reply.schema.properties or {})) != page:
        return None
    return _json(reply.statuses[0], {"error": {"code": "TooManyRequests", "message": "Throttled, try again"}})


def success_odata_error(op: Operation) -> Answer | None:
    return _success_odata_error(op, page=False)


def success_odata_error_page(op: Operation) -> Answer | None:
    return _success_odata_error(op, page=True)


def _error_body() -> dict[str, Any]:
    return {"error": {"code": "Teapot", "message": "An answer the operation does not document"}}


def undocumented_status(op: Operation) -> Answer | None:
    documented = {status for reply in op.responses for status in reply.statuses}
    return (
        _json(418, _error_body()) if 418 not in documented and "default" not in {r.key for r in op.responses} else None
    )


def nonstandard_status(op: Operation) -> Answer | None:
    return _json(599, _error_body())


CATALOGUE: tuple[OutOfSpec, ...] = (
    OutOfSpec("out_of_spec_truncated_json", "Truncated JSON", "raises JSONDecodeError",
              "a parsing error naming no operation", MalformedBody, "invalid JSON", truncated_json),
    OutOfSpec("out_of_spec_empty_body", "Empty body with a JSON content type", "raises JSONDecodeError",
              "a parsing error naming no operation", MalformedBody, "empty body", empty_body),
    OutOfSpec("out_of_spec_html_page", "HTML error page (502 from a proxy)", "raises JSONDecodeError",
              "the page is lost in a parsing error", MalformedBody, "Content-Type text/html", html_page),
    OutOfSpec("out_of_spec_no_content_type", "Valid JSON without a Content-Type", "returns a model",
              "parsed as if it were JSON", MalformedBody, "no Content-Type", no_content_type),
    OutOfSpec("out_of_spec_wrong_types", "A number where the contract says string", "returns a model",
              "silently wrong: the model holds the number", UnexpectedShape, "is not of type", wrong_types),
    OutOfSpec("out_of_spec_error_not_odata", "Error body that is not an OData error", "raises KeyError",
              "a bare `KeyError: 'error'`", UnexpectedShape, '"error" is a required property', error_not_odata),
    OutOfSpec("out_of_spec_unknown_target_kind", "Unknown `@odata.type` in a target", "raises TypeError",
              "`target: no known kind matches ...`", UnknownTargetKind, UNKNOWN_KIND, unknown_target_kind),
    OutOfSpec("out_of_spec_unknown_enum_value", "Unknown enum value (`unknownFutureValue`)", "raises TypeError",
              "misleading: `no known kind matches`", UnknownEnumValue, UNKNOWN_ENUM, unknown_enum_value),
    OutOfSpec("out_of_spec_undocumented_status", "Undocumented status (418)", "returns None",
              "silently: `.parsed` is None", UndocumentedStatus, "undocumented status", undocumented_status),
    OutOfSpec("out_of_spec_nonstandard_status", "Non-standard status (599)", "raises ValueError",
              "`599 is not a valid HTTPStatus`", UndocumentedStatus, "non-standard HTTP status", nonstandard_status),
    OutOfSpec("out_of_spec_success_odata_error", "2xx carrying an OData error, for one entity", "raises KeyError",
              "a bare `KeyError: 'id'`", UnexpectedShape, "an OData error in a success answer", success_odata_error),
    OutOfSpec("out_of_spec_success_odata_error_page", "2xx carrying an OData error, for a page", "raises KeyError",
              "a bare `KeyError: 'value'`", UnexpectedShape, "an OData error in a success answer",
              success_odata_error_page),
)  # fmt: skip


def readme_rows() -> list[tuple[str, str, str]]:
    """The README's table, row by row: answer, what the raw client does, what contract_client raises."""
    return [(e.answer, f"{e.raw} ({e.raw_note})", f"`{e.raises.__name__}`") for e in CATALOGUE]
