"""What the server-side checks name from the spec, as `ios_lob_kit.openapi.index` reads it (nothing here reads the
document)."""

from __future__ import annotations

import re
from typing import Any

from ios_lob_kit.openapi.index import ODATA_TYPE, Schema, canonical_type, spec_index

__all__ = [
    "ASSIGNMENT_ID",
    "CONFIGURATION_ID",
    "CONFIGURATION_SCOPED",
    "ODATA_TYPE",
    "SERVER_SET",
    "WRITES",
    "accepts",
    "assign_list",
    "canonical_type",
    "entity_set",
    "odata_type",
    "operations",
    "path_parameters",
    "properties",
    "query_options",
    "request_example",
    "request_schema",
    "target_kinds",
]

SERVER_SET = spec_index().server_set


def operations() -> dict[str, tuple[str, str]]:
    """operationId -> (METHOD, path template), in the spec's order."""
    return {op.operation_id: (op.method, op.path) for op in spec_index().operations}


def path_parameters(operation_id: str) -> list[str]:
    """The `{names}` in the operation's path, in order."""
    return list(spec_index().operation(operation_id).path_parameters)


# The path parameters naming a configuration and one of its assignments (read from the deepest item path).
CONFIGURATION_ID, ASSIGNMENT_ID = path_parameters("getAssignment")
WRITES: tuple[str, ...] = tuple(op.operation_id for op in spec_index().writes)
# Operations that take a configuration's id in their path (and maybe an assignment's).
CONFIGURATION_SCOPED: tuple[str, ...] = tuple(op for op in operations() if CONFIGURATION_ID in path_parameters(op))


def query_options(operation_id: str) -> dict[str, Schema]:
    """The query options the spec documents on the operation (`$top`, `$filter`, ...) and their schemas."""
    return {p.name: p.schema for p in spec_index().operation(operation_id).parameters_in("query")}


def accepts(operation_id: str, option: str, text: str) -> bool:
    """Whether the spec allows `text` as the value of a string query option of the operation."""
    schema = query_options(operation_id).get(option)
    if schema is None or "string" not in schema.types:
        return False
    pattern = schema.node.get("pattern")
    return (pattern is None or re.search(pattern, text) is not None) and (schema.enum is None or text in schema.enum)


def assign_list(component: str = "iosLobAppProvisioningConfigurationAssignment") -> str:
    """The property of the assign action's body that lists what to set of `component` (the assignments, or
    the group assignments)."""
    wanted = odata_type(component)
    for name, prop in (spec_index().schemas[request_schema("assignConfiguration") or ""].properties or {}).items():
        if prop.items is not None and prop.items.odata_type == wanted:  # its request shape pins the same type
            return name
    raise KeyError(f"the assign action lists no {component}")


def entity_set(operation_id: str) -> str:
    """The entity set the operation's answers belong to: the last plain segment of its path."""
    segments = operations()[operation_id][1].strip("/").split("/")
    return next(s for s in reversed(segments) if not s.startswith(("{", "$")))


def request_schema(operation_id: str) -> str | None:
    """The component name of the operation's request body, if it has one."""
    body = spec_index().operation(operation_id).body
    return body.schema.name if body is not None else None


def request_example(operation_id: str) -> Any:
    """The operation's first request example (None when it takes no body)."""
    body = spec_index().operation(operation_id).body
    return next(iter(body.examples.values())) if body is not None else None


def properties(component: str) -> frozenset[str]:
    """Every property a component defines, through its `allOf` parts."""
    return frozenset(spec_index().schemas[component].properties or {})


def odata_type(component: str) -> str:
    """The canonical (`#`) spelling of the `@odata.type` a component pins in its enum."""
    found = spec_index().schemas[component].odata_type
    if found is None:
        raise KeyError(f"{component} pins no canonical @odata.type")
    return found


def target_kinds() -> dict[str, str]:
    """Canonical target `@odata.type` (with `#`) -> its component name."""
    return {str(kind.odata_type): str(kind.name) for kind in spec_index().target.one_of}
