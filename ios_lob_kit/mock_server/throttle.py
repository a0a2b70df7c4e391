"""The documented Intune limits per tenant (100 writes and 1000 requests per 20 s), as a sliding window."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from ios_lob_kit.mock_server.errors import ApiError

__all__ = ["Throttle"]


class Throttle:
    def __init__(
        self, writes: int, requests: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limits = {True: writes, False: requests}
        self._window = window_s
        self._clock = clock
        self._seen: dict[tuple[str, bool], deque[float]] = {}

    def admit(self, tenant: str, write: bool) -> None:
        """Count the request; 429 with `Retry-After` (seconds) when the tenant is over a limit."""
        now = self._clock()
        kinds = (False, True) if write else (False,)
        for kind in kinds:
            seen = self._seen.setdefault((tenant, kind), deque())
            while seen and seen[0] <= now - self._window:
                seen.popleft()
            if len(seen) >= self._limits[kind]:
                retry = max(1, math.ceil(seen[0] + self._window - now))
                what = "writes" if kind else "requests"
                raise ApiError(
                    429,
                    "TooManyRequests",
                    f"Too many {what}: at most {self._limits[kind]} per {self._window:g} s. Retry after {retry} s.",
                    headers={"Retry-After": str(retry)},
                )
        for kind in kinds:
            self._seen[(tenant, kind)].append(now)
