"""JSON Schema validators for the spec's own schemas, compiled once per process."""

from __future__ import annotations

import copy
import functools
from typing import Any
from urllib.parse import quote

import jsonschema_rs

from ios_lob_kit.openapi import load_spec

__all__ = ["component_pointer", "validator_for_pointer", "validator_for_schema"]


def component_pointer(name: str) -> str:
    """The JSON pointer of a component schema, e.g. `#/components/schemas/oDataError`."""
    return f"#/components/schemas/{name}"


@functools.cache
def validator_for_pointer(pointer: str) -> jsonschema_rs.Validator:
    """A compiled validator for the schema at `pointer` inside the spec.

    The whole spec is the root document, so every `$ref` resolves as written; formats are checked. The
    pointer is written as in the index (`{`, `}` of path templates as they are; they are %-encoded here).
    """
    root: dict[str, Any] = copy.deepcopy(load_spec())
    root["$ref"] = quote(pointer, safe="#/~$")
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


def validator_for_schema(name: str) -> jsonschema_rs.Validator:
    """A compiled validator for `#/components/schemas/{name}`."""
    return validator_for_pointer(component_pointer(name))
