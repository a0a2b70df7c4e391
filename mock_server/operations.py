"""The spec's operations, compiled once at start-up into what each request is checked against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mock_server.shapes import Shape, build_shape
from mock_server.validation import BodyRule, ParamRule
from openapi.schemas import validator_for_pointer

__all__ = ["METHODS", "Operation", "compile_operations"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_READS = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the spec's path template, without the `/beta` base path
    query: dict[str, ParamRule]  # documented query parameters by lower-case name, e.g. "$top"
    headers: tuple[ParamRule, ...]
    path_params: tuple[ParamRule, ...]
    body: BodyRule | None
    scopes: frozenset[str]  # any one of them grants the operation (x-ms-permissions)
    writes: bool


def _escape(segment: str) -> str:
    """A path key as a JSON pointer token inside a URI fragment (`{`, `}` percent-encoded)."""
    return quote(segment.replace("~", "~0").replace("/", "~1"), safe="~$")


def _param_rules(spec: dict[str, Any], entries: list[dict[str, Any]], pointer: str) -> dict[tuple[str, str], ParamRule]:
    rules: dict[tuple[str, str], ParamRule] = {}
    for index, entry in enumerate(entries):
        at = entry.get("$ref", f"{pointer}/{index}")
        param = entry
        if "$ref" in entry:
            param = spec
            for part in entry["$ref"].removeprefix("#/").split("/"):
                param = param[part.replace("~1", "/").replace("~0", "~")]
        rule = ParamRule.compile(param, at)
        rules[(rule.location, rule.key)] = rule
    return rules


def _scopes(operation: dict[str, Any], method: str, path: str) -> frozenset[str]:
    permissions = operation.get("x-ms-permissions")
    if not isinstance(permissions, dict):
        raise ValueError(f"{method} {path}: no x-ms-permissions")
    return frozenset(scope for scopes in permissions.values() for scope in scopes)


def compile_operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the spec with its validators compiled (the only place the spec is read)."""
    compiled: list[Operation] = []
    for path, item in spec["paths"].items():
        base = f"#/paths/{_escape(path)}"
        shared = _param_rules(spec, item.get("parameters", []), f"{base}/parameters")
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            at = f"{base}/{method}"
            params = {**shared, **_param_rules(spec, operation.get("parameters", []), f"{at}/parameters")}
            body = None
            if "requestBody" in operation:
                content = operation["requestBody"].get("content", {})
                if "application/json" not in content:
                    raise ValueError(f"{method} {path}: only application/json request bodies are supported")
                schema = content["application/json"]["schema"]
                shape = build_shape(spec, schema)
                _warm(shape)
                body = BodyRule(
                    required=bool(operation["requestBody"].get("required", False)),
                    validator=validator_for_pointer(f"{at}/requestBody/content/application~1json/schema"),
                    shape=shape,
                )
            compiled.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    query={rule.key: rule for rule in params.values() if rule.location == "query"},
                    headers=tuple(rule for rule in params.values() if rule.location == "header"),
                    path_params=tuple(rule for rule in params.values() if rule.location == "path"),
                    body=body,
                    scopes=_scopes(operation, method, path),
                    writes=method.upper() not in _READS,
                )
            )
    return compiled


def _warm(shape: Shape | None, depth: int = 0) -> None:
    """Compile the per-kind validators error messages use now, not on the first bad request."""
    if shape is None or depth > 16:
        return
    for pointer in shape.kind_pointers.values():
        validator_for_pointer(pointer)
    for kind in shape.kinds.values():
        _warm(kind, depth + 1)
    for child in (shape.props or {}).values():
        _warm(child, depth + 1)
    _warm(shape.items, depth + 1)
