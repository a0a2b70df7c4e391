"""The ASGI app: one route per spec path under `/beta`, and the request pipeline every operation shares
(with app registrations, the tenants' token endpoint in front: identity.py).

Pipeline: one reading of each header (400 if a singleton repeats) -> method (400 `No method match route
template`, as Intune answers a verb a route does not serve) -> token (401) -> permission (403) -> throttle
(429) -> headers, path and query parameters, OData options included (400, odata.py) -> body: coding and
media type (415), size (413), JSON and schema (400), then projected as stored (shapes.py) -> the operation,
as one transaction (store.py), whose answer odata.py shapes. Routing splits the raw path into segments
before percent-decoding each. Every answer carries `request-id` and `client-request-id`.
The app speaks raw ASGI (no framework, no Request/Response objects): this is the hot path.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl, quote, unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from ios_lob_kit.mock_server.auth import Authenticator
from ios_lob_kit.mock_server.calls import Call, Reply
from ios_lob_kit.mock_server.config import ServerConfig
from ios_lob_kit.mock_server.errors import ApiError, bad_request, error_body
from ios_lob_kit.mock_server.handlers import Api
from ios_lob_kit.mock_server.identity import Identity, with_identity
from ios_lob_kit.mock_server.ids import new_id, request_id, seeded_ids
from ios_lob_kit.mock_server.jsonio import dump_bytes
from ios_lob_kit.mock_server.odata import parse_query
from ios_lob_kit.mock_server.operations import Operation, compile_operations
from ios_lob_kit.mock_server.real_graph import UNROUTED_OPERATIONS, no_route
from ios_lob_kit.mock_server.route_templates import route_template
from ios_lob_kit.mock_server.store import Store
from ios_lob_kit.mock_server.throttle import Throttle
from ios_lob_kit.mock_server.validation import parse_json
from ios_lob_kit.openapi.index import spec_index

__all__ = ["BASE_PATH", "create_app"]

BASE_PATH = "/beta"
logger = logging.getLogger("mock_server")


class _Disconnected(Exception):
    """The client went away while sending its body: nobody is left to answer."""


# Headers read as one value: sent twice, which one counts is ambiguous, so the request is refused.
_SINGLE_HEADERS = frozenset(
    {"authorization", "content-type", "content-encoding", "content-length", "host", "client-request-id"}
)


class _Headers(dict[str, str]):
    """The request's headers by lower-case name, and the first singleton header it repeats (or None)."""

    repeated: str | None = None


def _headers(scope: Scope) -> _Headers:
    headers = _Headers()
    for raw_name, raw_value in scope["headers"]:  # ASGI header names are lower-case bytes
        name = raw_name.decode("latin-1")
        if name in headers and name in _SINGLE_HEADERS and headers.repeated is None:
            headers.repeated = name
        headers[name] = raw_value.decode("latin-1")
    return headers


def _client_request_id(headers: _Headers) -> str | None:
    """The id to echo: none when the client sent two (the answer must not pick one)."""
    return None if headers.repeated == "client-request-id" else headers.get("client-request-id")


def _media_type(value: str) -> tuple[str, dict[str, str]]:
    """`type/subtype; name=value...` in lower case; a parameter named twice is ambiguous (400)."""
    media, *parts = value.split(";")
    parameters: dict[str, str] = {}
    for part in parts:
        name, _, raw = part.partition("=")
        name = name.strip().lower()
        if not name:
            continue
        if name in parameters:
            raise bad_request(f"The Content-Type parameter '{name}' is given twice; give it once.", "Content-Type")
        parameters[name] = raw.strip().strip('"').lower()
    return media.strip().lower(), parameters


async def _send(
    send: Send,
    status: int,
    body: bytes,
    media: str | None,
    request_id: str,
    client_request_id: str | None,
    extra: dict[str, str],
) -> None:
    echoed = (client_request_id or request_id).encode("latin-1")
    headers = [(b"request-id", request_id.encode()), (b"client-request-id", echoed)]
    headers += [(name.lower().encode(), value.encode("latin-1")) for name, value in extra.items()]
    if media is not None:
        headers += [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse(send: Send, error: ApiError, client_request_id: str | None) -> None:
    answer_id = request_id()
    body = error_body(error, answer_id, client_request_id or answer_id)
    await _send(send, error.status, body, "application/json", answer_id, client_request_id, error.headers)


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

    async def run(self, scope: Scope, receive: Receive, headers: _Headers, operation: Operation) -> Reply:
        grant = self.auth.grant(headers.get("authorization"))
        self.auth.authorize(grant, operation.scopes)
        if self.throttle is not None:
            self.throttle.admit(grant.tenant, operation.writes)
        for rule in operation.headers:
            value = headers.get(rule.key)
            if value is not None:
                rule.value(value)
            elif rule.required:
                raise bad_request(f"The header '{rule.name}' is required.", rule.name)
        params: dict[str, str] = scope["path_params"]
        for rule in operation.path_params:
            rule.value(params[rule.name])
        raw_query = scope["query_string"]
        items = parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True) if raw_query else []
        query = parse_query(operation, items, self.api.store.dialect)
        body: Any = None
        server_set: dict[str, Any] = {}
        if operation.body is not None:
            raw = await self.read_body(receive, headers)
            empty_allowed = not operation.body.required and not raw.strip()
            body, server_set = operation.body.check({} if empty_allowed else parse_json(raw))
        else:  # read to the end all the same: a request whose framing breaks later must not act first
            await self.receive_all(receive)
        host = headers.get("host") or "{}:{}".format(*(scope.get("server") or ("127.0.0.1", 80)))
        host_url = f"{scope['scheme']}://{host}"
        raw_path = scope.get("raw_path")  # like `path`, it already includes `root_path`
        path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
        root = host_url + scope.get("root_path", "") + BASE_PATH
        call = Call(operation, grant.tenant, params, query, body, server_set, root, host_url + path)
        handler = self.api.handlers[operation.operation_id]
        return await self.api.store.run(lambda: handler(call))

    async def read_body(self, receive: Receive, headers: _Headers) -> bytes:
        coding = headers.get("content-encoding", "").strip().lower()
        if coding not in ("", "identity"):
            refusal = f"Content-Encoding '{coding}' is not supported; send the body uncompressed (identity)."
            raise ApiError(415, "UnsupportedMediaType", refusal)
        media, parameters = _media_type(headers.get("content-type", ""))
        if media != "application/json":
            shown = f"'{media}'" if media else "no Content-Type"
            raise ApiError(415, "UnsupportedMediaType", f"The request body must be application/json, got {shown}.")
        charset = parameters.get("charset")
        if charset not in (None, "utf-8", "utf8"):
            raise ApiError(415, "UnsupportedMediaType", f"The request body must be UTF-8 JSON, got charset={charset}.")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.config.max_body_bytes:
            raise _too_large(self.config.max_body_bytes)
        return await self.receive_all(receive)

    async def receive_all(self, receive: Receive) -> bytes:
        """The whole body, up to the size limit (413 past it); _Disconnected if the connection ends first."""
        limit = self.config.max_body_bytes
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "RequestEntityTooLarge", f"The request body is over the limit of {limit} bytes.")


def _render(reply: Reply) -> tuple[bytes, str | None]:
    if isinstance(reply.payload, dict):
        return dump_bytes(reply.payload), "application/json"
    if isinstance(reply.payload, str):
        return reply.payload.encode(), "text/plain; charset=utf-8"
    return b"", None


class _Endpoint:
    """All documented methods of one spec path (an ASGI app, so the route hands it every method)."""

    def __init__(
        self, pipeline: _Pipeline, operations: dict[str, Operation], unrouted: frozenset[str], template: str
    ) -> None:
        self._pipeline = pipeline
        self._operations: dict[str, Operation] = {}
        for method, operation in operations.items():
            self._operations[method] = operation
            if method == "GET" and "HEAD" not in operations:
                self._operations["HEAD"] = operation  # answered as GET; the HTTP server drops the body
        self._unrouted = unrouted  # methods answered as real Graph does (--as-graph): a token, then no route
        self._allow = ", ".join(self._operations)
        self._template = template  # the OData route template, as Intune names it when it refuses a verb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = _headers(scope)
        client_request_id = _client_request_id(headers)
        method = scope["method"]
        operation = self._operations.get(method)
        try:
            if headers.repeated is not None:
                repeated = headers.repeated
                raise bad_request(f"The header '{repeated}' is sent more than once; send it once.", repeated)
            if operation is None and method in self._unrouted:
                self._pipeline.auth.grant(headers.get("authorization"))
                raise no_route(method, scope["path"], self._template)
            if operation is None:  # as Intune answers it (`Allow` besides)
                raise no_route(method, scope["path"], self._template, {"Allow": self._allow})
            reply = await self._pipeline.run(scope, receive, headers, operation)
        except ApiError as error:
            await _refuse(send, error, client_request_id)
            return
        except _Disconnected:
            return
        except Exception:
            logger.exception("unexpected error in %s", operation.operation_id if operation else method)
            failure = ApiError(500, "InternalServerError", "The server failed unexpectedly.")
            await _refuse(send, failure, client_request_id)
            return
        body, media = _render(reply)
        await _send(send, reply.status, body, media, request_id(), client_request_id, {})


async def _unknown_path(scope: Scope, send: Send) -> None:
    error = ApiError(404, "ResourceNotFound", f"No resource at '{scope['path']}' in this API.")
    await _refuse(send, error, _client_request_id(_headers(scope)))


def _route_key(path: str) -> tuple[int, ...]:
    """Literal segments before parameters, so `.../assignments/$count` wins over `.../assignments/{id}`."""
    return tuple(1 if segment.startswith("{") else 0 for segment in path.strip("/").split("/"))


def _route_parts(scope: Scope) -> list[str]:
    """The path's segments below the ASGI `root_path`, split on the raw path before percent-decoding each:
    an encoded `/` (`%2F`) is part of a segment (an id), never a separator. UnicodeDecodeError when a
    segment is not UTF-8."""
    raw: bytes | None = scope.get("raw_path")
    if raw is None:  # a server that does not give the raw path: only the decoded one is left
        parts: list[str] = scope["path"].split("/")
    else:
        parts = [unquote_to_bytes(segment).decode("utf-8") for segment in raw.split(b"/")]
    root: str = scope.get("root_path", "")
    root_parts = root.rstrip("/").split("/")
    if root and parts[: len(root_parts)] == root_parts:
        return ["", *parts[len(root_parts) :]]
    return parts


class _Route:
    """One spec path under `/beta`; a `{parameter}` segment matches any non-empty segment."""

    def __init__(self, template: str, endpoint: _Endpoint) -> None:
        self.segments = tuple(template.split("/"))
        self.endpoint = endpoint

    def match(self, parts: list[str]) -> dict[str, str] | None:
        params = {}
        for segment, part in zip(self.segments, parts, strict=True):
            if segment[:1] == "{":
                if not part:
                    return None
                params[segment[1:-1]] = part
            elif segment != part:
                return None
        return params


class _App:
    """The server as one plain ASGI app: routes by path segments (no framework on the hot path);
    its lifespan closes the store."""

    def __init__(self, routes: list[_Route], store: Store) -> None:
        self._routes: dict[int, list[_Route]] = {}  # by segment count, in the order given
        for route in routes:
            self._routes.setdefault(len(route.segments), []).append(route)
        self._store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                parts = _route_parts(scope)
            except UnicodeDecodeError:
                error = bad_request("The request path is not percent-encoded UTF-8.")
                await _refuse(send, error, _client_request_id(_headers(scope)))
                return
            for route in self._routes.get(len(parts), ()):
                params = route.match(parts)
                if params is not None:
                    scope["path_params"] = params
                    await route.endpoint(scope, receive, send)
                    return
            await _unknown_path(scope, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        else:  # a WebSocket: nothing here speaks it
            await send({"type": "websocket.close", "code": 1000, "reason": ""})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Start-up has nothing left to do (create_app did it); shut-down closes the store."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._store.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _is_action(operations: dict[str, Operation]) -> bool:
    """A path only POSTed to, right under an item (`.../{id}/assign`): an OData bound action."""
    only = list(operations.values())
    return len(only) == 1 and only[0].method == "POST" and only[0].path.split("/")[-2].startswith("{")


def create_app(config: ServerConfig) -> ASGIApp:
    """The reference server as a plain ASGI app (compose it with any ASGI middleware)."""
    spec = spec_index()
    operations = compile_operations(spec)
    store = Store(config.db_url or config.db_path, commit_delay_s=config.commit_delay_s)
    api = Api(store, config.page_size, new_id if config.id_seed is None else seeded_ids(config.id_seed))
    missing = {op.operation_id for op in operations} - set(api.handlers)
    if missing:
        raise ValueError(f"the spec has operations this server does not implement: {sorted(missing)}")
    pipeline = _Pipeline(config, api)
    by_path: dict[str, dict[str, Operation]] = {}
    unrouted: dict[str, set[str]] = {}
    for operation in operations:
        by_path.setdefault(operation.path, {})
        if config.as_graph and operation.operation_id in UNROUTED_OPERATIONS:
            unrouted.setdefault(operation.path, set()).add(operation.method)
        else:
            by_path[operation.path][operation.method] = operation
    actions = frozenset(path.rsplit("/", 1)[-1] for path, ops in by_path.items() if _is_action(ops))
    routes = [
        _Route(
            BASE_PATH + path,
            _Endpoint(pipeline, by_path[path], frozenset(unrouted.get(path, ())), route_template(path, actions)),
        )
        for path in sorted(by_path, key=_route_key)
    ]
    app = _App(routes, store)
    if config.apps:
        return with_identity(app, Identity(config.apps, pipeline.auth, config.token_lifetime_s))
    return app
