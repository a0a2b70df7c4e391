"""JSON compared by meaning, the one way the suite compares what was sent with what came back (both sides).

Date-time properties (as the spec types them) compare as instants to the microsecond, so an offset or a
seventh fractional digit is no difference; booleans never equal 0 or 1; 3 and 3.0 are the same number.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ios_lob_kit.openapi.index import spec_index


def normalize(document: Any, key: str | None = None) -> Any:
    """JSON as meaning: date-time properties as instants (to the microsecond), booleans not equal to 0/1."""
    if isinstance(document, dict):
        return {k: normalize(v, k) for k, v in document.items()}
    if isinstance(document, list):
        return [normalize(v) for v in document]
    if isinstance(document, bool):
        return ("boolean", document)
    if isinstance(document, str) and key in spec_index().date_time_properties:
        moment = instant(document)
        return document if moment is None else ("instant", moment)
    return document


_FRACTION = re.compile(r"(\.\d{6})\d+")


def instant(text: str) -> datetime | None:
    """A date-time as an instant (to the microsecond), or None when the text is not one."""
    try:
        return datetime.fromisoformat(_FRACTION.sub(r"\1", text.upper().replace("Z", "+00:00")))
    except ValueError:
        return None


def difference(expected: Any, actual: Any, path: str = "", *, key: str | None = None) -> str | None:
    """Where two JSON documents differ in meaning (first place found), or None; `key`: the property name
    both are the value of (a date-time property's values compare as instants)."""
    return _difference(normalize(expected, key), normalize(actual, key), path)


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
