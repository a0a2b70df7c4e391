"""The run's read-write identity: a fixed `--token`, or an app registration (tenant, client id, and a secret
or a certificate) whose tokens Microsoft's own library, azure-identity (MSAL beneath), acquires, caches and
refreshes. The suite asks for a token at every request, so a run longer than a token's lifetime goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ios_lob_kit.conformance.errors import ConformanceError

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
PUBLIC_CLOUD = "https://login.microsoftonline.com"

TokenSource = Callable[[], str]


class CredentialError(ConformanceError):
    """The library could not get a token (wrong secret, unknown tenant or app, unreachable authority)."""


@dataclass(frozen=True)
class AppRegistration:
    tenant_id: str
    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    certificate_path: Path | None = None  # PEM (key and certificate) or PKCS#12
    certificate_password: str | None = field(default=None, repr=False)
    authority: str = PUBLIC_CLOUD  # the Entra ID host (a national cloud's, or a stand-in's)

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.client_secret, self.certificate_password) if s)


class Issued:
    """Every token a source handed out, so reports can redact them all (a set that grows during the run)."""

    def __init__(self) -> None:
        self._tokens: set[str] = set()
        self._lock = threading.Lock()

    def add(self, token: str) -> str:
        with self._lock:
            self._tokens.add(token)
        return token

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            return iter(tuple(self._tokens))


def fixed(token: str) -> TokenSource:
    return lambda: token


class FreshBearer(httpx.Auth):
    """httpx auth: every request carries a token asked of `source` just before it is sent."""

    def __init__(self, source: TokenSource) -> None:
        self._source = source

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._source()}"
        yield request


def from_app(app: AppRegistration, issued: Issued, scope: str = GRAPH_SCOPE) -> TokenSource:
    """A source backed by azure-identity: cached tokens until shortly before they expire, then new ones."""
    from azure.core.exceptions import AzureError
    from azure.identity import CertificateCredential, ClientSecretCredential

    # The library logs a refusal as a warning; the suite says it once, itself (exit 2). A handler here keeps
    # Python's last-resort handler from printing it; logging a user configures still receives it.
    logging.getLogger("azure.identity").addHandler(logging.NullHandler())
    # Instance discovery asks login.microsoftonline.com about the authority: off, so a national cloud's or a
    # stand-in's authority is used as given (the public cloud's is known to the library anyway).
    options = {"authority": app.authority, "disable_instance_discovery": True}
    if app.client_secret is not None:
        credential: ClientSecretCredential | CertificateCredential = ClientSecretCredential(
            app.tenant_id, app.client_id, app.client_secret, **options
        )
    else:
        credential = CertificateCredential(
            app.tenant_id, app.client_id, str(app.certificate_path), password=app.certificate_password, **options
        )

    def token() -> str:
        try:
            return issued.add(credential.get_token(scope).token)
        except (AzureError, ValueError, OSError) as exc:
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            message = f"cannot get a token for app {app.client_id} of tenant {app.tenant_id}: {first_line}"
            raise CredentialError(message) from None

    return token
