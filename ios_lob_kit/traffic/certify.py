"""Client certification: the proxy plays Graph's harder cases on purpose and reports how the client coped.

Served on purpose (in front of the reference server, which already pages with `@odata.nextLink` at its
`--page-size` and answers errors with Graph's `innerError`):
- the first write is answered `429` with `Retry-After` (an OData error with `innerError`), not forwarded;
- every JSON object answered carries a property and an annotation newer than the contract;
- `@odata.nextLink`s point back at the proxy, so the pages the client follows pass through it.
Then, over the whole run: did the client wait at least `Retry-After` and retry, follow every
`@odata.nextLink`, and keep going after an answer with newer content?
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ios_lob_kit.conformance.checks.exchange import Exchange, curl
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.mock_server.errors import ApiError, error_body
from ios_lob_kit.traffic.judge import ANY_OPERATION, operation_of

NEWER_PROPERTY = "certificationNewerProperty"
NEWER_ANNOTATION = "@microsoft.graph.certificationNewerAnnotation"
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Canned:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class Certification:
    """What the proxy serves on purpose in certification mode; `results()` judges the client over the run."""

    base_path: str  # e.g. /beta
    retry_after: int = 1  # seconds
    throttled: str | None = None  # "METHOD url" of the write answered 429
    augmented: int = 0  # answers that carried newer content

    def before(self, method: str, url: str, headers: dict[str, str]) -> Canned | None:
        """The canned `429` for the run's first write; None to forward."""
        if self.throttled is not None or method not in _WRITES:
            return None
        self.throttled = f"{method} {url}"
        request_id, client_request_id = str(uuid.uuid4()), headers.get("client-request-id", "")
        error = ApiError(429, "TooManyRequests", "Too many requests (certification: served on purpose)")
        answer = [(b"content-type", b"application/json"), (b"retry-after", str(self.retry_after).encode())]
        answer += [(b"request-id", request_id.encode())]
        if client_request_id:
            answer.append((b"client-request-id", client_request_id.encode()))
        return Canned(429, answer, error_body(error, request_id, client_request_id))

    def after(self, body: bytes, content_type: str, upstream_origin: str, proxy_origin: str) -> bytes:
        """The answer as the client gets it: newer content added, `@odata.nextLink`s through the proxy."""
        if not content_type.startswith("application/json"):
            return body
        try:
            value = json.loads(body)
        except ValueError:
            return body
        if not isinstance(value, dict) or "error" in value:
            return body
        for entity in [value, *(v for v in value.get("value", []) if isinstance(v, dict))]:
            entity[NEWER_PROPERTY] = {"addedIn": "a later version of Graph"}
            entity[NEWER_ANNOTATION] = "served on purpose"
        link = value.get("@odata.nextLink")
        if isinstance(link, str) and link.startswith(upstream_origin):
            value["@odata.nextLink"] = proxy_origin + link[len(upstream_origin) :]
        self.augmented += 1
        return json.dumps(value).encode()

    def results(self, exchanges: Sequence[tuple[float, Exchange]]) -> list[CheckResult]:
        """`(seconds since the run started, exchange)` in arrival order -> the client's run-wide results (redacted
        by the stream they are reported through)."""
        return [self._retry_after(exchanges), self._paging(exchanges), self._kept_going(exchanges)]

    def _operation(self, ex: Exchange) -> str:
        op = operation_of(ex.method, ex.url, self.base_path)
        return op.operation_id if op is not None else ANY_OPERATION

    def _retry_after(self, exchanges: Sequence[tuple[float, Exchange]]) -> CheckResult:
        throttled = next(((t, ex) for t, ex in exchanges if f"{ex.method} {ex.url}" == self.throttled), None)
        if throttled is None:
            reason = "the client sent no write, so no 429 was served"
            return CheckResult(Side.CLIENT, ANY_OPERATION, "honours_retry_after", Outcome.SKIPPED, reason=reason)
        at, ex = throttled
        op = self._operation(ex)
        later = [(t, e) for t, e in exchanges if t > at and e.method == ex.method and _path(e.url) == _path(ex.url)]
        if not later:
            problem = (
                "Did not retry after 429",
                f"{ex.method} answered 429 Retry-After {self.retry_after}; never sent again",
            )
        elif later[0][0] - at < self.retry_after:
            waited = later[0][0] - at
            problem = (
                "Retried before Retry-After",
                f"waited {waited:.2f} s; the 429 said Retry-After {self.retry_after}",
            )
        else:
            waited = later[0][0] - at
            reason = f"waited {waited:.2f} s (Retry-After {self.retry_after}), then retried"
            return CheckResult(Side.CLIENT, op, "honours_retry_after", Outcome.PASSED, cases=1, reason=reason)
        failure = Failure(problem[0], problem[1], example=f"{ex.method} {ex.url}", curl=curl(ex))
        return CheckResult(Side.CLIENT, op, "honours_retry_after", Outcome.FAILED, 1, (failure,))

    def _paging(self, exchanges: Sequence[tuple[float, Exchange]]) -> CheckResult:
        requested = [_path_and_query(ex.url) for _, ex in exchanges]
        offered = 0
        for index, (_, ex) in enumerate(exchanges):
            link = _next_link(ex)
            if link is None:
                continue
            offered += 1
            if _path_and_query(link) not in requested[index + 1 :]:
                message = f"{self._operation(ex)} answered @odata.nextLink {link}; it was never requested"
                failure = Failure("Stopped before the last page", message, example="", curl=curl(ex))
                return CheckResult(
                    Side.CLIENT, self._operation(ex), "follows_next_link", Outcome.FAILED, offered, (failure,)
                )
        if not offered:
            reason = "no answer was paged (list more items than the server's page size)"
            return CheckResult(Side.CLIENT, ANY_OPERATION, "follows_next_link", Outcome.SKIPPED, reason=reason)
        reason = f"followed {offered} @odata.nextLink(s) to the last page"
        return CheckResult(
            Side.CLIENT, ANY_OPERATION, "follows_next_link", Outcome.PASSED, cases=offered, reason=reason
        )

    def _kept_going(self, exchanges: Sequence[tuple[float, Exchange]]) -> CheckResult:
        first = next((i for i, (_, ex) in enumerate(exchanges) if 200 <= ex.status < 300 and _is_object(ex)), None)
        if first is None or first == len(exchanges) - 1:
            reason = "no answer with newer content was followed by another request: nothing to tell"
            return CheckResult(Side.CLIENT, ANY_OPERATION, "tolerates_newer_content", Outcome.SKIPPED, reason=reason)
        after = len(exchanges) - first - 1
        reason = f"sent {after} more request(s) after an answer with a newer property and annotation"
        return CheckResult(
            Side.CLIENT, ANY_OPERATION, "tolerates_newer_content", Outcome.PASSED, cases=after, reason=reason
        )


def _is_object(ex: Exchange) -> bool:
    return ex.media_type == "application/json" and isinstance(ex.response_json(), dict)


def _next_link(ex: Exchange) -> str | None:
    body: Any = ex.response_json() if ex.media_type == "application/json" else None
    link = body.get("@odata.nextLink") if isinstance(body, dict) else None
    return link if isinstance(link, str) else None


def _path(url: str) -> str:
    return urlsplit(url).path


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
