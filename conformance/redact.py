"""Tokens never leave the run: every text a report or the console shows passes through `Redactor`."""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[REDACTED]"
# Whatever follows "Bearer" is a credential, even one the run was not told about (a vendor's own header).
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s'\"\\,;]+")


class Redactor:
    """Replaces each known secret, and any bearer credential, with `[REDACTED]`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first, so a secret that contains another is removed whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _BEARER.sub(lambda m: m.group(1) + REDACTED, text)
