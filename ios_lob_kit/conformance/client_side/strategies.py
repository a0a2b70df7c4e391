"""Hypothesis strategies from the spec, built once per process and reused by every run.

Requests: schemathesis' own `as_strategy()` per operation (path, query, headers, bodies of every kind).
Response bodies: schemathesis has no public API for them, so each documented body schema becomes the request
body of a throwaway operation in a generated document, whose `as_strategy()` then yields that schema's
instances (with readOnly/writeOnly swapped, as a response sees them).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import schemathesis
from hypothesis import strategies as st

from ios_lob_kit.openapi import SPEC_PATH, load_spec
from ios_lob_kit.openapi.index import Operation, Schema, spec_index


def schema_key(schema: Schema) -> str:
    """One key per distinct body schema (error answers of every status share one)."""
    return schema.pointer


@functools.cache
def _api() -> Any:
    return schemathesis.openapi.from_path(SPEC_PATH)


def request_operation(op: Operation) -> Any:
    """schemathesis' view of one operation (it builds `Case`s)."""
    return _api()[op.path][op.method]


@functools.cache
def request_cases(op: Operation) -> st.SearchStrategy[Any]:
    """schemathesis `Case`s for one operation (positive data)."""
    strategy: st.SearchStrategy[Any] = request_operation(op).as_strategy()
    return strategy


def _swap_read_write(node: Any) -> Any:
    if isinstance(node, dict):
        swapped = {k: _swap_read_write(v) for k, v in node.items() if k not in ("readOnly", "writeOnly")}
        if node.get("readOnly"):
            swapped["writeOnly"] = True
        if node.get("writeOnly"):
            swapped["readOnly"] = True
        return swapped
    if isinstance(node, list):
        return [_swap_read_write(v) for v in node]
    return node


@functools.cache
def _response_bodies_api() -> tuple[Any, dict[str, str]]:
    """A document with one POST per distinct response body schema; returns it and `schema_key -> path`."""
    document = _swap_read_write(copy.deepcopy(load_spec()))
    document.pop("security", None)
    paths: dict[str, Any] = {}
    keys: dict[str, str] = {}
    for op in spec_index().operations:
        for reply in op.responses:
            if reply.schema is not None and schema_key(reply.schema) not in keys:
                path = f"/response-bodies/{len(keys)}"
                keys[schema_key(reply.schema)] = path
                content = {"application/json": {"schema": _swap_read_write(dict(reply.schema.written))}}
                paths[path] = {
                    "post": {
                        "operationId": f"responseBody{len(keys)}",
                        "requestBody": {"required": True, "content": content},
                        "responses": {"200": {"description": "unused"}},
                    }
                }
    document["paths"] = paths
    return schemathesis.openapi.from_dict(document), keys


@functools.cache
def response_body(key: str) -> st.SearchStrategy[Any]:
    """Valid instances of the response body schema `key` (see `schema_key`)."""
    api, paths = _response_bodies_api()
    strategy: st.SearchStrategy[Any] = api[paths[key]]["POST"].as_strategy().map(lambda case: case.body)
    return strategy
