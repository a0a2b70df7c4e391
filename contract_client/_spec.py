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

__all__ = ["Answer", "Operation", "find_operation", "resolve"]

_METHODS = ("get", "put", "post", "patch", "delete")
_STANDARD = frozenset(member.value for member in HTTPStatus)


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
        if status in _STANDARD and f"{status // 100}XX" in self.answers:
            return self.answers[f"{status // 100}XX"]
        return self.answers.get("default")


def _compile(schema: dict[str, Any]) -> tuple[jsonschema_rs.Validator, dict[str, Any]]:
    """A validator for `schema`; a plain `$ref` uses the spec-wide cache, inline schemas get the components."""
    if set(schema) == {"$ref"}:
        return validator_for_pointer(schema["$ref"]), load_spec()
    root = {**schema, "components": load_spec()["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True), root


def _answer(response: dict[str, Any]) -> Answer:
    content = resolve(response).get("content") or {}
    if not content:
        return Answer(None, None, {})
    media_type, media = next(iter(content.items()))
    validator, root = _compile(media["schema"])
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
