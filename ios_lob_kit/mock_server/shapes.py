"""What a request body keeps, in one place: only what the spec defines (its unknown-properties policy), without
the server-set properties (the server assigns them), and with every pinned `@odata.type` in its canonical `#`
spelling, written even when the request left it out. The schema comes from the index
(`ios_lob_kit.openapi.index.Schema`)."""

from __future__ import annotations

from typing import Any

from ios_lob_kit.openapi.index import ODATA_TYPE, Schema

__all__ = ["project", "server_set_values"]


def project(schema: Schema, value: Any) -> Any:
    """`value` (valid against `schema`) as stored; a union projects through its kind."""
    if schema.kinds:
        odata_type = value.get(ODATA_TYPE) if isinstance(value, dict) else None
        kind = schema.kinds.get(odata_type) if isinstance(odata_type, str) else None
        return project(kind, value) if kind is not None else value
    props = schema.properties
    if props is not None and isinstance(value, dict):
        pinned = schema.odata_type
        out: dict[str, Any] = {}
        for key, item in value.items():
            child = props.get(key)
            if child is not None and not child.server_set:
                out[key] = pinned if key == ODATA_TYPE and pinned is not None else project(child, item)
        return out if pinned is None or ODATA_TYPE in out else {ODATA_TYPE: pinned, **out}
    if schema.items is not None and isinstance(value, list):
        return [project(schema.items, item) for item in value]
    return value


def server_set_values(schema: Schema, value: Any) -> dict[str, Any]:
    """The server-set properties an object body carries at its top level (what `project` leaves out)."""
    props = schema.properties or {}
    if not isinstance(value, dict):
        return {}
    return {key: item for key, item in value.items() if key in props and props[key].server_set}
