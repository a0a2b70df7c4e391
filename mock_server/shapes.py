"""What a request body keeps: only what the spec defines (its unknown-properties policy), and every
`@odata.type` in its canonical `#` spelling. The schema comes from the index (`openapi.index.Schema`)."""

from __future__ import annotations

from typing import Any

from openapi.index import ODATA_TYPE, Schema

__all__ = ["project"]


def project(schema: Schema, value: Any) -> Any:
    """`value` (valid against `schema`) with unknown properties dropped; a union projects through its kind."""
    if schema.kinds:
        odata_type = value.get(ODATA_TYPE) if isinstance(value, dict) else None
        kind = schema.kinds.get(odata_type) if isinstance(odata_type, str) else None
        return project(kind, value) if kind is not None else value
    props = schema.properties
    if props is not None and isinstance(value, dict):
        out = {key: project(props[key], item) for key, item in value.items() if key in props}
        if ODATA_TYPE in out and schema.odata_type is not None:
            out[ODATA_TYPE] = schema.odata_type
        return out
    if schema.items is not None and isinstance(value, list):
        return [project(schema.items, item) for item in value]
    return value
