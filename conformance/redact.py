"""Tokens never leave the run: every text a report or the console shows passes through `Redactor`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from conformance.results import CheckResult

REDACTED = "[REDACTED]"
# Whatever follows "Bearer" is a credential, even one the run was not told about (a vendor's own header);
# so is a Basic credential in an Authorization header (HTTP clients send a URL's userinfo as one).
_CREDENTIAL = re.compile(r"(?i)(bearer\s+|authorization[\"']?\s*[:=]\s*[\"']?basic\s+)[^\s'\"\\,;]+")
# A URL's userinfo (`https://user:password@host`) is a credential too.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@'\"]+@")


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
        return redact_url(_CREDENTIAL.sub(lambda m: m.group(1) + REDACTED, text))

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
