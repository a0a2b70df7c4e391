"""What the run needs on the target before it starts: a configuration, made through the generated client.

With `--configuration-id` the run uses that one and deletes nothing of it; otherwise it creates one and
deletes it (with everything the run added under it) when the run ends.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import httpx

from conformance.target import Target
from generated_client.api.configurations import create_configuration, delete_configuration
from generated_client.client import AuthenticatedClient
from generated_client.models.ios_lob_app_provisioning_configuration import IosLobAppProvisioningConfiguration


class SetupFailed(Exception):
    """The target would not create the run's configuration: a failed check, not a usage error."""


@contextlib.contextmanager
def run_configuration(target: Target, configuration_id: str | None) -> Iterator[str]:
    """The id of the configuration the run works in."""
    if configuration_id is not None:
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


def _id_of(content: bytes) -> str | None:
    try:
        body = json.loads(content)
    except ValueError:
        return None
    created_id = body.get("id") if isinstance(body, dict) else None
    return created_id if isinstance(created_id, str) and created_id else None
