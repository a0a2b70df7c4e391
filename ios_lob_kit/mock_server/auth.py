"""Bearer tokens: who is calling (tenant) and whether the operation's permissions allow it.

Configured tokens never expire; tokens the token endpoint issues (`issue`) do, after their lifetime.
"""

from __future__ import annotations

import heapq
import secrets
import time
from collections.abc import Callable, Iterable

from ios_lob_kit.mock_server.config import TokenGrant
from ios_lob_kit.mock_server.errors import ApiError

__all__ = ["Authenticator"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="", error="invalid_token"'}


def _unauthenticated(message: str) -> ApiError:
    return ApiError(401, "InvalidAuthenticationToken", message, headers=_CHALLENGE)


class Authenticator:
    def __init__(self, grants: Iterable[TokenGrant], clock: Callable[[], float] = time.monotonic) -> None:
        self._grants = {grant.token: grant for grant in grants}
        self._clock = clock
        self._expiries: dict[str, float] = {}  # issued token -> when it stops being accepted
        self._by_expiry: list[tuple[float, str]] = []  # a heap, to forget expired tokens cheaply

    def issue(self, tenant: str, scopes: frozenset[str], lifetime_s: float) -> str:
        """A new token of `tenant` with `scopes`, accepted for `lifetime_s` seconds."""
        now = self._clock()
        while self._by_expiry and self._by_expiry[0][0] <= now - 3600:  # long expired: forget it
            _, old = heapq.heappop(self._by_expiry)
            self._grants.pop(old, None)
            self._expiries.pop(old, None)
        token = secrets.token_urlsafe(32)
        self._grants[token] = TokenGrant(token, tenant, scopes)
        self._expiries[token] = now + lifetime_s
        heapq.heappush(self._by_expiry, (now + lifetime_s, token))
        return token

    def grant(self, authorization: str | None) -> TokenGrant:
        """The grant of the request's `Authorization: Bearer ...` header; 401 when there is none."""
        if not authorization:
            raise _unauthenticated("Access token is empty.")
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer":
            raise _unauthenticated(
                "Access token is empty." if not token else "The authorization scheme must be Bearer."
            )
        if not token:
            raise _unauthenticated("Access token is empty.")
        grant = self._grants.get(token)
        if grant is None:
            raise _unauthenticated("Access token validation failure. Invalid audience.")
        expiry = self._expiries.get(token)
        if expiry is not None and self._clock() >= expiry:
            raise _unauthenticated("Access token has expired or is not yet valid.")
        return grant

    @staticmethod
    def authorize(grant: TokenGrant, scopes: frozenset[str]) -> None:
        """403 unless the grant holds one of the operation's scopes."""
        if grant.scopes.isdisjoint(scopes):
            needed = " or ".join(sorted(scopes))
            raise ApiError(
                403, "Forbidden", f"Application is not authorized to perform this operation: it needs {needed}."
            )
