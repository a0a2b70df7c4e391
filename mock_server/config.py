"""What a server instance is configured with: tokens (value, tenant, scopes), storage, limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

__all__ = ["READ_SCOPE", "WRITE_SCOPE", "ServerConfig", "TokenGrant", "dev_tokens"]

READ_SCOPE = "DeviceManagementApps.Read.All"
WRITE_SCOPE = "DeviceManagementApps.ReadWrite.All"
MAX_BODY_BYTES = 4 * 1024 * 1024  # the spec's documented request limit


@dataclass(frozen=True)
class TokenGrant:
    """A bearer token the server accepts, the tenant whose data it sees, and its scopes."""

    token: str
    tenant: str
    scopes: frozenset[str]

    def __repr__(self) -> str:  # never show the secret in logs or test output
        return f"TokenGrant(token='***', tenant={self.tenant!r}, scopes={sorted(self.scopes)!r})"


@dataclass(frozen=True)
class ServerConfig:
    db_path: Path | None  # None = in-memory (":memory:"), gone when the process ends
    tokens: tuple[TokenGrant, ...]
    throttle: bool = False  # enforce the documented Intune limits with 429 + Retry-After
    page_size: int = 100
    max_body_bytes: int = MAX_BODY_BYTES
    throttle_writes: int = 100  # per tenant per window
    throttle_requests: int = 1000  # per tenant per window
    throttle_window_s: float = 20.0

    def __post_init__(self) -> None:
        if self.page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {self.page_size}")
        values = [grant.token for grant in self.tokens]
        if any(not value for value in values):
            raise ValueError("a token must not be empty")
        if len(set(values)) != len(values):
            raise ValueError("two grants share one token value")


def dev_tokens() -> tuple[TokenGrant, TokenGrant, TokenGrant]:
    """Three fresh random tokens: read-write for "contoso", read-only for "contoso", read-write for "fabrikam".

    Hex, so a token never starts with "-" (a command line would take it for an option)."""
    return (
        TokenGrant(secrets.token_hex(32), "contoso", frozenset({WRITE_SCOPE})),
        TokenGrant(secrets.token_hex(32), "contoso", frozenset({READ_SCOPE})),
        TokenGrant(secrets.token_hex(32), "fabrikam", frozenset({WRITE_SCOPE})),
    )
