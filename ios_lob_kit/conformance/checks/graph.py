"""Graph conventions every answer must follow, checked one exchange at a time.

Each check is a plain function `(exchange) -> None` that raises `CheckFailed`; `ios_lob_kit.conformance.engine`
registers them with schemathesis so they run on every generated case, and the scenarios reuse them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange, is_json, missing_header
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.json_meaning import difference
from ios_lob_kit.openapi.schemas import validator_for_schema

GraphCheck = Callable[[Exchange], None]


def odata_error(ex: Exchange) -> None:
    """Every 4xx/5xx answer is JSON shaped as an OData error (`{"error": {"code", "message", ...}}`)."""
    if ex.status < 400 or ex.method == "HEAD":
        return
    if ex.media_type != "application/json":
        raise CheckFailed("Error answer is not JSON", f"{ex.status} with Content-Type {ex.media_type or '(none)'!r}")
    body = ex.response_json()
    errors = [e.message for e in validator_for_schema("oDataError").iter_errors(body)] if is_json(body) else []
    if not is_json(body) or errors:
        shown = ex.response_body[:200].decode("utf-8", "replace")
        raise CheckFailed("Error answer is not an OData error", f"{ex.status} body {shown!r}: {'; '.join(errors)}")


_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")  # the spec's pattern; other values need no echo


def request_id(ex: Exchange) -> None:
    """Every answer carries `request-id` and echoes the caller's (well-formed) `client-request-id`."""
    if not ex.response_headers.get("request-id"):
        raise CheckFailed(
            "No request-id header",
            f"{ex.status} answer without a `request-id` header",
            defect=missing_header("request-id"),
        )
    sent = ex.request_headers.get("client-request-id")
    if sent is not None and _CLIENT_REQUEST_ID.fullmatch(sent) and ex.response_headers.get("client-request-id") != sent:
        echoed = ex.response_headers.get("client-request-id")
        raise CheckFailed("client-request-id not echoed", f"sent {sent!r}, answer carried {echoed!r}")


def canonical_odata_type(ex: Exchange) -> None:
    """Answers spell `@odata.type` canonically, with the leading `#` (top level, `value` items, `target`)."""
    if not 200 <= ex.status < 300 or ex.media_type != "application/json":
        return
    body = ex.response_json()
    for where, value in _odata_types(body):
        if not (isinstance(value, str) and value.startswith("#microsoft.graph.")):
            raise CheckFailed("Non-canonical @odata.type", f"{where} is {value!r}; answers use `#microsoft.graph.*`")


def _odata_types(body: Any) -> Iterator[tuple[str, Any]]:
    items: list[Any] = [body]
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        items = body["value"]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        prefix = f"value[{index}]" if item is not body else "body"
        if spec.ODATA_TYPE in item:
            yield f"{prefix}.@odata.type", item[spec.ODATA_TYPE]
        target = item.get("target")
        if isinstance(target, dict) and spec.ODATA_TYPE in target:
            yield f"{prefix}.target.@odata.type", target[spec.ODATA_TYPE]


def write_reflected(ex: Exchange) -> None:
    """A successful create or update answers what was written (server-set and unknown properties aside).

    Applies to request bodies valid under the spec; on the seed's collection PATCH a body `id` is the
    assignment updated, so the answer carries that `id`.
    """
    if ex.operation_id not in spec.WRITES or ex.status not in (200, 201) or ex.media_type != "application/json":
        return
    component = spec.request_schema(ex.operation_id)
    sent, answered = ex.request_json(), ex.response_json()
    if component is None or not isinstance(sent, dict) or not validator_for_schema(component).is_valid(sent):
        return
    if not isinstance(answered, dict):
        raise CheckFailed("Write answer is not an object", f"{ex.status} body {ex.response_body[:200]!r}")
    if ex.operation_id == "updateAssignments" and "id" in sent and answered.get("id") != sent["id"]:
        shown = f"body id {sent['id']!r}, answer id {answered.get('id')!r}"
        raise CheckFailed("Seed PATCH answered another assignment", shown)
    for name in sorted(spec.properties(component) - spec.SERVER_SET):
        if name in sent:
            _compare(name, sent[name], answered.get(name, _ABSENT))


_ABSENT: Any = object()


def _compare(where: str, sent: Any, answered: Any) -> None:
    if where.endswith(spec.ODATA_TYPE):
        sent, answered = spec.canonical_type(sent), spec.canonical_type(answered)
    if where == "target" and isinstance(sent, dict):
        if not isinstance(answered, dict):
            raise _mismatch(where, sent, answered)
        kind = spec.target_kinds().get(spec.canonical_type(sent.get(spec.ODATA_TYPE)))
        defined = spec.properties(kind) if kind else frozenset(sent)
        for key in sorted(defined & set(sent)):
            _compare(f"target.{key}", sent[key], answered.get(key, _ABSENT))
        return
    if difference(sent, answered, key=where.rsplit(".", 1)[-1]) is not None:
        raise _mismatch(where, sent, answered)


def _mismatch(where: str, sent: Any, answered: Any) -> CheckFailed:
    shown = "(absent)" if answered is _ABSENT else json.dumps(answered)
    return CheckFailed("Write not reflected in the answer", f"`{where}`: wrote {json.dumps(sent)}, answer has {shown}")


_CONTEXT_TAIL = re.compile(r"(\([^()]*\))+$")  # keys `('id')` or a `$select` list `(id,target)`


def odata_context(ex: Exchange) -> None:
    """An `@odata.context`, when an answer carries one, names the entity set the request addressed."""
    if not 200 <= ex.status < 300 or ex.media_type != "application/json" or ex.operation_id not in spec.operations():
        return
    body = ex.response_json()
    context = body.get("@odata.context") if isinstance(body, dict) else None
    if context is None:
        return
    if not isinstance(context, str) or "$metadata#" not in context:
        raise CheckFailed("Malformed @odata.context", f"{context!r} is not `{{service root}}/$metadata#{{path}}`")
    path = context.split("#", 1)[1].removesuffix("/$entity")
    named = _CONTEXT_TAIL.sub("", _CONTEXT_TAIL.sub("", path).rsplit("/", 1)[-1])
    expected = spec.entity_set(ex.operation_id)
    if named != expected:
        raise CheckFailed("@odata.context names another entity set", f"{context!r} names {named!r}, not {expected!r}")


# Name -> check, in report order. The name is what reports and the catalogue tests use.
_ROUTE_REFUSAL = "No method match route template"


def refuses_route(ex: Exchange) -> bool:
    """Intune's answer to a verb a route does not serve: 400 `No method match route template`, its message
    naming the OData route template and the verb (`... template ~/singleton/navigation with http verb PUT ...`)."""
    if ex.status != 400 or ex.media_type != "application/json":
        return False
    body = ex.response_json()
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or error.get("code") != _ROUTE_REFUSAL:
        return False
    message = str(error.get("message", ""))
    return re.search(rf"template ~/\S+ with http verb {re.escape(ex.method)}\b", message) is not None


RESPONSE_CHECKS: dict[str, GraphCheck] = {
    "odata_error": odata_error,
    "request_id": request_id,
    "canonical_odata_type": canonical_odata_type,
    "write_reflected": write_reflected,
    "odata_context": odata_context,
}
