"""The spec itself: valid OpenAPI, faithful to the seed, and complete where the kit relies on it."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from ios_lob_kit.openapi import load_spec, resolve
from ios_lob_kit.openapi.schemas import validator_for_pointer

SPEC = load_spec()
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    (path, method, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in METHODS
]
COLLECTION = (
    "/deviceAppManagement/iosLobAppProvisioningConfigurations/{iosLobAppProvisioningConfigurationId}/assignments"
)
SEED_REQUEST = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
}
SEED_RESPONSE = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "id": "7329f80d-f80d-7329-0df8-29730df82973",
    "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
}


def test_the_spec_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_the_seed_operation_is_documented_as_the_seed_says() -> None:
    operation = SPEC["paths"][COLLECTION]["patch"]
    assert operation["operationId"] == "updateAssignments"
    body = operation["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/iosLobAppProvisioningConfigurationAssignmentRequest"}
    assert body["examples"]["seed"]["value"] == SEED_REQUEST
    answer = operation["responses"]["200"]["content"]["application/json"]
    assert answer["examples"]["seed"]["value"] == SEED_RESPONSE
    description = operation["description"]
    for promise in ("updates that assignment", "`404`", "creates a new assignment", "**item** path"):
        assert promise in description


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[op["operationId"] for *_, op in OPERATIONS])
def test_every_operation_documents_auth_errors_and_headers(path: str, method: str, operation: dict[str, Any]) -> None:
    assert operation.get("security", SPEC["security"]) == [{"bearerAuth": []}]
    permissions = operation["x-ms-permissions"]
    needed = "DeviceManagementApps.Read.All" if method == "get" else "DeviceManagementApps.ReadWrite.All"
    assert needed in permissions["application"]
    assert needed in permissions["delegated"]
    responses = operation["responses"]
    assert {"400", "401", "403", "404", "429", "5XX"} <= responses.keys()
    if "requestBody" in operation:
        assert {"400", "413", "415"} <= responses.keys()
    for status, response in responses.items():
        response = resolve(response)
        assert "request-id" in response["headers"], f"{status} has no request-id header"
        assert "client-request-id" in response["headers"]
        if not status.startswith("2"):
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/oDataError"}, status


def test_links_name_existing_operations_and_parameters() -> None:
    by_id = {op["operationId"]: (path, item) for path, _, op in OPERATIONS for item in [SPEC["paths"][path]]}
    links = [
        link
        for *_, op in OPERATIONS
        for response in op["responses"].values()
        for link in resolve(response).get("links", {}).values()
    ]
    assert len(links) >= 9
    for link in links:
        _path, item = by_id[link["operationId"]]
        names = {resolve(p)["name"] for p in item.get("parameters", [])}
        assert set(link["parameters"]) <= names


def test_every_example_is_valid_against_its_schema() -> None:
    checked = 0
    for *_, operation in OPERATIONS:
        bodies = [operation.get("requestBody", {})] + [resolve(r) for r in operation["responses"].values()]
        for body in bodies:
            media = body.get("content", {}).get("application/json", {})
            for name, example in media.get("examples", {}).items():
                validator = validator_for_pointer(media["schema"]["$ref"])
                errors = [e.message for e in validator.iter_errors(example["value"])]
                assert not errors, f"{operation['operationId']} example {name}: {errors}"
                checked += 1
    assert checked >= 7


@pytest.mark.parametrize("spelling", ["#", ""])
@pytest.mark.parametrize(
    "kind",
    [
        "deviceAndAppManagementAssignmentTarget",
        "allDevicesAssignmentTarget",
        "allLicensedUsersAssignmentTarget",
        "groupAssignmentTarget",
        "exclusionGroupAssignmentTarget",
        "configurationManagerCollectionAssignmentTarget",
    ],
)
def test_each_target_kind_is_exactly_one_member_of_the_union(kind: str, spelling: str) -> None:
    target = {"@odata.type": f"{spelling}microsoft.graph.{kind}"}
    members = SPEC["components"]["schemas"]["assignmentTarget"]["oneOf"]
    matching = [m["$ref"] for m in members if "$ref" in m and validator_for_pointer(m["$ref"]).is_valid(target)]
    assert matching == [f"#/components/schemas/{kind}"]


def test_unknown_target_kinds_and_filter_types_are_invalid() -> None:
    assignment = validator_for_pointer("#/components/schemas/iosLobAppProvisioningConfigurationAssignmentRequest")
    assert not assignment.is_valid({"target": {"@odata.type": "#microsoft.graph.nope"}})
    assert not assignment.is_valid(
        {
            "target": {
                "@odata.type": "microsoft.graph.groupAssignmentTarget",
                "deviceAndAppManagementAssignmentFilterType": "sometimes",
            }
        }
    )
    assert assignment.is_valid({"target": None})


SCHEMAS = "#/components/schemas/"
GROUP_TARGET = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"}


TARGET_WITH = {**GROUP_TARGET, "foo": 1}


@pytest.mark.parametrize(
    ("schema", "valid", "undeclared"),
    [
        ("iosLobAppProvisioningConfigurationRequest", {"displayName": "d"}, {"displayName": "d", "foo": 1}),
        ("iosLobAppProvisioningConfigurationAssignmentRequest", {"target": None}, {"target": None, "foo": 1}),
        ("iosLobAppProvisioningConfigurationAssignmentRequest", {"target": GROUP_TARGET}, {"target": TARGET_WITH}),
        ("mobileAppProvisioningConfigGroupAssignmentRequest", {"targetGroupId": "g"}, {"targetGroupId": "g", "foo": 1}),
        ("assignConfigurationRequest", {}, {"foo": []}),
        (
            "assignConfigurationRequest",
            {"iOSLobAppProvisioningConfigAssignments": [{"target": GROUP_TARGET}]},
            {"iOSLobAppProvisioningConfigAssignments": [{"target": TARGET_WITH}]},
        ),
    ],
)
def test_requests_are_closed_at_every_depth(schema: str, valid: dict[str, Any], undeclared: dict[str, Any]) -> None:
    assert validator_for_pointer(SCHEMAS + schema).is_valid(valid)
    assert not validator_for_pointer(SCHEMAS + schema).is_valid(undeclared)


def test_answers_are_open_and_carry_id_and_odata_type() -> None:
    answer = validator_for_pointer(SCHEMAS + "iosLobAppProvisioningConfigurationAssignment")
    kind = "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
    newer = {"@odata.type": kind, "id": "a", "target": {**GROUP_TARGET, "newer": 1}, "newerToo": True}
    assert answer.is_valid(newer)  # unknown properties at any depth: clients keep or ignore them
    assert not answer.is_valid({"@odata.type": kind, "target": None})  # no id
    assert not answer.is_valid({"id": "a", "target": None})  # no @odata.type
    configuration = validator_for_pointer(SCHEMAS + "iosLobAppProvisioningConfiguration")
    assert configuration.is_valid({"@odata.type": "#microsoft.graph.iosLobAppProvisioningConfiguration", "id": "c"})
    assert not configuration.is_valid({"id": "c"})


def test_the_error_schema_has_the_graph_shape() -> None:
    error = validator_for_pointer("#/components/schemas/oDataError")
    good = {
        "error": {
            "code": "BadRequest",
            "message": "m",
            "target": "target",
            "details": [{"code": "c", "message": "m", "target": None}],
            "innerError": {"date": "2026-11-28T10:00:00Z", "request-id": "r", "client-request-id": "c"},
        }
    }
    assert error.is_valid(good)
    assert not error.is_valid({"error": {"message": "no code"}})
    assert not error.is_valid({"message": "not wrapped"})


def test_server_set_properties_are_marked_in_the_spec() -> None:
    from ios_lob_kit.openapi.index import spec_index

    assert spec_index().server_set == {
        "id",
        "createdDateTime",
        "lastModifiedDateTime",
        "assignments",
        "groupAssignments",
    }
