"""An httpx transport that judges every answer before the generated client parses it."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from ios_lob_kit.contract_client._answers import check_answer
from ios_lob_kit.openapi.index import spec_index

__all__ = ["ContractTransport"]


class ContractTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps the transports that really send (network by default, or e.g. an `httpx.MockTransport`).

    One object serves both the generated client's `httpx.Client` and `httpx.AsyncClient`, which share
    `httpx_args`. Requests for paths the spec does not define pass through unjudged. An `inner` transport
    that is only sync (or only async) serves only those calls: the other kind raises `TypeError` rather
    than quietly going to the network.
    """

    def __init__(self, base_url: str, inner: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None) -> None:
        self._base_path = urlsplit(base_url).path.rstrip("/")
        self._inner = type(inner).__name__
        self._sync: httpx.BaseTransport | None
        self._async: httpx.AsyncBaseTransport | None
        if inner is None:
            self._sync, self._async = httpx.HTTPTransport(), httpx.AsyncHTTPTransport()
        else:
            self._sync = inner if isinstance(inner, httpx.BaseTransport) else None
            self._async = inner if isinstance(inner, httpx.AsyncBaseTransport) else None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sync is None:
            raise TypeError(f"a sync call, but the transport given ({self._inner}) is async only")
        response = self._sync.handle_request(request)
        try:
            response.read()
            self._judge(request, response)
        finally:
            response.close()
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async is None:
            raise TypeError(f"an async call, but the transport given ({self._inner}) is sync only")
        response = await self._async.handle_async_request(request)
        try:
            await response.aread()
            self._judge(request, response)
        finally:
            await response.aclose()
        return response

    def _judge(self, request: httpx.Request, response: httpx.Response) -> None:
        path = request.url.raw_path.decode("ascii").split("?")[0]
        if not path.startswith(self._base_path + "/"):
            return
        operation = spec_index().match(request.method, path[len(self._base_path) :])
        if operation is not None:
            check_answer(operation, response)

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
