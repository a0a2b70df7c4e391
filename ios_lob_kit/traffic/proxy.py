"""The validating proxy: an ASGI app that forwards every request unchanged to the upstream and keeps the exchange.

Judging happens after the answer is sent (the client waits for forwarding only). Bodies are buffered; the
answer's bytes go back exactly as the upstream sent them (a compressed answer stays compressed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
from starlette.types import Message, Receive, Scope, Send

from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.traffic.certify import Certification

# Hop-by-hop headers (RFC 9110 7.6.1) and those httpx or uvicorn set themselves.
_REQUEST_DROPPED = frozenset(
    {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "upgrade"}
)
_RESPONSE_DROPPED = frozenset({"content-length", "connection", "keep-alive", "transfer-encoding", "date", "server"})


@dataclass(frozen=True)
class Recorded:
    started: datetime
    seconds: float  # from the request's arrival to the upstream's last byte
    exchange: Exchange
    canned: bool = False  # answered by the proxy itself (certification), not by the upstream


@dataclass
class Recording:
    """What passed through; `on_exchange` is told each count (the CLI stops after `--requests N`)."""

    exchanges: list[Recorded] = field(default_factory=list)
    upstream_errors: list[str] = field(default_factory=list)
    on_exchange: Callable[[int], None] | None = None

    def add(self, recorded: Recorded) -> None:
        self.exchanges.append(recorded)
        if self.on_exchange is not None:
            self.on_exchange(len(self.exchanges))


class ProxyApp:
    """Forwards to `upstream` (an origin, with or without a path: the request's own path is sent as it is)."""

    def __init__(
        self, upstream: str, recording: Recording, *, certification: Certification | None = None, timeout: float = 100.0
    ) -> None:
        parts = urlsplit(upstream)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.recording = recording
        self.certification = certification
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._client = httpx.AsyncClient(timeout=self._timeout, follow_redirects=False)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self._client is not None, "the proxy runs with lifespan on"
        started, clock = datetime.now(UTC), time.perf_counter()
        body = await _body(receive)
        target = scope.get("raw_path") or scope["path"].encode()
        url = self.origin + target.decode("latin-1")
        if scope.get("query_string"):
            url += "?" + scope["query_string"].decode("latin-1")
        request_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.certification is not None:
            canned = self.certification.before(scope["method"], url, request_headers)
            if canned is not None:
                await _answer(send, canned.status, canned.headers, canned.body)
                answered = httpx.Response(canned.status, headers=canned.headers, content=canned.body)
                exchange = _exchange(scope["method"], url, request_headers, body, answered, canned.body)
                self.recording.add(Recorded(started, time.perf_counter() - clock, exchange, canned=True))
                return
        headers = [(k, v) for k, v in scope["headers"] if k.decode("latin-1").lower() not in _REQUEST_DROPPED]
        request = self._client.build_request(scope["method"], url, headers=headers, content=body)
        try:
            response = await self._client.send(request, stream=True)
            try:
                raw = b"".join([chunk async for chunk in response.aiter_raw()])
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            self.recording.upstream_errors.append(f"{scope['method']} {url}: {type(exc).__name__}: {exc}")
            await _answer(send, 502, [(b"content-type", b"application/json")], _bad_gateway(exc))
            return
        kept = [(k, v) for k, v in response.headers.raw if k.decode("latin-1").lower() not in _RESPONSE_DROPPED]
        sent = raw
        if self.certification is not None and "content-encoding" not in response.headers:
            proxy_origin = f"{scope.get('scheme', 'http')}://{request_headers.get('host', '')}"
            content_type = response.headers.get("content-type", "")
            sent = self.certification.after(raw, content_type, self.origin, proxy_origin)
        await _answer(send, response.status_code, kept, sent)
        exchange = _exchange(scope["method"], url, request_headers, body, response, _decoded(response, raw))
        self.recording.add(Recorded(started, time.perf_counter() - clock, exchange))


def _exchange(
    method: str, url: str, headers: dict[str, str], body: bytes, response: httpx.Response, answered: bytes
) -> Exchange:
    """What is judged: the request as the client sent it, the answer as the upstream (or the proxy) gave it."""
    return Exchange(
        operation_id="",
        method=method,
        url=url,
        request_headers=headers,
        request_body=body or None,
        status=response.status_code,
        response_headers={k.lower(): v for k, v in response.headers.items()},
        response_body=answered,
    )


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message: Message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """The answer's body as the client reads it (a compressed answer is judged decompressed)."""
    if "content-encoding" not in response.headers:
        return raw
    return httpx.Response(response.status_code, headers=response.headers, stream=httpx.ByteStream(raw)).read()


def _bad_gateway(exc: Exception) -> bytes:
    error = {
        "error": {"code": "badGateway", "message": f"the proxy could not reach the upstream: {type(exc).__name__}"}
    }
    return json.dumps(error).encode()
