"""JSON in and out with the encoder and decoder built once (json.dumps/loads with options build one per call)."""

from __future__ import annotations

import json
import math
from _json import make_encoder  # the C encoder JSONEncoder.encode would build again on every call
from json.encoder import encode_basestring_ascii
from typing import Any

__all__ = ["DuplicateKeyError", "dump_bytes", "dump_text", "load_text"]


class DuplicateKeyError(ValueError):
    """An object names the same key twice: which value was meant is ambiguous (RFC 8259 I-JSON: refuse)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object")
        self.key = key


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _number(text: str) -> float | int:
    """A JSON number written with a fraction or exponent. An integral one (`1.0`, `1e2`) is the integer it
    denotes: JSON Schema counts it as an integer, so an Int32 field stores and echoes `1`, never `1.0`."""
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text} is out of range")
    return int(value) if value.is_integer() else value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return value


# Compact, ASCII output (a lone surrogate a client sent cannot break encoding to UTF-8 or SQLite
# later), as JSONEncoder(separators=(",", ":")) writes; no cycle check, as values come from JSON text.
_ENCODE = make_encoder(None, json.JSONEncoder().default, encode_basestring_ascii, None, ":", ",", False, False, True)
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_number, object_pairs_hook=_object)


def dump_text(value: Any) -> str:
    return "".join(_ENCODE(value, 0))


def dump_bytes(value: Any) -> bytes:
    return "".join(_ENCODE(value, 0)).encode()


def load_text(text: str) -> Any:
    return _DECODER.decode(text)
