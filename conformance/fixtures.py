"""What the run needs on the target, and what it leaves behind.

`run_configuration` creates the run's configuration through the generated client (or uses
`--configuration-id`, never deleted) and deletes it when the run ends. `Leftovers` collects every
resource a request of the run created (a 201 create, or the seed's PATCH creating an assignment) so
the run deletes exactly what it made, assignments first.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from urllib.parse import quote

import httpx

from conformance.target import Target, TargetError
from generated_client.api.configurations import create_configuration, delete_configuration
from generated_client.client import AuthenticatedClient
from generated_client.models.ios_lob_app_provisioning_configuration import IosLobAppProvisioningConfiguration


class SetupFailed(Exception):
    """The target would not create the run's configuration: a failed check, not a usage error."""


@contextlib.contextmanager
def run_configuration(target: Target, configuration_id: str | None) -> Iterator[str]:
    """The id of the configuration the run works in."""
    if configuration_id is not None:
        _must_exist(target, configuration_id)
        yield configuration_id
        return
    with AuthenticatedClient(base_url=target.base_url, token=target.token) as client:
        body = IosLobAppProvisioningConfiguration.from_dict(
            {
                "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfiguration",
                "displayName": "conformance suite run",
                "description": "Created by the conformance suite; deleted when the run ends.",
            }
        )
        try:
            response = create_configuration.sync_detailed(client=client, body=body)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise SetupFailed(f"createConfiguration failed: {type(exc).__name__} {exc}") from None
        # Lenient on purpose: a wrong status or shape is for the checks to report, not a reason to stop.
        created_id = _id_of(response.content) if 200 <= response.status_code < 300 else None
        if created_id is None:
            raise SetupFailed(f"createConfiguration answered {response.status_code}: {response.content[:300]!r}")
        try:
            yield created_id
        finally:
            with contextlib.suppress(httpx.HTTPError, ValueError, KeyError, TypeError):
                delete_configuration.sync_detailed(created_id, client=client)


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
    return created_id if isinstance(created_id, str) and created_id else None


class Leftovers:
    """URLs of the resources the run created, deleted by `clean_up` (each at most once)."""

    def __init__(self) -> None:
        self.urls: dict[str, None] = {}

    def note(self, method: str, url: str, status: int, body: bytes) -> None:
        """Remember what an answered request created: POST answered 201, or a collection PATCH answered 200."""
        path = url.split("?", 1)[0].rstrip("/")
        creates = (method == "POST" and status == 201) or (
            method == "PATCH" and status == 200 and path.endswith("/assignments")
        )
        if creates and not path.endswith("/assign"):
            created_id = _id_of(body)
            if created_id is not None:
                self.urls[f"{path}/{created_id}"] = None

    def clean_up(self, token: str) -> None:
        """Delete what was created: the deepest resources (assignments) first; errors are ignored."""
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30.0) as client:
            for url in sorted(self.urls, key=lambda u: u.count("/"), reverse=True):
                with contextlib.suppress(httpx.HTTPError):
                    client.delete(url)
        self.urls.clear()
