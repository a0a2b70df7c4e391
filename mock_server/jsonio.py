"""JSON in and out with the encoder and decoder built once (json.dumps/loads with options build one per call)."""

from __future__ import annotations

import json
import math
from _json import make_encoder  # the C encoder JSONEncoder.encode would build again on every call
from json.encoder import encode_basestring_ascii
from typing import Any

__all__ = ["dump_bytes", "dump_text", "load_text"]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text} is out of range")
    return value


# Compact, ASCII output (a lone surrogate a client sent cannot break encoding to UTF-8 or SQLite
# later), as JSONEncoder(separators=(",", ":")) writes; no cycle check, as values come from JSON text.
_ENCODE = make_encoder(None, json.JSONEncoder().default, encode_basestring_ascii, None, ":", ",", False, False, True)
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)


def dump_text(value: Any) -> str:
    return "".join(_ENCODE(value, 0))


def dump_bytes(value: Any) -> bytes:
    return "".join(_ENCODE(value, 0)).encode()


def load_text(text: str) -> Any:
    return _DECODER.decode(text)
