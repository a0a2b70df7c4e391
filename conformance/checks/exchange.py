"""What a Graph check looks at: one request and its answer (a check raises `conformance.errors.CheckFailed`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_NO_JSON = object()


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, transport-neutral (built from schemathesis or httpx objects)."""

    operation_id: str
    method: str
    url: str
    request_headers: Mapping[str, str]  # lower-case names
    request_body: bytes | None
    status: int
    response_headers: Mapping[str, str]  # lower-case names
    response_body: bytes

    @property
    def media_type(self) -> str:
        return self.response_headers.get("content-type", "").split(";")[0].strip().lower()

    def response_json(self) -> Any:
        """The answer's JSON, or `_NO_JSON` when it is not JSON."""
        return _loads(self.response_body)

    def request_json(self) -> Any:
        return _loads(self.request_body or b"")


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return _NO_JSON


def is_json(value: Any) -> bool:
    return value is not _NO_JSON


def lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


def curl(ex: Exchange) -> str:
    """A curl line that sends the request again (its Authorization is redacted by the reports)."""
    parts = [f"curl -X {ex.method} {_quote(ex.url)}"]
    for name in ("authorization", "content-type", "client-request-id"):
        if name in ex.request_headers:
            parts.append(f"-H {_quote(f'{name}: {ex.request_headers[name]}')}")
    if ex.request_body:
        parts.append(f"-d {_quote(ex.request_body.decode('utf-8', 'replace'))}")
    return " ".join(parts)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def describe(ex: Exchange) -> str:
    """The request and its answer, as a failure's example."""
    lines = [f"{ex.method} {ex.url}"]
    if ex.request_body:
        lines += ["", ex.request_body.decode("utf-8", "replace")]
    lines += ["", f"-> {ex.status}", ex.response_body[:2000].decode("utf-8", "replace")]
    return "\n".join(lines)
