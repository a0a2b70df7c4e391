"""What the server-side checks name from the spec, as `openapi.index` reads it (nothing here reads the document)."""

from __future__ import annotations

from typing import Any

from openapi.index import ODATA_TYPE, canonical_type, spec_index

__all__ = [
    "ASSIGNMENT_ID",
    "CONFIGURATION_ID",
    "CONFIGURATION_SCOPED",
    "ODATA_TYPE",
    "SERVER_SET",
    "WRITES",
    "canonical_type",
    "odata_type",
    "operations",
    "path_parameters",
    "properties",
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
