"""Every operation of the spec through the generated client (sync and async), against a real server."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from ios_lob_kit.generated_client.api.assignments import (
    count_assignments,
    create_assignment,
    delete_assignment,
    get_assignment,
    list_assignments,
    update_assignment,
    update_assignments,
)
from ios_lob_kit.generated_client.api.configurations import (
    assign_configuration,
    count_configurations,
    create_configuration,
    delete_configuration,
    get_configuration,
    list_configurations,
    update_configuration,
)
from ios_lob_kit.generated_client.api.group_assignments import (
    count_group_assignments,
    get_group_assignment,
    list_group_assignments,
)
from ios_lob_kit.generated_client.models import (
    AllDevicesAssignmentTarget,
    AllLicensedUsersAssignmentTarget,
    AssignConfigurationRequest,
    DeviceAndAppManagementAssignmentTarget,
    GroupAssignmentTarget,
    IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment,
    IosLobAppProvisioningConfigurationAssignmentCollectionResponse,
    IosLobAppProvisioningConfigurationCollectionResponse,
    IosLobAppProvisioningConfigurationRequest,
    MobileAppProvisioningConfigGroupAssignment,
    MobileAppProvisioningConfigGroupAssignmentCollectionResponse,
    ODataError,
)
from ios_lob_kit.generated_client.models import (
    IosLobAppProvisioningConfigurationAssignmentRequest as AssignmentRequest,
)
from ios_lob_kit.mock_server.runner import RunningServer

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
ASSIGNMENTS = CONFIGS + "/{iosLobAppProvisioningConfigurationId}/assignments"
Example = Callable[..., Any]


def _is_uuid4(value: object) -> bool:
    return isinstance(value, str) and uuid.UUID(value).version == 4 and str(uuid.UUID(value)) == value


def test_create_configuration_answers_201_with_the_official_example(invoke: Any, spec_example: Example) -> None:
    sent = spec_example(CONFIGS, "post", "official")
    answer = invoke(create_configuration, body=IosLobAppProvisioningConfigurationRequest.from_dict(sent))
    assert answer.status_code == 201
    created = answer.parsed
    assert isinstance(created, IosLobAppProvisioningConfiguration)
    assert _is_uuid4(created.id)
    assert created.display_name == sent["displayName"]
    assert created.version == sent["version"]
    assert created.payload == sent["payload"]
    assert created.role_scope_tag_ids == sent["roleScopeTagIds"]
    assert created.created_date_time == created.last_modified_date_time
    raw = answer.content.decode()
    assert '"@odata.type":"#microsoft.graph.iosLobAppProvisioningConfiguration"' in raw
    assert answer.headers["request-id"]


def test_get_configuration(invoke: Any, config_id: str) -> None:
    answer = invoke(get_configuration, config_id)
    assert answer.status_code == 200
    assert isinstance(answer.parsed, IosLobAppProvisioningConfiguration)
    assert answer.parsed.id == config_id


def test_get_configuration_with_select(invoke: Any, config_id: str) -> None:
    answer = invoke(get_configuration, config_id, select="displayName")
    assert answer.status_code == 200
    body = httpx.Response(200, content=answer.content).json()
    assert set(body) == {"@odata.context", "@odata.type", "id", "displayName"}  # what every answer carries, too
    assert isinstance(answer.parsed, IosLobAppProvisioningConfiguration)  # so the typed answer still parses
    assert body["@odata.context"].endswith(
        "/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations(displayName)/$entity"
    )


def test_list_configurations_finds_a_configuration_by_id(invoke: Any, config_id: str) -> None:
    answer = invoke(list_configurations, filter_=f"id eq '{config_id}'", count=True)
    assert answer.status_code == 200
    page = answer.parsed
    assert isinstance(page, IosLobAppProvisioningConfigurationCollectionResponse)
    assert [item.id for item in page.value] == [config_id]
    assert page.odata_count == 1


def test_update_configuration_keeps_what_the_body_leaves_out(invoke: Any, http: httpx.Client) -> None:
    created = http.post(CONFIGS, json={"displayName": "before", "description": "kept", "version": 3}).json()
    body = IosLobAppProvisioningConfigurationRequest.from_dict({"displayName": "after"})
    answer = invoke(update_configuration, created["id"], body=body)
    assert answer.status_code == 200
    updated = answer.parsed
    assert isinstance(updated, IosLobAppProvisioningConfiguration)
    assert (updated.display_name, updated.description, updated.version) == ("after", "kept", 3)
    assert isinstance(updated.created_date_time, datetime)
    assert isinstance(updated.last_modified_date_time, datetime)
    assert updated.created_date_time.isoformat() == created["createdDateTime"].replace("Z", "+00:00")
    assert updated.last_modified_date_time >= updated.created_date_time
    assert http.get(f"{CONFIGS}/{created['id']}").json()["displayName"] == "after"


def test_delete_configuration_removes_it_and_its_assignments(invoke: Any, http: httpx.Client, config_id: str) -> None:
    http.post(f"{CONFIGS}/{config_id}/assignments", json={"target": None})
    answer = invoke(delete_configuration, config_id)
    assert answer.status_code == 204
    assert answer.content == b""
    assert http.get(f"{CONFIGS}/{config_id}").status_code == 404
    assert http.get(f"{CONFIGS}/{config_id}/assignments").status_code == 404
    again = invoke(delete_configuration, config_id)
    assert again.status_code == 404
    assert isinstance(again.parsed, ODataError)
    assert again.parsed.error.code == "ResourceNotFound"


def test_assign_replaces_the_assignments(
    invoke: Any, http: httpx.Client, config_id: str, spec_example: Example
) -> None:
    http.post(f"{CONFIGS}/{config_id}/assignments", json={"target": None})
    sent = spec_example(CONFIGS + "/{iosLobAppProvisioningConfigurationId}/assign", "post", "official")
    answer = invoke(assign_configuration, config_id, body=AssignConfigurationRequest.from_dict(sent))
    assert answer.status_code == 204
    assert answer.content == b""
    listed = http.get(f"{CONFIGS}/{config_id}/assignments").json()["value"]
    assert len(listed) == 1
    assert listed[0]["target"] == {"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentTarget"}
    assert _is_uuid4(listed[0]["id"])
    cleared = invoke(assign_configuration, config_id, body=AssignConfigurationRequest())
    assert cleared.status_code == 204
    assert http.get(f"{CONFIGS}/{config_id}/assignments/$count").text == "0"
    assert http.get(f"{CONFIGS}/{config_id}/groupAssignments/$count").text == "0"


def test_assign_feeds_the_group_assignments(invoke: Any, config_id: str, spec_example: Example) -> None:
    sent = spec_example(CONFIGS + "/{iosLobAppProvisioningConfigurationId}/assign", "post", "official")
    assert invoke(assign_configuration, config_id, body=AssignConfigurationRequest.from_dict(sent)).status_code == 204
    page = invoke(list_group_assignments, config_id)
    assert page.status_code == 200
    assert isinstance(page.parsed, MobileAppProvisioningConfigGroupAssignmentCollectionResponse)
    [group] = page.parsed.value
    assert group.target_group_id == sent["appProvisioningConfigurationGroupAssignments"][0]["targetGroupId"]
    assert _is_uuid4(group.id)  # server-assigned, as for the assignments
    got = invoke(get_group_assignment, config_id, group.id)
    assert isinstance(got.parsed, MobileAppProvisioningConfigGroupAssignment)
    assert got.parsed.id == group.id
    assert got.parsed.target_group_id == group.target_group_id
    assert invoke(count_group_assignments, config_id).parsed == "1"
    missing = invoke(get_group_assignment, config_id, str(uuid.uuid4()))
    assert missing.status_code == 404
    assert isinstance(missing.parsed, ODataError)


def test_count_configurations_counts_the_tenants_own(invoke: Any, http: httpx.Client, config_id: str) -> None:
    answer = invoke(count_configurations)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    listed = http.get(CONFIGS, params={"$count": "true", "$top": "0"}).json()["@odata.count"]
    assert answer.parsed == str(listed)


def test_create_assignment_answers_201_with_the_group_example(
    invoke: Any, config_id: str, spec_example: Example
) -> None:
    sent = spec_example(ASSIGNMENTS, "post", "group")
    body = AssignmentRequest.from_dict(sent)
    answer = invoke(create_assignment, config_id, body=body)
    assert answer.status_code == 201
    created = answer.parsed
    assert isinstance(created, IosLobAppProvisioningConfigurationAssignment)
    assert _is_uuid4(created.id)
    assert isinstance(created.target, GroupAssignmentTarget)
    assert created.target.group_id == sent["target"]["groupId"]
    assert created.target.device_and_app_management_assignment_filter_type == "include"


def test_the_seed_request_gets_the_seed_response_shape(invoke: Any, config_id: str, spec_example: Example) -> None:
    """The page's example: PATCH on the collection without an id creates; 200 with the example's shape."""
    sent = spec_example(ASSIGNMENTS, "patch", "seed")
    expected = spec_example(ASSIGNMENTS, "patch", "seed", response="200")
    answer = invoke(update_assignments, config_id, body=AssignmentRequest.from_dict(sent))
    assert answer.status_code == 200
    assert isinstance(answer.parsed, IosLobAppProvisioningConfigurationAssignment)
    assert isinstance(answer.parsed.target, DeviceAndAppManagementAssignmentTarget)
    body = httpx.Response(200, content=answer.content).json()
    assert set(body) - {"@odata.context"} == set(expected)
    assert body["@odata.type"] == expected["@odata.type"]
    assert _is_uuid4(body["id"])
    # The same target, in the canonical `#` spelling responses use.
    assert body["target"] == {"@odata.type": "#" + expected["target"]["@odata.type"]}
    assert body["@odata.context"].endswith(
        f"/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations('{config_id}')/assignments/$entity"
    )


def test_the_seed_patch_with_an_id_updates_that_assignment(
    invoke: Any, http: httpx.Client, config_id: str, assignment_id: str
) -> None:
    body = AssignmentRequest.from_dict(
        {"id": assignment_id, "target": {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget"}}
    )
    answer = invoke(update_assignments, config_id, body=body)
    assert answer.status_code == 200
    assert isinstance(answer.parsed, IosLobAppProvisioningConfigurationAssignment)
    assert answer.parsed.id == assignment_id
    assert isinstance(answer.parsed.target, AllDevicesAssignmentTarget)
    stored = http.get(f"{CONFIGS}/{config_id}/assignments/{assignment_id}").json()
    assert stored["target"] == {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}
    assert http.get(f"{CONFIGS}/{config_id}/assignments/$count").text == "1"


def test_list_assignments(invoke: Any, config_id: str, assignment_id: str) -> None:
    answer = invoke(list_assignments, config_id, count=True, select="id,target")
    assert answer.status_code == 200
    page = answer.parsed
    assert isinstance(page, IosLobAppProvisioningConfigurationAssignmentCollectionResponse)
    assert [item.id for item in page.value] == [assignment_id]
    assert isinstance(page.value[0].target, GroupAssignmentTarget)
    assert page.odata_count == 1


def test_count_assignments_is_plain_text(invoke: Any, config_id: str, assignment_id: str) -> None:
    answer = invoke(count_assignments, config_id)
    assert answer.status_code == 200
    assert answer.parsed == "1"
    assert answer.headers["content-type"].startswith("text/plain")


def test_get_assignment(invoke: Any, config_id: str, assignment_id: str) -> None:
    answer = invoke(get_assignment, config_id, assignment_id)
    assert answer.status_code == 200
    assert isinstance(answer.parsed, IosLobAppProvisioningConfigurationAssignment)
    assert answer.parsed.id == assignment_id
    assert isinstance(answer.parsed.target, GroupAssignmentTarget)
    assert answer.parsed.target.device_and_app_management_assignment_filter_id == "f-1"


def test_update_assignment_replaces_the_target_whole(invoke: Any, config_id: str, assignment_id: str) -> None:
    body = AssignmentRequest.from_dict({"target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}})
    answer = invoke(update_assignment, config_id, assignment_id, body=body)
    assert answer.status_code == 200
    updated = answer.parsed
    assert isinstance(updated, IosLobAppProvisioningConfigurationAssignment)
    assert updated.id == assignment_id
    assert isinstance(updated.target, AllLicensedUsersAssignmentTarget)
    # The group target's filter is gone: `target` is replaced, not merged.
    assert updated.target.to_dict() == {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}


def test_delete_assignment(invoke: Any, http: httpx.Client, config_id: str, assignment_id: str) -> None:
    answer = invoke(delete_assignment, config_id, assignment_id)
    assert answer.status_code == 204
    assert http.get(f"{CONFIGS}/{config_id}/assignments/{assignment_id}").status_code == 404
    assert http.get(f"{CONFIGS}/{config_id}/assignments/$count").text == "0"


def test_every_operation_of_the_spec_is_covered_here(spec: dict[str, Any]) -> None:
    exercised = {
        "listConfigurations", "createConfiguration", "getConfiguration", "updateConfiguration",
        "deleteConfiguration", "assignConfiguration", "listAssignments", "createAssignment",
        "updateAssignments", "countAssignments", "getAssignment", "updateAssignment", "deleteAssignment",
        "countConfigurations", "listGroupAssignments", "countGroupAssignments", "getGroupAssignment",
    }  # fmt: skip
    in_spec = {op["operationId"] for item in spec["paths"].values() for op in item.values() if "operationId" in op}
    assert in_spec == exercised


def test_the_client_request_id_is_echoed(invoke: Any, server: RunningServer, config_id: str) -> None:
    answer = invoke(get_configuration, config_id, client_request_id="caller-chosen-42")
    assert answer.headers["client-request-id"] == "caller-chosen-42"
    assert answer.headers["request-id"] != "caller-chosen-42"
