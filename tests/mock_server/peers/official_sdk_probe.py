"""Run by the official SDK's own Python (msgraph-beta-sdk, in `.tools/sdk-venv`), not the kit's:

    python official_sdk_probe.py BASE_URL   (the token comes from the environment: SDK_PROBE_TOKEN)

Drives every operation the SDK can send against the reference server, unchanged, and prints one JSON
object of what it saw. It imports nothing of the kit.
"""

import asyncio
import json
import os
import sys

from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph_beta import GraphRequestAdapter, GraphServiceClient
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.count.count_request_builder import (  # noqa: E501
    CountRequestBuilder,
)
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.ios_lob_app_provisioning_configurations_request_builder import (  # noqa: E501
    IosLobAppProvisioningConfigurationsRequestBuilder,
)
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.item.assign.assign_post_request_body import (  # noqa: E501
    AssignPostRequestBody,
)
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.item.assignments.assignments_request_builder import (  # noqa: E501
    AssignmentsRequestBuilder,
)
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.item.ios_lob_app_provisioning_configuration_item_request_builder import (  # noqa: E501
    IosLobAppProvisioningConfigurationItemRequestBuilder,
)
from msgraph_beta.generated.models.all_licensed_users_assignment_target import AllLicensedUsersAssignmentTarget
from msgraph_beta.generated.models.exclusion_group_assignment_target import ExclusionGroupAssignmentTarget
from msgraph_beta.generated.models.group_assignment_target import GroupAssignmentTarget
from msgraph_beta.generated.models.ios_lob_app_provisioning_configuration import IosLobAppProvisioningConfiguration
from msgraph_beta.generated.models.ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment,
)
from msgraph_beta.generated.models.mobile_app_provisioning_config_group_assignment import (
    MobileAppProvisioningConfigGroupAssignment,
)
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError


class StaticToken(AccessTokenProvider):
    def __init__(self, token):
        self.token = token

    async def get_authorization_token(self, uri, additional_authentication_context=None):
        return self.token

    def get_allowed_hosts_validator(self):
        return AllowedHostsValidator([])


async def probe(base_url, token):
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken(token)))
    adapter.base_url = base_url  # the constructor's argument is ignored
    configurations = GraphServiceClient(
        request_adapter=adapter
    ).device_app_management.ios_lob_app_provisioning_configurations
    seen = {}

    created = await configurations.post(IosLobAppProvisioningConfiguration(display_name="sdk", version=1))
    seen["created_configuration"] = created.display_name
    config = configurations.by_ios_lob_app_provisioning_configuration_id(created.id)
    await config.patch(IosLobAppProvisioningConfiguration(description="patched"))
    fetched = await config.get()
    seen["configuration_after_patch"] = [fetched.display_name, fetched.description]

    assignment = await config.assignments.post(
        IosLobAppProvisioningConfigurationAssignment(target=GroupAssignmentTarget(group_id="g1"))
    )
    seen["created_target"] = [type(assignment.target).__name__, assignment.target.group_id]
    item = config.assignments.by_ios_lob_app_provisioning_configuration_assignment_id(assignment.id)
    await item.patch(IosLobAppProvisioningConfigurationAssignment(target=ExclusionGroupAssignmentTarget(group_id="g2")))
    got = await item.get()
    seen["target_after_patch"] = [type(got.target).__name__, got.target.group_id]

    query = AssignmentsRequestBuilder.AssignmentsRequestBuilderGetQueryParameters(
        top=1, count=True, select=["id", "target"], filter=f"id eq '{assignment.id}'"
    )
    page = await config.assignments.get(RequestConfiguration(query_parameters=query))
    seen["listed"] = [page.odata_count, [a.id == assignment.id for a in page.value]]
    seen["count"] = await config.assignments.count.get()

    await config.assign.post(
        AssignPostRequestBody(
            app_provisioning_configuration_group_assignments=[
                MobileAppProvisioningConfigGroupAssignment(target_group_id="g9")
            ],
            i_o_s_lob_app_provisioning_config_assignments=[
                IosLobAppProvisioningConfigurationAssignment(target=AllLicensedUsersAssignmentTarget())
            ],
        )
    )
    after_assign = await config.assignments.get()
    seen["after_assign"] = [type(a.target).__name__ for a in after_assign.value]
    groups = await config.group_assignments.get()
    one_group = config.group_assignments.by_mobile_app_provisioning_config_group_assignment_id(groups.value[0].id)
    group = await one_group.get()
    seen["group_assignments"] = [[g.target_group_id for g in groups.value], group.target_group_id]
    seen["group_count"] = await config.group_assignments.count.get()
    seen["configurations_count_is_a_number"] = isinstance(await configurations.count.get(), int)
    seen |= await query_options(configurations, config, created)

    await config.assignments.by_ios_lob_app_provisioning_configuration_assignment_id(after_assign.value[0].id).delete()
    await config.delete()
    try:
        await config.get()
        seen["after_delete"] = "still there"
    except ODataError as error:
        seen["after_delete"] = [error.response_status_code, error.error.code]
    return seen


ListOptions = IosLobAppProvisioningConfigurationsRequestBuilder.IosLobAppProvisioningConfigurationsRequestBuilderGetQueryParameters  # noqa: E501
GetOptions = IosLobAppProvisioningConfigurationItemRequestBuilder.IosLobAppProvisioningConfigurationItemRequestBuilderGetQueryParameters  # noqa: E501


async def query_options(configurations, config, created):
    """$filter (comparison and logical operators), $orderby and $expand, as the SDK's builders send them."""
    other = await configurations.post(IosLobAppProvisioningConfiguration(display_name="sdk-2", version=2))
    both = f"(id eq '{created.id}' or id eq '{other.id}')"
    seen = {}
    for name, options in {
        "filtered": {"filter": f"{both} and version ge 2"},
        "filtered_not": {"filter": f"{both} and not (startswith(displayName,'sdk-'))"},
        "ordered": {"filter": both, "orderby": ["version desc"]},
        "ordered_asc": {"filter": both, "orderby": ["displayName asc"]},
    }.items():
        page = await configurations.get(RequestConfiguration(query_parameters=ListOptions(**options)))
        seen[name] = [c.display_name for c in page.value]
    counted = CountRequestBuilder.CountRequestBuilderGetQueryParameters(filter=f"{both} and version lt 2")
    seen["counted"] = await configurations.count.get(RequestConfiguration(query_parameters=counted))
    expand = GetOptions(expand=["assignments", "groupAssignments"])
    expanded = await config.get(RequestConfiguration(query_parameters=expand))
    seen["expanded"] = [
        [type(a.target).__name__ for a in expanded.assignments],
        [g.target_group_id for g in expanded.group_assignments],
    ]
    listed = ListOptions(filter=both, orderby=["version"], expand=["assignments"])
    page = await configurations.get(RequestConfiguration(query_parameters=listed))
    seen["listed_expanded"] = [[c.display_name, len(c.assignments or [])] for c in page.value]
    await configurations.by_ios_lob_app_provisioning_configuration_id(other.id).delete()
    return seen


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(sys.argv[1], os.environ["SDK_PROBE_TOKEN"]))))
