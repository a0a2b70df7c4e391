"""The spec's operations as the server checks them: the index's operations with their rules compiled once."""

from __future__ import annotations

from dataclasses import dataclass

from ios_lob_kit.mock_server.filtering import Kind
from ios_lob_kit.mock_server.validation import BodyRule, ParamRule
from ios_lob_kit.openapi import index
from ios_lob_kit.openapi.schemas import validator_for_pointer

__all__ = ["Operation", "compile_operations"]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the spec's path template, without the `/beta` base path
    query: dict[str, ParamRule]  # documented query parameters by lower-case name, e.g. "$top"
    headers: tuple[ParamRule, ...]
    path_params: tuple[ParamRule, ...]
    body: BodyRule | None
    scopes: frozenset[str]  # any one of them grants the operation (x-ms-permissions)
    writes: bool
    properties: dict[str, Kind]  # a collection's (or its `$count`'s): what `$filter`/`$orderby` may name


def _kind(schema: index.Schema) -> Kind | None:
    """How `$filter` compares a property: None for what it cannot (objects, arrays, binary)."""
    types = [t for t in schema.types if t != "null"]
    if types == ["integer"]:
        return "integer"
    if types != ["string"] or "contentEncoding" in schema.node:
        return None
    return "date-time" if schema.format == "date-time" else "string"


def _listed(spec: index.Index, operation: index.Operation) -> dict[str, Kind]:
    """The scalar properties of the items a collection GET (or its `$count`) answers."""
    path = operation.path.removesuffix("/$count")
    lister = next((op for op in spec.operations if op.method == "GET" and op.path == path), None)
    answer = lister.response_for(200) if lister is not None else None
    value = (answer.schema.properties or {}).get("value") if answer and answer.schema else None
    if value is None or value.items is None:
        return {}
    found = {name: _kind(prop) for name, prop in (value.items.properties or {}).items() if not name.startswith("@")}
    return {name: kind for name, kind in found.items() if kind is not None}


def _compile(spec: index.Index, operation: index.Operation) -> Operation:
    rules = [ParamRule.compile(parameter) for parameter in operation.parameters]
    body = None
    if operation.body is not None:
        if operation.body.media_type != "application/json":
            raise ValueError(f"{operation.operation_id}: only application/json request bodies are supported")
        _warm(operation.body.schema)
        body = BodyRule(
            operation.body.required,
            validator_for_pointer(operation.body.schema.pointer),
            operation.body.schema,
            action=operation.path.rsplit("/", 1)[-1],
        )
    return Operation(
        operation_id=operation.operation_id,
        method=operation.method,
        path=operation.path,
        query={rule.key: rule for rule in rules if rule.location == "query"},
        headers=tuple(rule for rule in rules if rule.location == "header"),
        path_params=tuple(rule for rule in rules if rule.location == "path"),
        body=body,
        scopes=operation.scopes,
        writes=operation.writes,
        properties=_listed(spec, operation) if operation.method == "GET" else {},
    )


def compile_operations(spec: index.Index) -> list[Operation]:
    """Every operation of the spec with its validators compiled."""
    return [_compile(spec, operation) for operation in spec.operations]


def _warm(schema: index.Schema) -> None:
    """Compile the per-kind validators error messages use now, not on the first bad request."""
    for kind in schema.kinds.values():
        validator_for_pointer(kind.pointer)
    for child in [*schema.one_of, *(schema.properties or {}).values(), *filter(None, [schema.items])]:
        _warm(child)
