"""Deterministic instances of a schema that, together, use every option once: each `oneOf` member (so every
target kind), each enum value (so both `@odata.type` spellings), each type of a type list (null too).

Fuzzing may miss a kind at a small budget; these run first, as explicit examples, so none is ever missed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ios_lob_kit.openapi.index import Schema

_DATE_TIME = "2016-12-31T23:57:57.2481234-08:00"  # Graph's own example: 7 fractional digits, an offset
_STRINGS = ("x", "7", "", "id eq 'x'")


def variants(schema: Schema) -> list[Any]:
    """Instances of `schema` covering every option of every choice in it, at least once each."""
    if schema.one_of:
        values = [value for member in schema.one_of for value in variants(member)]
        return [*values, None] if schema.nullable else values
    if schema.enum is not None:
        return list(schema.enum)
    return [value for kind in schema.types or ("string",) for value in _of_type(kind, schema)]


def _of_type(kind: str, schema: Schema) -> list[Any]:
    if kind == "object":
        properties = schema.properties or {}
        columns = [variants(sub) for sub in properties.values()]
        return [dict(zip(properties, row, strict=True)) for row in _zip(columns)] if properties else [{}]
    if kind == "array":
        return [[item] for item in variants(schema.items)] if schema.items is not None else [["x"]]
    return [_scalar(kind, schema.node)]


def _zip(columns: list[list[Any]]) -> list[list[Any]]:
    """Rows taking each column's values in turn, as many rows as the longest column."""
    rows = max((len(column) for column in columns), default=1)
    return [[column[i % len(column)] for column in columns] for i in range(rows)]


def _scalar(kind: str, schema: Mapping[str, Any]) -> Any:
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
