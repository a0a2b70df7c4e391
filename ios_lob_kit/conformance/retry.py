"""The suite's own requests honour `Retry-After`: a 429 or 503 that names a wait is waited out and the same
request sent again (a bounded number of times), and each retry is counted. Schemathesis' generated cases
get the same from schemathesis' own rate-limit handling (engine.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx

MAX_RETRIES = 5
MAX_WAIT_S = 60.0  # a longer wait is not waited: the answer stands, and counts as throttled
RETRIED = frozenset({429, 503})


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a `Retry-After` value (delay-seconds or an HTTP date); None when unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now())
    except (TypeError, ValueError):
        return None


class RetryAfterTransport(httpx.BaseTransport):
    """Wraps a transport: waits out 429/503 answers that carry a usable `Retry-After`, then resends."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        on_retry: Callable[[httpx.Request, float], None],
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._inner = inner
        self._on_retry = on_retry
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(MAX_RETRIES):
            response = self._inner.handle_request(request)
            if response.status_code not in RETRIED:
                return response
            wait = retry_after(response.headers.get("retry-after"))
            if wait is None or wait > MAX_WAIT_S:
                return response
            response.read()
            response.close()
            self._on_retry(request, wait)
            self._sleep(wait)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
