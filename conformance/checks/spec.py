"""What the checks need to know about the spec, read from `openapi.load_spec()` (never re-typed here)."""

from __future__ import annotations

import functools
import re
from typing import Any

from openapi import load_spec, resolve
from openapi.facts import server_set_properties

SERVER_SET = server_set_properties()
ODATA_TYPE = "@odata.type"
READ_SCOPE = "DeviceManagementApps.Read.All"  # an operation whose `x-ms-permissions` lack it writes
_METHODS = ("get", "post", "put", "patch", "delete")


@functools.cache
def operations() -> dict[str, tuple[str, str]]:
    """operationId -> (METHOD, path template), in the spec's order."""
    found: dict[str, tuple[str, str]] = {}
    for path, item in load_spec()["paths"].items():
        for method in _METHODS:
            if method in item:
                found[item[method]["operationId"]] = (method.upper(), path)
    return found


def _definition(operation_id: str) -> dict[str, Any]:
    method, path = operations()[operation_id]
    definition: dict[str, Any] = load_spec()["paths"][path][method.lower()]
    return definition


def _writes(operation_id: str) -> bool:
    permissions = _definition(operation_id).get("x-ms-permissions", {})
    return not any(READ_SCOPE in scopes for scopes in permissions.values())


def path_parameters(operation_id: str) -> list[str]:
    """The `{names}` in the operation's path, in order."""
    return re.findall(r"\{([^}]+)\}", operations()[operation_id][1])


# The path parameters naming a configuration and one of its assignments (read from the deepest item path).
CONFIGURATION_ID, ASSIGNMENT_ID = path_parameters("getAssignment")
# Operations that write: `x-ms-permissions` without the read scope.
WRITES: tuple[str, ...] = tuple(op for op in operations() if _writes(op))
# Operations that take a configuration's id in their path (and maybe an assignment's).
CONFIGURATION_SCOPED: tuple[str, ...] = tuple(op for op in operations() if CONFIGURATION_ID in path_parameters(op))


@functools.cache
def request_schema(operation_id: str) -> str | None:
    """The component name of the operation's JSON request body, if it has one."""
    body = _definition(operation_id).get("requestBody")
    if body is None:
        return None
    ref: str = body["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def request_example(operation_id: str) -> Any:
    """The operation's first request example (None when it takes no body)."""
    body = _definition(operation_id).get("requestBody")
    if body is None:
        return None
    examples = body["content"]["application/json"]["examples"]
    return next(iter(examples.values()))["value"]


@functools.cache
def properties(component: str) -> frozenset[str]:
    """Every property a component defines, through its `allOf` parts."""
    return frozenset(_collect(load_spec()["components"]["schemas"][component]))


def _collect(schema: dict[str, Any]) -> set[str]:
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _collect(resolve(part))
    return names


@functools.cache
def odata_type(component: str) -> str:
    """The canonical (`#`) spelling of the `@odata.type` a component pins in its enum."""
    schema = load_spec()["components"]["schemas"][component]
    for part in [schema, *(resolve(p) for p in schema.get("allOf", []))]:
        for value in part.get("properties", {}).get(ODATA_TYPE, {}).get("enum", []):
            if value.startswith("#"):
                return str(value)
    raise KeyError(f"{component} pins no canonical @odata.type")


@functools.cache
def target_kinds() -> dict[str, str]:
    """Canonical target `@odata.type` (with `#`) -> its component name."""
    kinds: dict[str, str] = {}
    for member in load_spec()["components"]["schemas"]["assignmentTarget"]["oneOf"]:
        if "$ref" in member:
            name = member["$ref"].rsplit("/", 1)[-1]
            kinds[odata_type(name)] = name
    return kinds


def canonical_type(value: Any) -> Any:
    """`microsoft.graph.x` and `#microsoft.graph.x` name the same type; this is the `#` spelling."""
    if isinstance(value, str) and not value.startswith("#"):
        return "#" + value
    return value
