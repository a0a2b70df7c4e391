"""Deterministic instances of a schema that, together, use every option once: each `oneOf` member (so every
target kind), each enum value (so both `@odata.type` spellings), each type of a type list (null too).

Fuzzing may miss a kind at a small budget; these run first, as explicit examples, so none is ever missed.
"""

from __future__ import annotations

import re
from typing import Any

from openapi import resolve

_DATE_TIME = "2016-12-31T23:57:57.2481234-08:00"  # Graph's own example: 7 fractional digits, an offset
_STRINGS = ("x", "7", "", "id eq 'x'")


def variants(schema: dict[str, Any]) -> list[Any]:
    """Instances of `schema` covering every option of every choice in it, at least once each."""
    schema = resolve(schema)
    if "allOf" in schema:
        parts = [variants(part) for part in schema["allOf"]]
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        if "properties" in rest:
            parts.append(variants(rest))
        return [_merge(group) for group in _zip(parts)]
    if "oneOf" in schema or "anyOf" in schema:
        members = schema.get("oneOf") or schema.get("anyOf") or []
        return [value for member in members for value in variants(member)]
    if "enum" in schema:
        return list(schema["enum"])
    types = schema.get("type", "object" if "properties" in schema else "string")
    if isinstance(types, list):
        return [value for kind in types for value in variants({**schema, "type": kind})]
    if types == "object":
        names = list(schema.get("properties", {}))
        columns = [variants(schema["properties"][name]) for name in names]
        return [dict(zip(names, row, strict=True)) for row in _zip(columns)] if names else [{}]
    if types == "array":
        return [[item] for item in variants(schema.get("items", {}))]
    return [_scalar(types, schema)]


def _zip(columns: list[list[Any]]) -> list[list[Any]]:
    """Rows taking each column's values in turn, as many rows as the longest column."""
    rows = max((len(column) for column in columns), default=1)
    return [[column[i % len(column)] for column in columns] for i in range(rows)]


def _merge(parts: list[Any]) -> Any:
    merged: dict[str, Any] = {}
    for part in parts:
        merged.update(part)
    return merged


def _scalar(kind: str, schema: dict[str, Any]) -> Any:
    if kind == "null":
        return None
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 7), min(7, schema.get("maximum", 7)))
    if schema.get("format") == "date-time":
        return _DATE_TIME
    if schema.get("format") == "uri":
        return "https://graph.microsoft.com/beta/next?$skiptoken=x"
    pattern = schema.get("pattern")
    return next((s for s in _STRINGS if pattern is None or re.search(pattern, s)), "x")
