"""What the checks need to know about the spec, read from `openapi.load_spec()` (never re-typed here)."""

from __future__ import annotations

import functools
from typing import Any

from openapi import load_spec

SERVER_SET = frozenset({"id", "createdDateTime", "lastModifiedDateTime"})
ODATA_TYPE = "@odata.type"
_METHODS = ("get", "post", "put", "patch", "delete")


@functools.cache
def operations() -> dict[str, tuple[str, str]]:
    """operationId -> (METHOD, path template), in the spec's order."""
    found: dict[str, tuple[str, str]] = {}
    for path, item in load_spec()["paths"].items():
        for method in _METHODS:
            if method in item:
                found[item[method]["operationId"]] = (method.upper(), path)
    return found


@functools.cache
def request_schema(operation_id: str) -> str | None:
    """The component name of the operation's JSON request body, if it has one."""
    method, path = operations()[operation_id]
    body = load_spec()["paths"][path][method.lower()].get("requestBody")
    if body is None:
        return None
    ref: str = body["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


@functools.cache
def properties(component: str) -> frozenset[str]:
    """Every property a component defines, through its `allOf` parts."""
    return frozenset(_collect(load_spec()["components"]["schemas"][component]))


def _collect(schema: dict[str, Any]) -> set[str]:
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _collect(_resolve(part))
    return names


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    resolved: dict[str, Any] = load_spec()["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return resolved


@functools.cache
def target_kinds() -> dict[str, str]:
    """Canonical target `@odata.type` (with `#`) -> its component name."""
    kinds: dict[str, str] = {}
    for member in load_spec()["components"]["schemas"]["assignmentTarget"]["oneOf"]:
        if "$ref" in member:
            name = member["$ref"].rsplit("/", 1)[-1]
            kinds[f"#microsoft.graph.{name}"] = name
    return kinds


def canonical_type(value: Any) -> Any:
    """`microsoft.graph.x` and `#microsoft.graph.x` name the same type; this is the `#` spelling."""
    if isinstance(value, str) and not value.startswith("#"):
        return "#" + value
    return value
