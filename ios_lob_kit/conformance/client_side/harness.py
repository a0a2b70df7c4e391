"""Call a generated api function offline: a MockTransport captures every request and serves a chosen answer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import httpx

BASE_URL = "https://graph.example.invalid/beta"
BASE_PATH = urlsplit(BASE_URL).path
TOKEN = "client-side-fuzzing-token"  # a dummy: the offline phases never see a real token
MODES = ("sync", "async")


@dataclass(frozen=True)
class Answer:
    """What the fake server answers: built afresh for every request."""

    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    def response(self) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.content)


class Harness:
    """One generated client (sync and async) wired to a fake server, reused across cases."""

    def __init__(self, *, contract: bool = False) -> None:
        """`contract=True`: the client comes from `contract_client.connect`, which judges every answer."""
        from ios_lob_kit.contract_client import connect
        from ios_lob_kit.generated_client import AuthenticatedClient  # the first `generated_client` on sys.path

        self.sent: list[httpx.Request] = []
        self.answer = Answer()
        transport = httpx.MockTransport(self._handle)
        if contract:
            self.client = connect(BASE_URL, TOKEN, transport=transport)
        else:
            self.client = AuthenticatedClient(base_url=BASE_URL, token=TOKEN, httpx_args={"transport": transport})
        self._loop = asyncio.new_event_loop()

    def _handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.sent.append(request)
        return self.answer.response()

    def call(self, module: ModuleType, kwargs: dict[str, Any], mode: str) -> Any:
        """`sync_detailed` or `asyncio_detailed` of `module`; returns the generated `Response` or raises."""
        self.sent.clear()
        if mode == "sync":
            return module.sync_detailed(client=self.client, **kwargs)
        return self._loop.run_until_complete(module.asyncio_detailed(client=self.client, **kwargs))

    def outcome(self, module: ModuleType, kwargs: dict[str, Any], mode: str) -> Any:
        """Like `call`, but an exception is returned, not raised (the checks judge it)."""
        try:
            return self.call(module, kwargs, mode)
        except Exception as error:  # the client's own behaviour is what is being observed
            return error

    def close(self) -> None:
        self.client.get_httpx_client().close()
        self._loop.run_until_complete(self.client.get_async_httpx_client().aclose())
        self._loop.close()
