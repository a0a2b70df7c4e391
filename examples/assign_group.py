"""Typed usage of the generated client: assign a configuration to a group with the seed's PATCH.

    python examples/assign_group.py BASE_URL TOKEN CONFIGURATION_ID

`mypy --strict` checks this file (tests/generated_client/test_typing.py).
"""

from __future__ import annotations

import sys

from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.api.assignments import update_assignments
from ios_lob_kit.generated_client.models import (
    GroupAssignmentTarget,
    IosLobAppProvisioningConfigurationAssignmentRequest,
    ODataError,
)


def assign_to_group(client: AuthenticatedClient, configuration_id: str, group_id: str) -> str:
    """Create an assignment of `configuration_id` to `group_id`; return the new assignment's id."""
    body = IosLobAppProvisioningConfigurationAssignmentRequest(
        odata_type="#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        target=GroupAssignmentTarget(odata_type="#microsoft.graph.groupAssignmentTarget", group_id=group_id),
    )
    answer = update_assignments.sync(configuration_id, client=client, body=body)
    if isinstance(answer, ODataError):
        raise RuntimeError(f"{answer.error.code}: {answer.error.message}")
    if answer is None:
        raise RuntimeError("the server answered an undocumented status")
    return answer.id  # `str`: every answer carries its id


def main(argv: list[str]) -> int:
    base_url, token, configuration_id = argv
    with AuthenticatedClient(base_url=base_url, token=token) as client:
        print(assign_to_group(client, configuration_id, group_id="3f2b7a10-5d1c-4c86-9d0b-1f2e3a4b5c6d"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
