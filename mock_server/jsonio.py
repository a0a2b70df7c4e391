"""JSON in and out with encoders built once (json.dumps/loads with options build one per call)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dump_bytes", "dump_text", "load_text"]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# ASCII output: a lone surrogate a client sent cannot break encoding to UTF-8 or SQLite later.
_ENCODER = json.JSONEncoder(separators=(",", ":"))
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def dump_text(value: Any) -> str:
    return _ENCODER.encode(value)


def dump_bytes(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


def load_text(text: str) -> Any:
    return _DECODER.decode(text)
