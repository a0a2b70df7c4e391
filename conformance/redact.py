"""Tokens never leave the run: every text a report or the console shows passes through `Redactor`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from conformance.results import CheckResult

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

    def result(self, result: CheckResult) -> CheckResult:
        """The same result with every text of its failures redacted (for results made elsewhere)."""
        failures = tuple(
            dataclasses.replace(
                f,
                title=self(f.title),
                message=self(f.message),
                example=self(f.example),
                curl=self(f.curl) if f.curl else f.curl,
                replay=self(f.replay) if f.replay else f.replay,
            )
            for f in result.failures
        )
        return dataclasses.replace(result, failures=failures, reason=self(result.reason))
