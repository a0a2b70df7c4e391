"""A small HTTP helper for the scenarios: calls an operation by its operationId and keeps the exchange."""

from __future__ import annotations

import sys
import uuid
from typing import Any
from urllib.parse import quote

import httpx

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange, lower_keys
from ios_lob_kit.conformance.credentials import TokenSource, fixed
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.markers import marked

# What sending a request can raise because of what a server answered (an id with a control character makes
# an invalid URL, and `httpx.InvalidURL` is not an `HTTPError`): always a finding against the server.
REQUEST_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)
DOT_SEGMENTS = (".", "..")


class Api:
    """Calls operations of the spec on one target with one token; remembers the last exchange."""

    def __init__(
        self, client: httpx.Client, token: TokenSource, log: list[Exchange] | None = None, *, seed: int = 0
    ) -> None:
        self._client = client
        self._token = token  # asked at every call: a long run outlives one token
        self.log: list[Exchange] = [] if log is None else log  # shared by every identity of one target
        self.seed = seed  # the run's: names of what it creates carry it (`named`)

    @property
    def last(self) -> Exchange | None:
        """The request a failure is about: the last one sent before it (not a clean-up's after it)."""
        before = [ex for ex in self.log if not ex.sent_while_failing] or self.log
        return before[-1] if before else None

    def bearer(self) -> str:
        """This identity's `Authorization` value (for requests `send_raw` builds by hand)."""
        return f"Bearer {self._token()}"

    def as_token(self, token: str) -> Api:
        """The same target, another identity (read-only or another tenant); the log is shared."""
        return Api(self._client, fixed(token), self.log, seed=self.seed)

    def named(self, name: str) -> str:
        """A displayName for something the run creates or renames: marked with the run's seed."""
        return marked(name, self.seed)

    def call(
        self,
        operation_id: str,
        *,
        config: str = "",
        assignment: str = "",
        json: Any = None,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> Exchange:
        """Calls `operation_id`; `content` is sent as the body as is, with no Content-Type. `assignment` is
        the item under the configuration (an assignment, or a group assignment)."""
        method, template = spec.operations()[operation_id]
        path = template.replace(f"{{{spec.CONFIGURATION_ID}}}", _segment(config))
        for name in spec.path_parameters(operation_id)[1:]:
            path = path.replace(f"{{{name}}}", _segment(assignment))
        return self._send(operation_id, method, path.lstrip("/"), json=json, params=params, content=content)

    def follow(self, operation_id: str, url: str) -> Exchange:
        """GET an absolute URL the target gave (an `@odata.nextLink`), logged under `operation_id`. A link to
        another origin is a finding and is never sent: the token would go with it."""
        link, base = httpx.URL(url), self._client.base_url
        if (link.scheme, link.host, link.port) != (base.scheme, base.host, base.port):
            raise CheckFailed(
                "@odata.nextLink leaves the service",
                f"{operation_id} answered a link to {link.scheme}://{link.host}{f':{link.port}' if link.port else ''},"
                f" not to the service under test ({base.scheme}://{base.host}{f':{base.port}' if base.port else ''});"
                " the suite does not send its token there",
            )
        return self._send(operation_id, "GET", url)

    def send_raw(
        self, operation_id: str, method: str, path: str, headers: list[tuple[str, str]], content: bytes | None = None
    ) -> Exchange:
        """A request as given: repeated headers kept, the path (relative to the base URL) not re-encoded, the
        body as bytes; no Authorization is added. Logged like `call`."""
        sent = [*headers, ("client-request-id", _request_id())]
        named = {"operation": operation_id}  # for the retry transport's count
        response = self._client.request(method, path, headers=sent, content=content, extensions=named)
        return self._log(operation_id, method, response)

    def _send(
        self, operation_id: str, method: str, url: str, *, json: Any = None, params: Any = None, content: Any = None
    ) -> Exchange:
        headers = {"Authorization": f"Bearer {self._token()}", "client-request-id": _request_id()}
        named = {"operation": operation_id}  # for the retry transport's count
        response = self._client.request(
            method, url, json=json, headers=headers, params=params, content=content, extensions=named
        )
        return self._log(operation_id, method, response)

    def _log(self, operation_id: str, method: str, response: httpx.Response) -> Exchange:
        exchange = Exchange(
            operation_id=operation_id,
            method=method,
            url=str(response.request.url),
            request_headers=lower_keys(dict(response.request.headers)),
            request_body=response.request.content or None,
            status=response.status_code,
            response_headers=lower_keys(dict(response.headers)),
            response_body=response.content,
            request_header_items=tuple(response.request.headers.multi_items()),
            # A request sent while a failure propagates is a clean-up's (a `finally`): never the failing one.
            sent_while_failing=sys.exc_info()[1] is not None,
        )
        self.log.append(exchange)
        return exchange


def _segment(key: Any) -> str:
    """A key as one path segment: ids a server answered may hold `/`, `?`, `#` or control characters."""
    if key in DOT_SEGMENTS:  # an HTTP client drops them from a path, so they would name another resource
        raise ValueError(f"the key {key!r} cannot be sent as a path segment")
    return quote(str(key), safe="")


def _request_id() -> str:
    """The longest `client-request-id` the spec allows (64 characters): a server cutting the echo short shows."""
    return f"{uuid.uuid4()}-conformance-suite-requestid"
