"""The contract: the hand-written OpenAPI document and what generates code from it.

Everything downstream (generated client, reference server, conformance suite) finds the spec here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

__all__ = ["CLIENT_CONFIG_PATH", "SPEC_PATH", "TEMPLATES_PATH", "load_spec", "locate", "resolve"]

_HERE = Path(__file__).resolve().parent
SPEC_PATH = _HERE / "ios-lob-app-provisioning-assignments.yaml"
CLIENT_CONFIG_PATH = _HERE / "client-config.yaml"
TEMPLATES_PATH = _HERE / "templates"


@functools.cache
def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The parsed spec. Cached: callers must not mutate it (deep-copy first)."""
    spec = _load(path)
    if not isinstance(spec, dict):
        raise ValueError(f"{path}: expected an OpenAPI document (a mapping), got {type(spec).__name__}")
    return spec


def locate(node: Any, root: dict[str, Any] | None = None) -> tuple[Any, str | None]:
    """`node` with its local `$ref`s (`#/...`, JSON pointers into `root`, the spec by default) followed,
    and the pointer of where it is finally written (None when `node` was no `$ref`)."""
    root = load_spec() if root is None else root
    pointer = None
    for _ in range(32):
        if not (isinstance(node, dict) and "$ref" in node):
            return node, pointer
        pointer = str(node["$ref"])
        node = root
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    raise ValueError(f"$ref chain too long at {pointer}")


def resolve(node: Any, root: dict[str, Any] | None = None) -> Any:
    """`node` with its local `$ref` followed (see `locate`)."""
    return locate(node, root)[0]
