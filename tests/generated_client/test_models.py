"""The generated models: official examples round-trip, every target kind dispatches to its own class,
and every model's serialised form is valid against the spec's schema."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

import ios_lob_kit.generated_client.models as models
from ios_lob_kit.generated_client.models import IosLobAppProvisioningConfigurationAssignment as Assignment
from ios_lob_kit.generated_client.types import Unset
from ios_lob_kit.openapi import load_spec
from ios_lob_kit.openapi.schemas import validator_for_schema

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
TARGET_KINDS = {
    "deviceAndAppManagementAssignmentTarget": models.DeviceAndAppManagementAssignmentTarget,
    "allDevicesAssignmentTarget": models.AllDevicesAssignmentTarget,
    "allLicensedUsersAssignmentTarget": models.AllLicensedUsersAssignmentTarget,
    "groupAssignmentTarget": models.GroupAssignmentTarget,
    "exclusionGroupAssignmentTarget": models.ExclusionGroupAssignmentTarget,
    "configurationManagerCollectionAssignmentTarget": models.ConfigurationManagerCollectionAssignmentTarget,
}
OWN_PROPERTY = {"groupAssignmentTarget": "groupId", "exclusionGroupAssignmentTarget": "groupId",
                "configurationManagerCollectionAssignmentTarget": "collectionId"}  # fmt: skip


def examples() -> list[tuple[str, str, Any]]:
    """(operation, example name, value) for every JSON body example in the spec."""
    found = []
    for item in SPEC["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            media = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            found += [(operation["operationId"], name, ex["value"]) for name, ex in media.get("examples", {}).items()]
            for response in operation["responses"].values():
                media = response.get("content", {}).get("application/json", {})
                found += [
                    (operation["operationId"], name, ex["value"]) for name, ex in media.get("examples", {}).items()
                ]
    return found


BODY_MODEL: dict[str, Any] = {
    "createConfiguration": models.IosLobAppProvisioningConfigurationRequest,
    "updateConfiguration": models.IosLobAppProvisioningConfigurationRequest,
    "createAssignment": models.IosLobAppProvisioningConfigurationAssignmentRequest,
    "updateAssignment": models.IosLobAppProvisioningConfigurationAssignmentRequest,
    "updateAssignments": models.IosLobAppProvisioningConfigurationAssignmentRequest,
    "assignConfiguration": models.AssignConfigurationRequest,
}


@pytest.mark.parametrize(("operation", "name", "value"), examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_official_examples_decode_and_encode_back(operation: str, name: str, value: dict[str, Any]) -> None:
    model = BODY_MODEL[operation].from_dict(value)
    assert same_instants(model.to_dict()) == same_instants(value)


DATE_TIMES = {"createdDateTime", "lastModifiedDateTime", "expirationDateTime"}


def same_instants(document: dict[str, Any]) -> dict[str, Any]:
    """Date-times as instants to the microsecond: Graph writes up to 7 fractional digits, Python keeps 6."""
    return {k: datetime.fromisoformat(v) if k in DATE_TIMES and v else v for k, v in document.items()}


ASSIGNMENT_TYPE = "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
MINIMAL = {"@odata.type": ASSIGNMENT_TYPE, "id": "a"}  # what every answer carries


def test_the_seed_response_parses_to_the_base_target_class() -> None:
    seed = {
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "id": "7329f80d-f80d-7329-0df8-29730df82973",
        "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
    }
    assignment = Assignment.from_dict(seed)
    assert assignment.id == "7329f80d-f80d-7329-0df8-29730df82973"
    assert type(assignment.target) is models.DeviceAndAppManagementAssignmentTarget
    assert assignment.to_dict() == seed


@pytest.mark.parametrize("spelling", ["#", ""], ids=["with-hash", "without-hash"])
@pytest.mark.parametrize("kind", sorted(TARGET_KINDS))
def test_each_target_kind_dispatches_to_its_own_class(kind: str, spelling: str) -> None:
    target: dict[str, Any] = {
        "@odata.type": f"{spelling}microsoft.graph.{kind}",
        "deviceAndAppManagementAssignmentFilterId": "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a",
        "deviceAndAppManagementAssignmentFilterType": "exclude",
    }
    if kind in OWN_PROPERTY:
        target[OWN_PROPERTY[kind]] = "own-value"
    answer = {"@odata.type": ASSIGNMENT_TYPE, "id": "a", "target": target}
    assignment = Assignment.from_dict(answer)
    assert type(assignment.target) is TARGET_KINDS[kind]
    assert not isinstance(assignment.target, Unset | None)
    assert assignment.target.additional_properties == {}  # own properties are attributes, not leftovers
    assert assignment.target.device_and_app_management_assignment_filter_type == "exclude"
    assert assignment.to_dict() == answer
    request = models.IosLobAppProvisioningConfigurationAssignmentRequest.from_dict({"target": target})
    assert type(request.target) is TARGET_KINDS[kind]  # requests use the same target classes


def test_an_unknown_target_type_fails_naming_the_value() -> None:
    with pytest.raises(TypeError, match=r"#microsoft\.graph\.somethingNew"):
        Assignment.from_dict({**MINIMAL, "target": {"@odata.type": "#microsoft.graph.somethingNew"}})
    with pytest.raises(TypeError, match="no known kind matches 'a string'"):
        Assignment.from_dict({**MINIMAL, "target": "a string"})


def test_a_null_target_stays_null_and_unknown_annotations_are_kept() -> None:
    context = "https://graph.microsoft.com/beta/$metadata#x/$entity"
    body = {"@odata.type": ASSIGNMENT_TYPE, "id": "a", "target": None, "@odata.context": context}
    assignment = Assignment.from_dict(body)
    assert assignment.target is None
    assert assignment.additional_properties == {"@odata.context": body["@odata.context"]}
    assert assignment.to_dict() == body


def full_document(schema: dict[str, Any]) -> Any:
    """A deterministic instance of `schema` with every property set (first enum member, first kind)."""
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(full_document(part))
        return merged
    if "oneOf" in schema:
        return full_document(next(m for m in schema["oneOf"] if m.get("type") != "null"))
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    kind = next(t for t in kind if t != "null") if isinstance(kind, list) else kind
    if kind == "object":
        return {name: full_document(sub) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [full_document(schema["items"])]
    if kind == "integer":
        return 7
    if kind == "boolean":
        return True
    if "examples" in schema:
        return schema["examples"][0]
    if schema.get("format") == "date-time":
        return "2026-11-28T10:00:00+00:00"  # the client writes UTC as +00:00, so use that spelling
    if schema.get("format") == "uri":
        return "https://graph.microsoft.com/beta/next"
    if schema.get("contentEncoding") == "base64":
        return "cGF5bG9hZA=="
    return "text"


MODEL_SCHEMAS = sorted(name for name, schema in SCHEMAS.items() if "title" in schema and "enum" not in schema)


@pytest.mark.parametrize("name", MODEL_SCHEMAS)
def test_every_model_serialises_to_a_body_valid_against_its_schema(name: str) -> None:
    document = full_document(SCHEMAS[name])
    model = getattr(models, SCHEMAS[name]["title"]).from_dict(document)
    serialised = model.to_dict()
    errors = [f"{list(e.instance_path)}: {e.message}" for e in validator_for_schema(name).iter_errors(serialised)]
    assert not errors
    assert serialised == document


def test_every_component_schema_with_a_title_has_a_model_class() -> None:
    assert len(MODEL_SCHEMAS) >= 18
    missing = [SCHEMAS[name]["title"] for name in MODEL_SCHEMAS if not hasattr(models, SCHEMAS[name]["title"])]
    assert not missing
