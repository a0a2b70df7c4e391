"""The generated client's pieces for an operation, found by name in whatever `generated_client` is importable.

Nothing here knows a shape: modules come from operationIds and tags, classes from schema titles, keyword
names from the api functions' signatures. So a client generated from another spec is checked the same way.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from types import ModuleType
from typing import Any

from ios_lob_kit.openapi.index import Operation, Parameter


def module_name(op: Operation) -> str:
    """The generated api module, e.g. `ios_lob_kit.generated_client.api.assignments.list_assignments`."""
    return f"ios_lob_kit.generated_client.api.{_snake(op.tag or 'default')}.{_snake(op.operation_id)}"


def _snake(name: str) -> str:
    """As the generator names modules: `groupAssignments` -> `group_assignments`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def api_module(op: Operation) -> ModuleType:
    return importlib.import_module(module_name(op))


def model_class(title: str) -> Any:
    return getattr(importlib.import_module("ios_lob_kit.generated_client.models"), title)


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@functools.cache
def keyword_of(op: Operation, param: Parameter) -> str:
    """The keyword argument of the generated api function that carries `param` (e.g. `$filter` -> `filter_`)."""
    names = inspect.signature(api_module(op).sync_detailed).parameters
    for name in names:
        if _loose(name) == _loose(param.name):
            return name
    raise LookupError(
        f"{module_name(op)}.sync_detailed has no argument for the {param.location} parameter {param.name}"
    )
