"""What the client side needs to know about the spec, read once: operations, parameters, bodies, answers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import jsonschema_rs

from contract_client._spec import compile_schema
from openapi import load_spec, resolve

_METHODS = ("get", "put", "post", "patch", "delete")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once
class Param:
    name: str  # as in the spec, e.g. "$select" or "iosLobAppProvisioningConfigurationId"
    location: str  # path, query or header
    schema: dict[str, Any]  # resolved
    explode: bool  # for arrays in the query: repeated keys (True) or comma-separated (False)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once
class Reply:
    """One documented response, with the concrete statuses the suite serves for it."""

    key: str  # "200", "5XX"
    statuses: tuple[int, ...]
    media_type: str | None  # None: documented without a body
    schema: dict[str, Any] | None  # as written (usually a $ref)
    title: str | None  # the generated model class for an object body

    @property
    def is_success(self) -> bool:
        return self.key.startswith("2")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: built once
class OperationSpec:
    operation_id: str
    method: str  # upper case
    template: str  # path template, e.g. /deviceAppManagement/.../{iosLobAppProvisioningConfigurationId}
    tag: str  # the generated api subpackage
    params: tuple[Param, ...]
    body_schema: dict[str, Any] | None
    body_title: str | None
    replies: tuple[Reply, ...]

    @property
    def module(self) -> str:
        """The generated api module, e.g. `generated_client.api.assignments.list_assignments`."""
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation_id).lower()
        return f"generated_client.api.{self.tag}.{snake}"


def title_of(schema: dict[str, Any] | None) -> str | None:
    """The generated class name of an object schema: its component's title."""
    resolved = resolve(schema)
    return resolved.get("title") if isinstance(resolved, dict) and "$ref" in (schema or {}) else None


def _statuses(key: str) -> tuple[int, ...]:
    if key.endswith("XX"):  # a range: every standard status in it
        return tuple(s.value for s in HTTPStatus if s.value // 100 == int(key[0]))
    return (int(key),)


def _reply(key: str, response: dict[str, Any]) -> Reply:
    content = resolve(response).get("content") or {}
    if not content:
        return Reply(key, _statuses(key), None, None, None)
    media_type, media = next(iter(content.items()))
    return Reply(key, _statuses(key), media_type, media["schema"], title_of(media["schema"]))


def _param(raw: dict[str, Any]) -> Param:
    param = resolve(raw)
    style_default = param["in"] in ("query", "cookie")
    return Param(param["name"], param["in"], resolve(param["schema"]), param.get("explode", style_default))


@functools.cache
def operations() -> tuple[OperationSpec, ...]:
    """Every operation of the spec, in the spec's order."""
    found = []
    for template, item in load_spec()["paths"].items():
        for method in _METHODS:
            if method not in item:
                continue
            raw = item[method]
            params = {(p.name, p.location): p for p in map(_param, item.get("parameters", []))}
            params |= {(p.name, p.location): p for p in map(_param, raw.get("parameters", []))}
            body = (raw.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            replies = tuple(_reply(key, value) for key, value in raw["responses"].items())
            found.append(
                OperationSpec(
                    raw["operationId"],
                    method.upper(),
                    template,
                    raw["tags"][0],
                    tuple(params.values()),
                    body,
                    title_of(body),
                    replies,
                )
            )
    return tuple(found)


def operation(operation_id: str) -> OperationSpec:
    return next(op for op in operations() if op.operation_id == operation_id)


def validator(schema: dict[str, Any]) -> jsonschema_rs.Validator:
    """A validator for a body schema as written in an operation (a `$ref`, or inline): contract_client's."""
    return compile_schema(schema)[0]


def _all_of(schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = resolve(schema)
    return [schema, *(part for sub in schema.get("allOf", []) for part in _all_of(sub))]


@functools.cache
def _components_by_title() -> dict[str, dict[str, Any]]:
    return {s["title"]: s for s in load_spec()["components"]["schemas"].values() if "title" in s}


def properties_of(title: str) -> frozenset[str]:
    """The properties the spec defines for the class `title` (through `allOf`)."""
    schema = _components_by_title().get(title)
    if schema is None:
        return frozenset()
    return frozenset(name for part in _all_of(schema) for name in part.get("properties", {}))


@functools.cache
def kind_titles() -> dict[str, str]:
    """`@odata.type` value (either spelling) -> the class the spec pins it to."""
    found = {}
    for title, schema in _components_by_title().items():
        for part in _all_of(schema):
            for value in part.get("properties", {}).get("@odata.type", {}).get("enum", []):
                found[value] = title
    return found


@functools.cache
def date_time_properties() -> frozenset[str]:
    """Names of the properties the spec types as `format: date-time` (compared as instants)."""
    return frozenset(
        name
        for schema in load_spec()["components"]["schemas"].values()
        for part in _all_of(schema)
        for name, prop in part.get("properties", {}).items()
        if prop.get("format") == "date-time"
    )
