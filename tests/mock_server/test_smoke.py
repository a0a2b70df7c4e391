"""The seed's PATCH through the generated client against a real server."""

from __future__ import annotations

from generated_client import AuthenticatedClient
from generated_client.api.assignments import update_assignments
from generated_client.api.configurations import create_configuration
from generated_client.models import (
    DeviceAndAppManagementAssignmentTarget,
    IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment,
)


def test_seed_patch_creates_an_assignment(client: AuthenticatedClient) -> None:
    created = create_configuration.sync(client=client, body=IosLobAppProvisioningConfiguration(display_name="seed"))
    assert isinstance(created, IosLobAppProvisioningConfiguration)
    assert isinstance(created.id, str)
    body = IosLobAppProvisioningConfigurationAssignment.from_dict(
        {
            "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
            "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
        }
    )
    answer = update_assignments.sync_detailed(created.id, client=client, body=body)
    assert answer.status_code == 200
    assert isinstance(answer.parsed, IosLobAppProvisioningConfigurationAssignment)
    assert isinstance(answer.parsed.target, DeviceAndAppManagementAssignmentTarget)
