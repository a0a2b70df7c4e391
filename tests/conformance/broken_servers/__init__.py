"""Deliberately broken servers: ASGI middlewares around the healthy reference server, on real HTTP.

`serve(app)` runs any ASGI app with uvicorn in a thread on a free loopback port and yields its base URL
(ending in /beta). `Rewrite` is the one middleware shape every broken server uses: it sees each request
(and may change it) and each buffered answer (and may change that); an async hook may also `ask` the
healthy server other requests first (to look something up, as a broken implementation would).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.config import ServerConfig, TokenGrant, dev_tokens


@dataclass
class Exchange:
    """A request as the middleware sees it, and the answer it may rewrite."""

    method: str
    path: str  # without the query string, e.g. /beta/deviceAppManagement/...
    headers: dict[str, str]  # lower-case names
    body: bytes
    query: str = ""  # the raw query string, e.g. $top=2&$count=true
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    forward: Callable[[Exchange], Awaitable[None]] | None = field(default=None, repr=False)

    async def ask(
        self, method: str, path: str, query: str = "", body: Any = None, authorization: str | None = None
    ) -> Exchange:
        """Another request to the healthy server (with this request's Authorization unless given); its answer."""
        assert self.forward is not None, "ask() works inside a Rewrite hook"
        headers = {"authorization": authorization or self.headers.get("authorization", "")}
        raw = b""
        if body is not None:
            headers["content-type"], raw = "application/json", json.dumps(body).encode()
        other = Exchange(method=method, path=path, headers=headers, body=raw, query=query, forward=self.forward)
        await self.forward(other)
        return other

    def query_items(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)

    def set_query(self, items: list[tuple[str, str]]) -> None:
        self.query = urlencode(items, safe="$',")

    def json(self) -> Any:
        return json.loads(self.response_body) if self.response_body else None

    def set_json(self, value: Any) -> None:
        self.response_body = json.dumps(value).encode()
        self.response_headers["content-length"] = str(len(self.response_body))

    def request_json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, RecursionError):  # not JSON, or nested past what json.loads can take
            return None


Hook = Callable[[Exchange], Awaitable[None] | None]


class Rewrite:
    """Calls `before` on the request (it may change method, headers and body, or answer by itself by setting
    `status`), forwards it to the healthy app, then calls `after` on the buffered answer."""

    def __init__(self, app: ASGIApp, *, before: Hook | None = None, after: Hook | None = None) -> None:
        self.app, self.before, self.after = app, before, after

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        ex = Exchange(method=scope["method"], path=scope["path"], headers=headers, body=body, query=query)
        ex.forward = lambda other: self._forward(scope, other)
        await _call(self.before, ex)
        if not ex.status:
            await self._forward(scope, ex)
            await _call(self.after, ex)
        ex.response_headers["content-length"] = str(len(ex.response_body))
        await send(
            {
                "type": "http.response.start",
                "status": ex.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in ex.response_headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": ex.response_body})

    async def _forward(self, scope: Scope, ex: Exchange) -> None:
        inner_scope = dict(scope, method=ex.method)
        if ex.path != scope["path"]:
            inner_scope.update(path=ex.path, raw_path=quote(ex.path).encode())
        inner_scope["query_string"] = ex.query.encode("latin-1")
        inner_scope["headers"] = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in ex.headers.items()]
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": ex.body, "more_body": False}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                ex.status = message["status"]
                ex.response_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message["headers"]}
            elif message["type"] == "http.response.body":
                ex.response_body += message.get("body", b"")

        ex.headers["content-length"] = str(len(ex.body))
        await self.app(inner_scope, receive, send)


async def _call(hook: Hook | None, ex: Exchange) -> None:
    if hook is not None:
        result = hook(ex)
        if result is not None:
            await result


CONFIGS = "/beta/deviceAppManagement/iosLobAppProvisioningConfigurations"
CONFIG_ITEM = re.compile(rf"^{CONFIGS}/[^/]+$")
ASSIGNMENTS = re.compile(rf"^{CONFIGS}/[^/]+/assignments$")
ASSIGNMENT_ITEM = re.compile(rf"^{CONFIGS}/[^/]+/assignments/(?!\$count$)[^/]+$")
ASSIGNMENT_TYPE = "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"


@dataclass(frozen=True)
class Tokens:
    read_write: TokenGrant
    read_only: TokenGrant
    other_tenant: TokenGrant


@dataclass(frozen=True)
class Broken:
    """A catalogue row: a broken server, what is wrong with it, and the check that must catch it."""

    name: str
    breaks: str  # what is wrong, in one line
    catches: str  # the check that must report it
    wrap: Callable[[ASGIApp, Tokens], ASGIApp]
    phases: tuple[str, ...] = ("examples",)
    operation: str = ""  # when set, the operation whose `catches` must fail
    title: str = ""  # when set, the failure's title (which part of the check caught it)


def healthy_app(page_size: int = 100) -> tuple[ASGIApp, Tokens]:
    """A fresh reference server (in-memory database) and its three development tokens. Its ids come from one
    seed, so two of them sent the same requests in the same order answer alike (the stateful phase follows
    ids into `$filter` and `$orderby`: random ones would change what it meets)."""
    grants = dev_tokens()
    config = ServerConfig(db_path=None, tokens=grants, page_size=page_size, id_seed=0)
    return create_app(config), Tokens(*grants)


@contextlib.contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """`app` on real loopback HTTP (uvicorn in a thread); yields the base URL, ending in /beta."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the broken server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/beta"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
