"""What the spec says a body may hold, to drop what it does not (the spec's unknown-properties policy).

A `Shape` is derived from a schema once, at start-up: the properties an object may carry, the item
shape of an array, or, for a polymorphic `oneOf` whose kinds pin `@odata.type`, the shape of each kind.
Projecting a validated value through it keeps only known properties and writes every `@odata.type`
in its canonical `#` spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openapi import resolve

__all__ = ["ODATA_TYPE", "Shape", "build_shape", "canonical_type", "resolve"]

ODATA_TYPE = "@odata.type"


@dataclass
class Shape:
    props: dict[str, Shape | None] | None = None  # object: known property -> its shape (None: keep as is)
    items: Shape | None = None  # array of shaped items
    kinds: dict[str, Shape] = field(default_factory=dict)  # union: each `@odata.type` spelling -> kind
    kind_pointers: dict[str, str] = field(default_factory=dict)  # union: spelling -> the kind's schema pointer
    odata_type: str | None = None  # object with a pinned `@odata.type`: its canonical spelling

    def project(self, value: Any) -> Any:
        if self.kinds:
            if isinstance(value, dict):
                odata_type = value.get(ODATA_TYPE)
                kind = self.kinds.get(odata_type) if isinstance(odata_type, str) else None
                return kind.project(value) if kind is not None else value
            return value
        if self.props is not None and isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key in self.props:
                    child = self.props[key]
                    out[key] = child.project(item) if child is not None else item
            if self.odata_type is not None and ODATA_TYPE in out:
                out[ODATA_TYPE] = self.odata_type
            return out
        if self.items is not None and isinstance(value, list):
            return [self.items.project(item) for item in value]
        return value

    def child(self, key: str | int) -> Shape | None:
        """The shape one step down an instance path (a property name or an array index)."""
        if isinstance(key, int):
            return self.items
        return (self.props or {}).get(key)


def canonical_type(schema_props: dict[str, Any]) -> str | None:
    """The `#microsoft.graph.x` spelling among the values an `@odata.type` property's enum allows."""
    values = schema_props.get(ODATA_TYPE, {}).get("enum", [])
    return next((v for v in values if isinstance(v, str) and v.startswith("#")), None)


def _properties(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any] | None:
    """The properties of an object schema, merged over `allOf`; None when it describes no object."""
    schema = resolve(schema, spec)
    merged: dict[str, Any] | None = None
    if "properties" in schema:
        merged = dict(schema["properties"])
    for part in schema.get("allOf", []):
        sub = _properties(spec, part)
        if sub is not None:
            merged = {**(merged or {}), **sub}
    return merged


def build_shape(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Shape | None:
    """The shape of `schema`, or None for a scalar (kept as sent)."""
    if depth > 16:
        raise ValueError("schema nesting too deep (a cycle?)")
    ref = schema.get("$ref")
    schema = resolve(schema, spec)
    if "oneOf" in schema:
        union = Shape()
        for branch in schema["oneOf"]:
            if resolve(branch, spec).get("type") == "null":
                continue
            kind = build_shape(spec, branch, depth + 1)
            spellings = _spellings(spec, branch)
            if kind is None or not spellings or "$ref" not in branch:
                raise ValueError(f"oneOf at {ref}: every kind must be a $ref pinning {ODATA_TYPE}")
            for spelling in spellings:
                union.kinds[spelling] = kind
                union.kind_pointers[spelling] = branch["$ref"]
        return union
    props = _properties(spec, schema)
    if props is not None:
        return Shape(
            props={name: build_shape(spec, sub, depth + 1) for name, sub in props.items()},
            odata_type=canonical_type(props),
        )
    if "items" in schema:
        items = build_shape(spec, schema["items"], depth + 1)
        return Shape(items=items) if items is not None else None
    return None


def _spellings(spec: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    props = _properties(spec, schema) or {}
    return [v for v in props.get(ODATA_TYPE, {}).get("enum", []) if isinstance(v, str)]
