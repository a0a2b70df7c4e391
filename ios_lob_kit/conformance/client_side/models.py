"""Checks on generated models: the right class per `@odata.type`, every property the spec defines held in a
typed field (JSON equal in meaning is `ios_lob_kit.conformance.json_meaning`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.openapi.index import spec_index


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
    """Each model is the class its `@odata.type` names (or, in a request, that class's request shape), and keeps
    no spec-defined property as unknown."""
    for path, obj in walk(model):
        cls = type(obj).__name__
        odata_type = obj.to_dict().get("@odata.type")
        kind = spec_index().kinds.get(odata_type) if isinstance(odata_type, str) else None
        expected = kind.title if kind is not None else None
        own = spec_index().by_title(cls)
        is_request_shape = kind is not None and own is not None and spec_index().answer_shape(own) is kind
        if expected is not None and expected != cls and not is_request_shape:
            text = f"{path}: @odata.type {odata_type!r} parsed as {cls}, not {expected}"
            raise CheckFailed("Wrong class for @odata.type", text, check=check)
        untyped = sorted(spec_index().properties_of(cls) & set(obj.additional_properties))
        if untyped:
            text = f"{path}: {cls} keeps {', '.join(untyped)} in additional_properties; the spec defines them for {cls}"
            raise CheckFailed("Spec property not in a typed field", text, check=check)
