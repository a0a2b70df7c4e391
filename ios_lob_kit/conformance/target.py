"""What the run checks: a server at `--base-url`, or the embedded reference server on a free port.

`open_target` yields a `Target` once the server answered a first read with each token given; anything that
stops a run before it starts (unreachable URL, rejected token) is a `TargetError` with a one-line reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

from ios_lob_kit.conformance.credentials import CredentialError, Issued, TokenSource, fixed, from_app
from ios_lob_kit.conformance.errors import TargetError, TargetStopped, UsageError
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.redact import redact_url

EMBEDDED_PAGE_SIZE = 4


def answers(base_url: str) -> bool:
    """Whether anything still answers HTTP at `base_url` (any status will do), within a couple of seconds."""
    try:
        httpx.get(base_url, timeout=2.0)
    except httpx.HTTPError:
        return False
    return True


def stopped(base_url: str, during: str, error: BaseException) -> TargetStopped | None:
    """The error that ends the run when `error` (a request's) came from a target that no longer answers."""
    if answers(base_url):
        return None  # one failed request: a finding about that request, not the end of the run
    reason = redact_url(f"{type(error).__name__}: {error}")
    return TargetStopped(f"target stopped answering during {during}: {reason}")


@dataclass(frozen=True)
class Target:
    base_url: str  # ends with the API's base path, e.g. http://127.0.0.1:8000/beta
    credential: TokenSource = field(repr=False)  # the read-write identity: asked at every request
    read_only_token: str | None = field(repr=False)
    other_tenant_token: str | None = field(repr=False)
    embedded: bool  # the reference server this run started
    issued: Issued = field(default_factory=Issued, repr=False)  # tokens an app registration got: redacted

    @property
    def token(self) -> str:
        """A valid read-write token now (an app registration's library renews it when it nears expiry)."""
        return self.credential()

    @property
    def description(self) -> str:
        shown = redact_url(self.base_url)
        return f"embedded reference server at {shown}" if self.embedded else shown

    def token_variable(self, token: str) -> str | None:
        """The environment variable the suite takes `token` from: a reproduction's curl reads it from there."""
        if token in tuple(self.issued):
            return "CONFORMANCE_TOKEN"  # an app registration's tokens too: any read-write token will do
        given = {
            self.read_only_token: "CONFORMANCE_READ_ONLY_TOKEN",
            self.other_tenant_token: "CONFORMANCE_OTHER_TENANT_TOKEN",
        }
        return given.get(token) if token else None

    def secrets(self) -> tuple[str, ...]:
        """The tokens known now (an app registration's later ones are in `issued`)."""
        return tuple(t for t in (*self.issued, self.read_only_token, self.other_tenant_token) if t)


@contextlib.contextmanager
def open_target(options: RunOptions) -> Iterator[Target]:
    if options.base_url is None:
        with _embedded() as target:
            probe(target)
            yield target
        return
    issued = Issued()
    if options.app is not None:
        credential = from_app(options.app, issued)
    elif options.token:
        credential = fixed(issued.add(options.token))
    else:
        raise UsageError("--token (or CONFORMANCE_TOKEN), or an app registration, is required with --base-url")
    target = Target(
        base_url=options.base_url.rstrip("/"),
        credential=credential,
        read_only_token=options.read_only_token,
        other_tenant_token=options.other_tenant_token,
        embedded=False,
        issued=issued,
    )
    try:
        probe(target)
    except CredentialError as exc:
        raise TargetError(str(exc)) from None
    yield target


@contextlib.contextmanager
def _embedded() -> Iterator[Target]:
    """The reference server on a free loopback port with a fresh database; its dev tokens are the run's."""
    from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
    from ios_lob_kit.mock_server.runner import run_server

    # Small pages, so the run walks listings of a few items over several pages (the paging checks).
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), page_size=EMBEDDED_PAGE_SIZE)) as server:
        read_write, read_only, other_tenant = server.tokens[:3]
        issued = Issued()
        yield Target(
            base_url=str(server.base_url).rstrip("/"),
            credential=fixed(issued.add(read_write.token)),
            read_only_token=read_only.token,
            other_tenant_token=other_tenant.token,
            embedded=True,
            issued=issued,
        )


def probe(target: Target) -> None:
    """One read per token given: tells an unreachable URL, a wrong base path and a rejected token apart.

    Error messages name the option whose token was refused, never the token itself."""
    shown = redact_url(target.base_url)
    url = f"{target.base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations"
    where = f"at {redact_url(url)}"
    status = _read(url, target.token, shown)
    if status == 401:
        raise TargetError(f"the target rejected the token (401 {where}); pass a valid --token")
    if status == 403:
        raise TargetError(f"the token lacks DeviceManagementApps.Read.All (403 {where})")
    if status == 404:
        raise TargetError(f"no such API at {shown} (404); the base URL includes the base path, e.g. /beta")
    if target.read_only_token:
        # It must read; that it cannot write is what the read_only_forbidden check then asserts.
        status = _read(url, target.read_only_token, shown)
        if status != 200:
            rejected = "rejected" if status == 401 else "did not accept"
            raise TargetError(
                f"the target {rejected} the --read-only-token ({status} {where}, expected 200); "
                "pass a DeviceManagementApps.Read.All token, or none"
            )
    if target.other_tenant_token and _read(url, target.other_tenant_token, shown) == 401:
        raise TargetError(
            f"the target rejected the --other-tenant-token (401 {where}); pass another tenant's valid token, or none"
        )


def _read(url: str, token: str, shown_base_url: str) -> int:
    try:
        response = httpx.get(url, params={"$top": "1"}, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as exc:
        reason = redact_url(f"{type(exc).__name__} {exc}".strip())
        raise TargetError(f"cannot reach {shown_base_url}: {reason}") from None
    return response.status_code
