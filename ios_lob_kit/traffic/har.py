"""HAR 1.2 recordings (what browsers, mitmproxy and schemathesis export) to and from `Exchange`s.

Recordings the proxy writes carry no secrets: credential headers and any bearer token are redacted.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ios_lob_kit.conformance.checks.exchange import Exchange, lower_keys
from ios_lob_kit.conformance.redact import REDACTED, Redactor

_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


class HarError(ValueError):
    """The file is not a HAR recording the kit can read (said in one line)."""


def read(path: Path) -> Iterator[Exchange]:
    """Every entry of a HAR file that has an answer, as an `Exchange`."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HarError(f"{path}: not a HAR file ({type(exc).__name__}: {exc})") from None
    for number, entry in enumerate(entries):
        try:
            yield _exchange(entry)
        except (KeyError, TypeError, ValueError) as exc:
            raise HarError(f"{path}: entry {number} is not a HAR entry ({type(exc).__name__}: {exc})") from None


def _exchange(entry: dict[str, Any]) -> Exchange:
    request, response = entry["request"], entry["response"]
    post = request.get("postData") or {}
    return Exchange(
        operation_id="",
        method=request["method"].upper(),
        url=request["url"],
        request_headers=lower_keys({h["name"]: h["value"] for h in request.get("headers", [])}),
        request_body=post["text"].encode() if post.get("text") else None,
        status=int(response["status"]),
        response_headers=lower_keys({h["name"]: h["value"] for h in response.get("headers", [])}),
        response_body=_content(response.get("content") or {}),
    )


def _content(content: dict[str, Any]) -> bytes:
    text = content.get("text") or ""
    return base64.b64decode(text) if content.get("encoding") == "base64" else text.encode()


def write(path: Path, exchanges: Iterable[tuple[datetime, float, Exchange]], redact: Redactor) -> Path:
    """A HAR file of `(started, seconds, exchange)`, every credential redacted."""
    entries = [_entry(started, elapsed, ex, redact) for started, elapsed, ex in exchanges]
    log = {"version": "1.2", "creator": {"name": "ios-lob-traffic-proxy", "version": "1"}, "entries": entries}
    path.write_text(json.dumps({"log": log}, indent=1), encoding="utf-8")
    return path


def _entry(started: datetime, elapsed: float, ex: Exchange, redact: Redactor) -> dict[str, Any]:
    request: dict[str, Any] = {
        "method": ex.method,
        "url": redact(ex.url),
        "httpVersion": "HTTP/1.1",
        "headers": _headers(ex.request_headers, redact),
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": len(ex.request_body or b""),
    }
    if ex.request_body:
        text = redact(ex.request_body.decode("utf-8", "replace"))
        request["postData"] = {"mimeType": ex.request_headers.get("content-type", ""), "text": text}
    phrase = HTTPStatus(ex.status).phrase if ex.status in HTTPStatus._value2member_map_ else ""
    response = {
        "status": ex.status,
        "statusText": phrase,
        "httpVersion": "HTTP/1.1",
        "headers": _headers(ex.response_headers, redact),
        "cookies": [],
        "content": {
            "size": len(ex.response_body),
            "mimeType": ex.response_headers.get("content-type", ""),
            "text": redact(ex.response_body.decode("utf-8", "replace")),
        },
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": len(ex.response_body),
    }
    millis = round(elapsed * 1000, 3)
    return {
        "startedDateTime": started.astimezone(UTC).isoformat(),
        "time": millis,
        "request": request,
        "response": response,
        "cache": {},
        "timings": {"send": 0, "wait": millis, "receive": 0},
    }


def _headers(headers: dict[str, str] | Any, redact: Redactor) -> list[dict[str, str]]:
    shown = []
    for name, value in headers.items():
        if name.lower() in _CREDENTIAL_HEADERS:
            cleaned = redact(value)
            value = cleaned if cleaned != value else REDACTED
        shown.append({"name": name, "value": redact(value)})
    return shown
