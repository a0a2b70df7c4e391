"""The answers each operation documents, read from the spec once: status, media type, compiled schema."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import jsonschema_rs

from openapi import load_spec, resolve
from openapi.schemas import validator_for_pointer

__all__ = ["Answer", "Operation", "compile_schema", "find_operation", "is_standard", "odata_type_spellings", "resolve"]

_METHODS = ("get", "put", "post", "patch", "delete")
_STANDARD = frozenset(member.value for member in HTTPStatus)


def is_standard(status: int) -> bool:
    """A status `http.HTTPStatus` knows (599 is not)."""
    return status in _STANDARD


@dataclass(frozen=True)
class Answer:
    """One documented response: `media_type` and `validator` are None when it has no body."""

    media_type: str | None
    validator: jsonschema_rs.Validator | None
    root: dict[str, Any]  # the document the validator's schema paths point into


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    pattern: re.Pattern[str]  # matches the URL path after the base path
    answers: dict[str, Answer]  # keyed as in the spec: "200", "5XX", "default"

    def answer_for(self, status: int) -> Answer | None:
        """The documented answer for `status`; ranges (`5XX`) cover only standard statuses."""
        if str(status) in self.answers:
            return self.answers[str(status)]
        if is_standard(status) and f"{status // 100}XX" in self.answers:
            return self.answers[f"{status // 100}XX"]
        return self.answers.get("default")


_INLINE: dict[str, tuple[jsonschema_rs.Validator, dict[str, Any]]] = {}


def compile_schema(schema: dict[str, Any]) -> tuple[jsonschema_rs.Validator, dict[str, Any]]:
    """A validator for a schema as an operation writes it, and the document its schema paths point into.

    A plain `$ref` uses the spec-wide cache; an inline schema gets the components, compiled once.
    """
    if set(schema) == {"$ref"}:
        return validator_for_pointer(schema["$ref"]), load_spec()
    key = repr(sorted(schema.items()))
    if key not in _INLINE:
        root = {**schema, "components": load_spec()["components"]}
        _INLINE[key] = jsonschema_rs.Draft202012Validator(root, validate_formats=True), root
    return _INLINE[key]


@functools.cache
def odata_type_spellings() -> dict[str, str]:
    """Each `@odata.type` spelling without `#` the spec's enum pins allow -> the canonical `#` spelling."""
    found: dict[str, str] = {}
    for schema in load_spec()["components"]["schemas"].values():
        for part in [schema, *(resolve(sub) for sub in schema.get("allOf", []))]:
            pinned = set(resolve(part.get("properties", {}).get("@odata.type", {})).get("enum", []))
            found |= {value[1:]: value for value in pinned if value.startswith("#") and value[1:] in pinned}
    return found


def _answer(response: dict[str, Any]) -> Answer:
    content = resolve(response).get("content") or {}
    if not content:
        return Answer(None, None, {})
    media_type, media = next(iter(content.items()))
    validator, root = compile_schema(media["schema"])
    return Answer(media_type, validator, root)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]+\}", template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


@functools.cache
def _operations() -> tuple[Operation, ...]:
    found = []
    for template, item in load_spec()["paths"].items():
        for method in _METHODS:
            if method in item:
                operation = item[method]
                answers = {key: _answer(value) for key, value in operation["responses"].items()}
                found.append(Operation(operation["operationId"], method.upper(), _pattern(template), answers))
    # Literal segments win over parameters: `.../assignments/$count` before `.../assignments/{id}`.
    return tuple(sorted(found, key=lambda op: op.pattern.pattern.count("[^/]+")))


def find_operation(method: str, path: str) -> Operation | None:
    """The operation a request is for; `path` is the URL path after the base path, still percent-encoded."""
    for operation in _operations():
        if operation.method == method.upper() and operation.pattern.match(path):
            return operation
    return None
