"""Responses: valid answers of every documented status are served; the client must parse each into the right
classes, keep unknown annotations, and give back JSON equal in meaning to what it received."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import attrs
from hypothesis import strategies as st

from ios_lob_kit.conformance.client_side.bindings import api_module, model_class
from ios_lob_kit.conformance.client_side.harness import MODES, Answer, Harness
from ios_lob_kit.conformance.client_side.models import check_classes
from ios_lob_kit.conformance.client_side.request_checks import NO_BODY, Intent, arguments
from ios_lob_kit.conformance.client_side.strategies import response_body, schema_key
from ios_lob_kit.conformance.client_side.variants import variants
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.json_meaning import difference
from ios_lob_kit.openapi.index import Operation, Response, spec_index

# Every response check's name, in the order `judge` runs them (each name is written here only).
PARSED_CLASS, MODEL_CLASSES, ANNOTATIONS_KEPT, ROUND_TRIP = CHECKS = (
    "response_parsed_class",
    "response_model_classes",
    "response_annotations_kept",
    "response_round_trip",
)
# Annotations the contract does not define, added to every served object: a client must keep them.
ANNOTATIONS = {
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#entity",
    "@microsoft.graph.tips": "Annotations the contract does not define must be kept.",
}


@dataclass(frozen=True)
class Served:
    """One example for one operation: every success reply and one error reply, with a body per schema."""

    bodies: dict[str, Any]  # schema_key -> body
    statuses: dict[str, int]  # reply key (e.g. "5XX") -> the concrete status served for it
    error: str | None  # the error reply served this time (they differ only by status)

    def replies(self, op: Operation) -> list[Response]:
        return [r for r in op.responses if r.is_success or r.key == self.error]


def minimal_call(op: Operation) -> dict[str, Any]:
    """Arguments for calling `op` when only the answer matters."""
    path = {p.name: "x" for p in op.parameters if p.location == "path"}
    body = variants(op.body.schema)[0] if op.body is not None else None
    return arguments(op, Intent(path, {}, {}, body if body is not None else NO_BODY))


def check_responses(op: Operation, harness: Harness, served: Served) -> list[CheckFailed]:
    """Serve this example's replies of `op`; run every response check on each."""
    failures: list[CheckFailed] = []
    module, kwargs = api_module(op), minimal_call(op)
    for reply in served.replies(op):
        status = served.statuses.get(reply.key, reply.statuses[0])
        body = _with_annotations(served.bodies[schema_key(reply.schema)]) if reply.schema is not None else None
        harness.answer = _answer(reply, status, body)
        for mode in MODES:
            failures += check_one(module, kwargs, harness, reply, status, body, mode)
    return failures


def check_one(
    module: ModuleType, kwargs: dict[str, Any], harness: Harness, reply: Response, status: int, body: Any, mode: str
) -> list[CheckFailed]:
    """The response checks on one served answer (the first failure ends the list: later checks need a model)."""
    try:
        judge(reply, body, harness.outcome(module, kwargs, mode), annotations=True)
    except CheckFailed as failure:
        return [failure.named(failure.check, suffix=f" (status {status}, {mode})")]
    return []


def judge(reply: Response, body: Any, outcome: Any, *, annotations: bool) -> None:
    """What the client made of `body` (its `Response`, or what it raised) is right for `reply`."""
    _named(PARSED_CLASS, _parsed_class, outcome, reply, body)
    parsed = outcome.parsed
    if attrs.has(type(parsed)):
        check_classes(MODEL_CLASSES, parsed)
        if annotations:
            _named(ANNOTATIONS_KEPT, _annotations_kept, parsed, body)
        _named(ROUND_TRIP, _round_trip, parsed, body)


def _named(name: str, check: Callable[..., None], *args: Any) -> None:
    try:
        check(*args)
    except CheckFailed as failure:
        raise failure.named(name) from None


def _parsed_class(outcome: Any, reply: Response, body: Any) -> None:
    if isinstance(outcome, Exception):
        text = f"raised {type(outcome).__name__}: {str(outcome)[:200]}"
        raise CheckFailed("Client failed on a valid answer", text)
    parsed = outcome.parsed
    if reply.media_type is None:
        expected: str = "NoneType"
    elif reply.schema is not None and reply.schema.title is not None:
        expected = model_class(reply.schema.title).__name__
    else:
        expected, body = "str", str(body)
    if type(parsed).__name__ != expected or (expected == "str" and parsed != body):
        text = f"parsed as {type(parsed).__name__} {parsed!r:.80}, expected {expected}"
        raise CheckFailed("Wrong parsed value", text)


def _annotations_kept(parsed: Any, body: Any) -> None:
    defined = spec_index().properties_of(type(parsed).__name__)
    kept = parsed.additional_properties
    for name, value in ANNOTATIONS.items():
        if name not in defined and kept.get(name) != value:
            text = f"{name} not in {type(parsed).__name__}.additional_properties (it holds {sorted(kept)})"
            raise CheckFailed("Unknown annotation dropped", text)


def _round_trip(parsed: Any, body: Any) -> None:
    found = difference(body, parsed.to_dict())
    if found:
        raise CheckFailed("to_dict() differs from the answer", found)


def _with_annotations(body: Any) -> Any:
    return {**body, **ANNOTATIONS} if isinstance(body, dict) else body


def _answer(reply: Response, status: int, body: Any) -> Answer:
    headers = {"request-id": "0f6b1e4e-client-side"}
    if reply.media_type is None:
        return Answer(status, headers)
    content = body.encode() if isinstance(body, str) and "json" not in reply.media_type else json.dumps(body).encode()
    return Answer(status, {**headers, "content-type": reply.media_type}, content)


def explicit_examples(op: Operation) -> list[Served]:
    """Deterministic examples using every kind, spelling and enum value of every body schema (see `variants`)."""
    columns = {schema_key(r.schema): variants(r.schema) for r in op.responses if r.schema is not None}
    errors = _errors(op)
    rows = max([len(errors), *(len(column) for column in columns.values())])
    return [
        Served({k: v[i % len(v)] for k, v in columns.items()}, {}, errors[i % len(errors)] if errors else None)
        for i in range(rows)
    ]


def _errors(op: Operation) -> list[str]:
    return [r.key for r in op.responses if not r.is_success]


def served(op: Operation) -> st.SearchStrategy[Served]:
    """Generated examples: valid bodies of each schema, and a status drawn from each documented range."""
    keys = {schema_key(r.schema) for r in op.responses if r.schema is not None}
    bodies = st.fixed_dictionaries({key: response_body(key) for key in sorted(keys)})
    ranges = st.fixed_dictionaries({r.key: st.sampled_from(r.statuses) for r in op.responses if len(r.statuses) > 1})
    error = st.sampled_from(_errors(op)) if _errors(op) else st.none()
    return st.builds(Served, bodies, ranges, error)
