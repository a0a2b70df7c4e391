"""Bearer tokens: who is calling (tenant) and whether the operation's permissions allow it."""

from __future__ import annotations

from collections.abc import Iterable

from mock_server.config import TokenGrant
from mock_server.errors import ApiError

__all__ = ["Authenticator"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="", error="invalid_token"'}


def _unauthenticated(message: str) -> ApiError:
    return ApiError(401, "InvalidAuthenticationToken", message, headers=_CHALLENGE)


class Authenticator:
    def __init__(self, grants: Iterable[TokenGrant]) -> None:
        self._grants = {grant.token: grant for grant in grants}

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
        return grant

    @staticmethod
    def authorize(grant: TokenGrant, scopes: frozenset[str]) -> None:
        """403 unless the grant holds one of the operation's scopes."""
        if grant.scopes.isdisjoint(scopes):
            needed = " or ".join(sorted(scopes))
            raise ApiError(
                403, "Forbidden", f"Application is not authorized to perform this operation: it needs {needed}."
            )
