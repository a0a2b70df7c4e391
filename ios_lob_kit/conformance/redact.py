"""Tokens never leave the run: every event of the stream (so every text a report or the console shows)
passes through `Redactor.every_text`, once, in `ios_lob_kit.conformance.stream.Stream`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")
REDACTED = "[REDACTED]"
# Whatever follows "Bearer" is a credential, even one the run was not told about (a vendor's own header);
# so is a Basic credential in an Authorization header (HTTP clients send a URL's userinfo as one).
_CREDENTIAL = re.compile(r"(?i)(bearer\s+|authorization[\"']?\s*[:=]\s*[\"']?basic\s+)([^\s'\"\\,;]+)")
MADE_UP_TOKEN = "not-a-token"  # what the security scenarios send as a bad token
# What follows "Bearer" but is no secret, and is kept: a reproduction's variable (`Bearer $CONFORMANCE_TOKEN`)
# and the made-up token (so the security scenarios' curl lines reproduce).
_NOT_SECRET = re.compile(rf"\$CONFORMANCE_[A-Z_]+|{re.escape(MADE_UP_TOKEN)}")
# A URL's userinfo (`https://user:password@host`) is a credential too.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@'\"]+@")


def _credential_redacted(match: re.Match[str]) -> str:
    kept = _NOT_SECRET.fullmatch(match.group(2))
    return match.group(0) if kept else match.group(1) + REDACTED


def redact_url(text: str) -> str:
    """`text` with the userinfo of every URL in it replaced: `https://[REDACTED]@host/...`."""
    return _URL_USERINFO.sub(lambda m: m.group(1) + REDACTED + "@", text)


class Redactor:
    """Replaces each known secret, any bearer or basic credential and any URL userinfo with `[REDACTED]`."""

    def __init__(self, secrets: Iterable[str], live: Iterable[str] = ()) -> None:
        self._secrets = {s for s in secrets if s}
        self._live = live  # read again at every call: tokens an app registration gets during the run

    def __call__(self, text: str) -> str:
        # Longest first, so a secret that contains another is removed whole.
        for secret in sorted(self._secrets.union(self._live), key=len, reverse=True):
            if secret:
                text = text.replace(secret, REDACTED)
        return redact_url(_CREDENTIAL.sub(_credential_redacted, text))

    def every_text(self, value: T) -> T:
        """`value` (an event, a result, a text) with every text in it redacted, however deep."""
        found: Any = value
        if isinstance(value, Enum):
            return value
        if isinstance(value, str):
            found = self(value)
        elif isinstance(value, tuple | list):
            found = type(value)(self.every_text(item) for item in value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: self.every_text(getattr(value, f.name)) for f in dataclasses.fields(value)}
            found = dataclasses.replace(value, **fields)
        return found  # type: ignore[no-any-return]

    result = every_text  # a `CheckResult` made elsewhere
