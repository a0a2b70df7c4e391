"""Identifiers: random (version 4) UUIDs for resources, cheap unique ones for `request-id`."""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Callable

__all__ = ["new_id", "request_id", "seeded_ids"]


def new_id() -> str:
    """A random version 4 UUID as text (what str(uuid.uuid4()) gives, with less work)."""
    return _as_uuid4(os.urandom(16))


def seeded_ids(seed: int) -> Callable[[], str]:
    """Version 4 UUIDs drawn from `seed`: two servers given the same requests in the same order give the same
    ids, so a run against each meets the same answers (what the suite's determinism tests compare)."""
    draw = random.Random(seed).randbytes
    return lambda: _as_uuid4(draw(16))


def _as_uuid4(random_bytes: bytes) -> str:
    raw = bytearray(random_bytes)
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_PREFIX = new_id()[:24]  # random per process; the last 12 hex digits count requests
_COUNTER = itertools.count(1)


def request_id() -> str:
    """A GUID-shaped id unique to this answer (every answer needs one; no randomness needed)."""
    return f"{_PREFIX}{next(_COUNTER) & 0xFFFFFFFFFFFF:012x}"
