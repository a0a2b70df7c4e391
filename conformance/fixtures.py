"""What the run needs on the target, and what it leaves behind.

`run_configuration` creates the run's configuration through the generated client and deletes it when
the run ends. With `--configuration-id` the given configuration is only read: the run still creates a
scratch configuration, and every write (assign, update, delete, assignments) goes there instead
(`RunContext.writable`), so the run never changes data it did not create. `Leftovers` collects every resource a
request of the run created (a 201 create, or the seed's PATCH without a body `id`) so the run deletes
exactly what it made, assignments first.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from urllib.parse import quote

import httpx

from conformance.checks import spec
from conformance.checks.api import DOT_SEGMENTS, REQUEST_ERRORS
from conformance.credentials import FreshBearer, TokenSource
from conformance.errors import CheckFailed, TargetError, UsageError
from conformance.target import Target
from generated_client.api.configurations import create_configuration, delete_configuration
from generated_client.client import AuthenticatedClient
from generated_client.models.ios_lob_app_provisioning_configuration_request import (
    IosLobAppProvisioningConfigurationRequest,
)


@contextlib.contextmanager
def run_configuration(
    target: Target, configuration_id: str | None, scratch: dict[str, str], *, read_only: bool = False
) -> Iterator[str]:
    """The id of the configuration the run works in (given, or created and deleted here; a read-only run
    creates nothing); a given one's scratch configuration is put in `scratch` while the run lasts."""
    if configuration_id is not None:
        _must_exist(target, configuration_id)
    if read_only:
        if configuration_id is None:
            raise UsageError("--read-only needs --configuration-id: the configuration to read")
        yield configuration_id
        return
    with _created_configuration(target) as created_id:
        if configuration_id is None:
            yield created_id
            return
        scratch[configuration_id] = created_id
        try:
            yield configuration_id
        finally:
            scratch.pop(configuration_id, None)


@contextlib.contextmanager
def _created_configuration(target: Target) -> Iterator[str]:
    # The delete comes at the end of the run: a token asked for at each call (a long run outlives one).
    fresh = {"auth": FreshBearer(target.credential)}
    with AuthenticatedClient(base_url=target.base_url, token=target.token, httpx_args=fresh) as client:
        body = IosLobAppProvisioningConfigurationRequest.from_dict(
            {
                "@odata.type": spec.odata_type("iosLobAppProvisioningConfiguration"),
                "displayName": "conformance suite run",
                "description": "Created by the conformance suite; deleted when the run ends.",
            }
        )
        try:
            response = create_configuration.sync_detailed(client=client, body=body)
        except (*REQUEST_ERRORS, ValueError, KeyError, TypeError) as exc:
            raise _setup_failed(f"createConfiguration failed: {type(exc).__name__} {exc}") from None
        # Lenient on purpose: a wrong status or shape is for the checks to report, not a reason to stop.
        created_id = _id_of(response.content) if 200 <= response.status_code < 300 else None
        if created_id is None:
            raise _setup_failed(f"createConfiguration answered {response.status_code}: {response.content[:300]!r}")
        try:
            yield created_id
        finally:
            with contextlib.suppress(*REQUEST_ERRORS, ValueError, KeyError, TypeError):
                delete_configuration.sync_detailed(created_id, client=client)


def _setup_failed(message: str) -> CheckFailed:
    """The target would not create the run's configuration: a failed check, not a usage error."""
    return CheckFailed("Cannot create the run's configuration", message, check="run_setup")


def _must_exist(target: Target, configuration_id: str) -> None:
    configurations = f"{target.base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations"
    url = f"{configurations}/{quote(configuration_id, safe='')}"
    status = httpx.get(url, headers={"Authorization": f"Bearer {target.token}"}, timeout=30.0).status_code
    if status != 200:
        raise TargetError(f"--configuration-id {configuration_id}: getConfiguration answered {status}, not 200")


def _id_of(content: bytes) -> str | None:
    try:
        body = json.loads(content)
    except ValueError:
        return None
    created_id = body.get("id") if isinstance(body, dict) else None
    usable = isinstance(created_id, str) and created_id and created_id not in DOT_SEGMENTS
    return created_id if usable else None


def _creates(request_body: bytes | None) -> bool:
    """The seed's collection PATCH creates when its body has no `id` (else it updates that assignment)."""
    try:
        sent = json.loads(request_body) if request_body else None
    except ValueError:
        return False
    return isinstance(sent, dict) and "id" not in sent


class Leftovers:
    """URLs of the resources the run created, deleted by `clean_up` (each at most once)."""

    def __init__(self) -> None:
        self.urls: dict[str, None] = {}

    def note(self, method: str, url: str, status: int, body: bytes, request_body: bytes | None = None) -> None:
        """Remember what an answered request created: POST answered 201, or a collection PATCH answered 200
        whose body had no `id` (with an `id` it updated that assignment; without `request_body`, unknown)."""
        path = url.split("?", 1)[0].rstrip("/")
        creates = (method == "POST" and status == 201) or (
            method == "PATCH" and status == 200 and path.endswith("/assignments") and _creates(request_body)
        )
        if creates and not path.endswith("/assign"):
            created_id = _id_of(body)
            if created_id is not None:
                self.urls[f"{path}/{quote(created_id, safe='')}"] = None

    def clean_up(self, credential: TokenSource) -> None:
        """Delete what was created: the deepest resources (assignments) first; errors are ignored."""
        with httpx.Client(auth=FreshBearer(credential), timeout=30.0) as client:
            for url in sorted(self.urls, key=lambda u: u.count("/"), reverse=True):
                with contextlib.suppress(*REQUEST_ERRORS):
                    client.delete(url)
        self.urls.clear()
