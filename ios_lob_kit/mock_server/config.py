"""What a server instance is configured with: tokens (value, tenant, scopes), app registrations, storage, limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "READ_SCOPE",
    "WRITE_SCOPE",
    "AppRegistration",
    "ServerConfig",
    "TokenGrant",
    "dev_tokens",
    "is_postgres_url",
]

READ_SCOPE = "DeviceManagementApps.Read.All"
WRITE_SCOPE = "DeviceManagementApps.ReadWrite.All"
MAX_BODY_BYTES = 4 * 1024 * 1024  # the spec's documented request limit
TOKEN_LIFETIME_S = 3599  # what Entra ID answers as expires_in for an app token


def is_postgres_url(value: str) -> bool:
    return value.startswith(("postgresql://", "postgres://"))


@dataclass(frozen=True)
class TokenGrant:
    """A bearer token the server accepts, the tenant whose data it sees, and its scopes."""

    token: str
    tenant: str
    scopes: frozenset[str]

    def __repr__(self) -> str:  # never show the secret in logs or test output
        return f"TokenGrant(token='***', tenant={self.tenant!r}, scopes={sorted(self.scopes)!r})"


@dataclass(frozen=True)
class AppRegistration:
    """An app of a tenant that may get tokens at the token endpoint (client-credentials grant): it proves
    itself with its secret, or with an assertion signed by the key of its certificate."""

    tenant: str
    client_id: str
    scopes: frozenset[str]  # the application permissions its tokens carry
    secret: str | None = field(default=None, repr=False)
    certificate: str | None = None  # PEM of the public certificate

    def __post_init__(self) -> None:
        if not self.secret and not self.certificate:
            raise ValueError(f"app {self.client_id} of {self.tenant}: needs a client secret or a certificate")


@dataclass(frozen=True)
class ServerConfig:
    db_path: Path | None  # SQLite file; None = in-memory (":memory:"), gone when the process ends
    tokens: tuple[TokenGrant, ...]
    throttle: bool = False  # enforce the documented Intune limits with 429 + Retry-After
    page_size: int = 100
    max_body_bytes: int = MAX_BODY_BYTES
    throttle_writes: int = 100  # per tenant per window
    throttle_requests: int = 1000  # per tenant per window
    throttle_window_s: float = 20.0
    apps: tuple[AppRegistration, ...] = ()  # enables the token endpoint (/{tenant}/oauth2/v2.0/token)
    token_lifetime_s: int = TOKEN_LIFETIME_S  # of the tokens the token endpoint issues
    as_graph: bool = False  # answer where real Graph is documented to differ from the contract as Graph does
    tls_cert: Path | None = None  # serve HTTPS with this certificate chain (PEM) ...
    tls_key: Path | None = None  # ... and its private key (PEM)
    # Debug only (reliability.crash): sleep this long after each commit, before the answer, so a kill -9
    # can land between a commit and its answer. Never set in normal use.
    commit_delay_s: float = 0.0
    db_url: str | None = None  # postgresql://...: a database shared by server processes (then db_path is None)
    # Tests only: resource ids drawn from this seed (ids.seeded_ids), so two servers answer the same requests
    # alike; None (always in use) gives random ones. Never with a database shared by processes.
    id_seed: int | None = None

    def __post_init__(self) -> None:
        if self.db_url is not None:
            if not is_postgres_url(self.db_url):
                raise ValueError("db_url must be a postgresql:// URL")
            if self.db_path is not None:
                raise ValueError("give db_path (SQLite) or db_url (PostgreSQL), not both")
            if self.id_seed is not None:
                raise ValueError("id_seed would give several processes the same ids: not with db_url")
        if self.page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {self.page_size}")
        values = [grant.token for grant in self.tokens]
        if any(not value for value in values):
            raise ValueError("a token must not be empty")
        if len(set(values)) != len(values):
            raise ValueError("two grants share one token value")
        if self.token_lifetime_s < 1:
            raise ValueError(f"token_lifetime_s must be at least 1, got {self.token_lifetime_s}")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("TLS needs both a certificate and its key")


def dev_tokens() -> tuple[TokenGrant, TokenGrant, TokenGrant]:
    """Three fresh random tokens: read-write for "contoso", read-only for "contoso", read-write for "fabrikam".

    Hex, so a token never starts with "-" (a command line would take it for an option)."""
    return (
        TokenGrant(secrets.token_hex(32), "contoso", frozenset({WRITE_SCOPE})),
        TokenGrant(secrets.token_hex(32), "contoso", frozenset({READ_SCOPE})),
        TokenGrant(secrets.token_hex(32), "fabrikam", frozenset({WRITE_SCOPE})),
    )
