"""Facts the server and the suite both need, read from the spec (never typed a second time)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from openapi import load_spec

__all__ = ["server_set_properties"]


def _properties(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item)


@functools.cache
def server_set_properties() -> frozenset[str]:
    """Properties marked `x-server-set`: the server assigns them and ignores them in create and update bodies."""
    schemas = load_spec()["components"]["schemas"]
    return frozenset(name for name, schema in _properties(schemas) if schema.get("x-server-set") is True)
