"""The ASGI app: one route per spec path under `/beta`, and the request pipeline every operation shares.

Pipeline: method (405) -> token (401) -> permission (403) -> throttle (429) -> headers, path and
query parameters (400) -> body: media type (415), size (413), JSON and schema (400) -> the operation,
inside one SQLite transaction. Every answer carries `request-id` and `client-request-id`.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_server.auth import Authenticator
from mock_server.config import ServerConfig
from mock_server.errors import ApiError, bad_request, error_body
from mock_server.handlers import Api, Call, Reply
from mock_server.odata import parse_query
from mock_server.operations import Operation, compile_operations
from mock_server.store import Store
from mock_server.throttle import Throttle
from mock_server.validation import parse_json
from openapi import load_spec

__all__ = ["BASE_PATH", "create_app"]

BASE_PATH = "/beta"
logger = logging.getLogger("mock_server")


class _Pipeline:
    """What every operation shares: built once per app, then only dictionary lookups per request."""

    def __init__(self, config: ServerConfig, api: Api) -> None:
        self.config = config
        self.api = api
        self.auth = Authenticator(config.tokens)
        self.throttle = (
            Throttle(config.throttle_writes, config.throttle_requests, config.throttle_window_s)
            if config.throttle
            else None
        )

    def reply(
        self, request: Request, status: int, body: bytes | None, media: str | None, extra: dict[str, str]
    ) -> Response:
        request_id = str(uuid.uuid4())
        headers = {
            "request-id": request_id,
            "client-request-id": request.headers.get("client-request-id") or request_id,
        }
        headers.update(extra)
        return Response(body, status, headers, media)

    def refuse(self, request: Request, error: ApiError) -> Response:
        request_id = str(uuid.uuid4())
        client_request_id = request.headers.get("client-request-id") or request_id
        headers = {"request-id": request_id, "client-request-id": client_request_id, **error.headers}
        return Response(error_body(error, request_id, client_request_id), error.status, headers, "application/json")

    async def run(self, request: Request, operation: Operation) -> Reply:
        grant = self.auth.grant(request.headers.get("authorization"))
        self.auth.authorize(grant, operation.scopes)
        if self.throttle is not None:
            self.throttle.admit(grant.tenant, operation.writes)
        for rule in operation.headers:
            value = request.headers.get(rule.name)
            if value is not None:
                rule.value(value)
            elif rule.required:
                raise bad_request(f"The header '{rule.name}' is required.", rule.name)
        params: dict[str, str] = request.path_params
        for rule in operation.path_params:
            rule.value(params[rule.name])
        query = parse_query(operation, request.query_params.multi_items())
        body: Any = None
        if operation.body is not None:
            body = operation.body.check(parse_json(await self.read_body(request)))
        scope = request.scope
        host = request.headers.get("host") or "{}:{}".format(*scope.get("server") or ("127.0.0.1", 80))
        origin = f"{scope['scheme']}://{host}{scope.get('root_path', '')}"
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
        call = Call(operation, grant.tenant, params, query, body, origin + BASE_PATH, origin + path)
        with self.api.store.transaction(operation.writes):
            return self.api.handlers[operation.operation_id](call)

    async def read_body(self, request: Request) -> bytes:
        media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media != "application/json":
            shown = f"'{media}'" if media else "no Content-Type"
            raise ApiError(415, "UnsupportedMediaType", f"The request body must be application/json, got {shown}.")
        limit = self.config.max_body_bytes
        too_large = ApiError(413, "RequestEntityTooLarge", f"The request body is over the limit of {limit} bytes.")
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)


def _render(reply: Reply) -> tuple[bytes | None, str | None]:
    if isinstance(reply.payload, dict):
        return json.dumps(reply.payload, separators=(",", ":")).encode(), "application/json"
    if isinstance(reply.payload, str):
        return reply.payload.encode(), "text/plain"
    return None, None


class _Endpoint:
    """All documented methods of one spec path (an ASGI app, so the route hands it every method)."""

    def __init__(self, pipeline: _Pipeline, operations: dict[str, Operation]) -> None:
        self._pipeline = pipeline
        self._operations = operations
        self._allow = ", ".join(operations)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = await self.answer(request)
        await response(scope, receive, send)

    async def answer(self, request: Request) -> Response:
        pipeline = self._pipeline
        operation = self._operations.get(request.method)
        try:
            if operation is None:
                raise ApiError(
                    405,
                    "MethodNotAllowed",
                    f"The method {request.method} is not supported here; allowed: {self._allow}.",
                    headers={"Allow": self._allow},
                )
            reply = await pipeline.run(request, operation)
        except ApiError as error:
            return pipeline.refuse(request, error)
        except ClientDisconnect:
            return Response(None, 400)
        except Exception:
            logger.exception("unexpected error in %s", operation.operation_id if operation else request.method)
            return pipeline.refuse(request, ApiError(500, "InternalServerError", "The server failed unexpectedly."))
        body, media = _render(reply)
        return pipeline.reply(request, reply.status, body, media, {})


class _AsgiApp:
    """An ASGI callable Starlette's Route does not mistake for a request-taking endpoint."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)


def _route_key(path: str) -> tuple[int, ...]:
    """Literal segments before parameters, so `.../assignments/$count` wins over `.../assignments/{id}`."""
    return tuple(1 if segment.startswith("{") else 0 for segment in path.strip("/").split("/"))


def create_app(config: ServerConfig) -> Starlette:
    """The reference server as a plain ASGI app (compose it with any ASGI middleware)."""
    spec = load_spec()
    operations = compile_operations(spec)
    store = Store(config.db_path)
    api = Api(spec, store, config.page_size)
    missing = {op.operation_id for op in operations} - set(api.handlers)
    if missing:
        raise ValueError(f"the spec has operations this server does not implement: {sorted(missing)}")
    pipeline = _Pipeline(config, api)
    by_path: dict[str, dict[str, Operation]] = {}
    for operation in operations:
        by_path.setdefault(operation.path, {})[operation.method] = operation
    routes = [Route(BASE_PATH + path, _Endpoint(pipeline, by_path[path])) for path in sorted(by_path, key=_route_key)]

    async def unknown_path(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        error = ApiError(404, "ResourceNotFound", f"No resource at '{request.url.path}' in this API.")
        await pipeline.refuse(request, error)(scope, receive, send)

    routes.append(Route("/{rest:path}", _AsgiApp(unknown_path)))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.config = config
    app.state.store = store
    return app
