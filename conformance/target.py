"""What the run checks: a server at `--base-url`, or the embedded reference server on a free port.

`open_target` yields a `Target` once the server answered a first request with the token; anything that
stops a run before it starts (unreachable URL, rejected token) is a `TargetError` with a one-line reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from conformance.options import RunOptions


class TargetError(Exception):
    """The run cannot start: said in one line, without a stack trace (exit code 2)."""


@dataclass(frozen=True)
class Target:
    base_url: str  # ends with the API's base path, e.g. http://127.0.0.1:8000/beta
    token: str
    read_only_token: str | None
    other_tenant_token: str | None
    embedded: bool  # the reference server this run started

    @property
    def description(self) -> str:
        return f"embedded reference server at {self.base_url}" if self.embedded else self.base_url

    def secrets(self) -> tuple[str, ...]:
        return tuple(t for t in (self.token, self.read_only_token, self.other_tenant_token) if t)


@contextlib.contextmanager
def open_target(options: RunOptions) -> Iterator[Target]:
    if options.base_url is None:
        with _embedded() as target:
            probe(target)
            yield target
        return
    if not options.token:
        raise TargetError("--token (or CONFORMANCE_TOKEN) is required with --base-url")
    target = Target(
        base_url=options.base_url.rstrip("/"),
        token=options.token,
        read_only_token=options.read_only_token,
        other_tenant_token=options.other_tenant_token,
        embedded=False,
    )
    probe(target)
    yield target


@contextlib.contextmanager
def _embedded() -> Iterator[Target]:
    """The reference server on a free loopback port with a fresh database; its dev tokens are the run's."""
    from mock_server.runner import run_server

    with run_server() as server:
        read_write, read_only, other_tenant = server.tokens[:3]
        yield Target(
            base_url=str(server.base_url).rstrip("/"),
            token=read_write.token,
            read_only_token=read_only.token,
            other_tenant_token=other_tenant.token,
            embedded=True,
        )


def probe(target: Target) -> None:
    """One read with the token: tells an unreachable URL, a wrong base path and a rejected token apart."""
    url = f"{target.base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations"
    try:
        response = httpx.get(url, params={"$top": "1"}, headers={"Authorization": f"Bearer {target.token}"})
    except httpx.HTTPError as exc:
        raise TargetError(f"cannot reach {target.base_url}: {type(exc).__name__} {exc}".strip()) from None
    if response.status_code == 401:
        raise TargetError(f"the target rejected the token (401 at {url}); pass a valid --token")
    if response.status_code == 403:
        raise TargetError(f"the token lacks DeviceManagementApps.Read.All (403 at {url})")
    if response.status_code == 404:
        raise TargetError(f"no such API at {target.base_url} (404); the base URL includes the base path, e.g. /beta")
