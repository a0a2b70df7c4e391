"""Checks on generated models and JSON documents: the right class per `@odata.type`, every property the spec
defines held in a typed field, and JSON equal in meaning (date-times as instants, booleans apart from numbers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import attrs

from conformance.client_side.failures import CheckFailed
from openapi.index import spec_index


def walk(model: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every generated model inside `model` (itself included), with a path of Python attribute names."""
    if isinstance(model, list):
        for index, item in enumerate(model):
            yield from walk(item, f"{path}[{index}]")
    elif attrs.has(type(model)):
        yield path or "<root>", model
        for field in attrs.fields(type(model)):
            if field.name != "additional_properties":
                yield from walk(getattr(model, field.name), f"{path}.{field.name}" if path else field.name)


def check_classes(check: str, model: Any) -> None:
    """Each model is the class its `@odata.type` names, and keeps no spec-defined property as unknown."""
    for path, obj in walk(model):
        cls = type(obj).__name__
        odata_type = obj.to_dict().get("@odata.type")
        kind = spec_index().kinds.get(odata_type) if isinstance(odata_type, str) else None
        expected = kind.title if kind is not None else None
        if expected is not None and expected != cls:
            raise CheckFailed(
                check,
                "Wrong class for @odata.type",
                f"{path}: @odata.type {odata_type!r} parsed as {cls}, not {expected}",
            )
        untyped = sorted(spec_index().properties_of(cls) & set(obj.additional_properties))
        if untyped:
            raise CheckFailed(
                check,
                "Spec property not in a typed field",
                f"{path}: {cls} keeps {', '.join(untyped)} in additional_properties; the spec defines them for {cls}",
            )


def normalize(document: Any, key: str | None = None) -> Any:
    """JSON as meaning: date-time properties as instants (to the microsecond), booleans not equal to 0/1."""
    if isinstance(document, dict):
        return {k: normalize(v, k) for k, v in document.items()}
    if isinstance(document, list):
        return [normalize(v) for v in document]
    if isinstance(document, bool):
        return ("boolean", document)
    if isinstance(document, str) and key in spec_index().date_time_properties:
        try:
            return ("instant", datetime.fromisoformat(document))
        except ValueError:
            return document
    return document


def difference(expected: Any, actual: Any, path: str = "") -> str | None:
    """Where two JSON documents differ in meaning (first place found), or None."""
    return _difference(normalize(expected), normalize(actual), path)


def _difference(expected: Any, actual: Any, path: str) -> str | None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        # Expected keys in their order, then extra ones sorted: the first difference never depends on hashing.
        for key in [*expected, *sorted(actual.keys() - expected.keys())]:
            if key not in actual:
                return f"{path}/{key}: missing (expected {_show(expected[key])})"
            if key not in expected:
                return f"{path}/{key}: unexpected {_show(actual[key])}"
            found = _difference(expected[key], actual[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (a, b) in enumerate(zip(expected, actual, strict=True)):
            found = _difference(a, b, f"{path}/{index}")
            if found:
                return found
        return None
    if (expected == actual and type(expected) is type(actual)) or _same_number(expected, actual):
        return None
    return f"{path or '/'}: expected {_show(expected)}, got {_show(actual)}"


def _same_number(a: Any, b: Any) -> bool:
    numbers = (int, float)
    return isinstance(a, numbers) and isinstance(b, numbers) and a == b


def _show(value: Any) -> str:
    if isinstance(value, tuple) and len(value) == 2 and value[0] in ("boolean", "instant"):
        value = value[1]
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
