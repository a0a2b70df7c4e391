"""The spec against Microsoft's own CSDL, permissions file and reference pages (ios_lob_kit/openapi/upstream/)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ios_lob_kit.openapi import load_spec
from ios_lob_kit.openapi.upstream import (
    CSDL_PATH,
    DIFFERENCES_PATH,
    UpstreamDrift,
    check_fidelity,
    differences,
    listed_differences,
    read_csdl,
    read_sources,
)

SOURCES = read_sources()
LISTED = listed_differences()
CONFIG = "iosLobAppProvisioningConfiguration"


def drifted_csdl(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the CSDL fragment with one edit, as if Microsoft had changed it."""
    text = CSDL_PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "csdl.xml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def drift_keys(csdl: Path, spec: dict[str, Any] | None = None) -> set[str]:
    with pytest.raises(UpstreamDrift) as raised:
        check_fidelity(spec or load_spec(), read_csdl(csdl), SOURCES, LISTED)
    assert not raised.value.stale
    return set(raised.value.new)


def test_the_spec_agrees_with_microsofts_sources_except_as_listed() -> None:
    check_fidelity(load_spec(), read_csdl(CSDL_PATH), SOURCES, LISTED)


def test_every_listed_difference_says_why_and_the_seed_ones_are_there() -> None:
    assert all(len(reason.split()) >= 8 for reason in LISTED.values())
    assert "abstract:deviceAndAppManagementAssignmentTarget" in LISTED  # the seed's example target
    assert any(key.startswith("operations:") and key.endswith("/{id}/assignments") for key in LISTED)  # seed PATCH


def test_the_fragment_names_where_it_was_read() -> None:
    text = CSDL_PATH.read_text(encoding="utf-8")
    commit = SOURCES["csdl"]["commit"]
    assert re.fullmatch("[0-9a-f]{40}", commit)
    assert commit in text
    assert SOURCES["csdl"]["path"] in text
    assert SOURCES["csdl"]["repository"] in text
    model = read_csdl(CSDL_PATH)
    assert {CONFIG, "deviceAndAppManagementAssignmentTarget", "groupAssignmentTarget"} <= model.types.keys()
    assert model.enums["deviceAndAppManagementAssignmentFilterType"] == ("none", "include", "exclude")
    assert [a.name for a in model.actions] == ["assign"]


def test_a_property_renamed_upstream_fails(tmp_path: Path) -> None:
    csdl = drifted_csdl(tmp_path, '<Property Name="displayName"', '<Property Name="displayTitle"')
    assert drift_keys(csdl) == {f"property-missing:{CONFIG}.displayTitle", f"property-extra:{CONFIG}.displayName"}


def test_a_nullability_flipped_upstream_fails(tmp_path: Path) -> None:
    csdl = drifted_csdl(
        tmp_path,
        '<Property Name="description" Type="Edm.String">',
        '<Property Name="description" Type="Edm.String" Nullable="false">',
    )
    assert drift_keys(csdl) == {f"property-nullable:{CONFIG}.description"}


def test_an_enum_member_added_upstream_fails(tmp_path: Path) -> None:
    csdl = drifted_csdl(
        tmp_path,
        '<Member Name="exclude" Value="2" />',
        '<Member Name="exclude" Value="2" />\n<Member Name="unknownFutureValue" Value="3" />',
    )
    assert drift_keys(csdl) == {"enum-members:deviceAndAppManagementAssignmentFilterType"}


def test_a_target_kind_added_upstream_fails(tmp_path: Path) -> None:
    kind = '<ComplexType Name="allDevicesAssignmentTarget" BaseType="graph.deviceAndAppManagementAssignmentTarget" />'
    extra = '<ComplexType Name="allUsersAssignmentTarget" BaseType="graph.deviceAndAppManagementAssignmentTarget" />'
    csdl = drifted_csdl(tmp_path, kind, kind + "\n" + extra)
    keys = drift_keys(csdl)
    assert "type-missing:allUsersAssignmentTarget" in keys
    assert "property-type:iosLobAppProvisioningConfigurationAssignment.target" in keys


def test_a_type_changed_or_a_base_changed_upstream_fails(tmp_path: Path) -> None:
    csdl = drifted_csdl(
        tmp_path, '<Property Name="version" Type="Edm.Int32"', '<Property Name="version" Type="Edm.Int64"'
    )
    assert drift_keys(csdl) == {f"property-type:{CONFIG}.version"}
    kind = "configurationManagerCollectionAssignmentTarget"
    csdl = drifted_csdl(
        tmp_path,
        f'<ComplexType Name="{kind}" BaseType="graph.deviceAndAppManagementAssignmentTarget">',
        f'<ComplexType Name="{kind}" BaseType="graph.groupAssignmentTarget">',
    )
    assert drift_keys(csdl) == {f"base-type:{kind}", f"property-missing:{kind}.groupId"}


def test_a_navigation_property_or_an_action_parameter_added_upstream_fails(tmp_path: Path) -> None:
    nav = '<NavigationProperty Name="userStatuses"'
    csdl = drifted_csdl(
        tmp_path, nav, '<NavigationProperty Name="payloadLinks" Type="Collection(graph.entity)" />\n' + nav
    )
    assert drift_keys(csdl) == {f"navigation:{CONFIG}.payloadLinks"}
    param = '<Parameter Name="iOSLobAppProvisioningConfigAssignments"'
    csdl = drifted_csdl(tmp_path, param, '<Parameter Name="replace" Type="Edm.Boolean" Nullable="false" />\n' + param)
    assert drift_keys(csdl) == {"action-parameter-missing:assign.replace"}


def test_a_spec_edit_that_departs_from_upstream_fails() -> None:
    spec = copy.deepcopy(load_spec())
    config = spec["components"]["schemas"][CONFIG]["allOf"][1]["properties"]
    config["displayName"]["type"] = ["string", "null"]
    config["notes"] = {"type": "string"}
    spec["paths"]["/deviceAppManagement/iosLobAppProvisioningConfigurations"]["get"]["x-ms-permissions"] = {
        "delegated": ["DeviceManagementApps.Read.All"],
        "application": ["DeviceManagementApps.Read.All"],
    }
    keys = drift_keys(CSDL_PATH, spec)
    assert keys == {
        f"property-nullable:{CONFIG}.displayName",
        f"property-extra:{CONFIG}.notes",
        "permissions:listConfigurations.delegated",
        "permissions:listConfigurations.application",
    }


def test_a_request_shape_that_departs_from_upstream_fails() -> None:
    spec = copy.deepcopy(load_spec())
    request = spec["components"]["schemas"]["iosLobAppProvisioningConfigurationAssignmentRequest"]
    own = request["allOf"][1]["properties"]
    own["target"]["oneOf"] = own["target"]["oneOf"][1:]  # one kind fewer, in requests only
    own["intent"] = {"type": "string"}
    keys = drift_keys(CSDL_PATH, spec)
    assert keys == {
        "property-type:iosLobAppProvisioningConfigurationAssignment.target",
        "property-extra:iosLobAppProvisioningConfigurationAssignment.intent",
    }


def test_a_listed_difference_no_longer_found_fails(tmp_path: Path) -> None:
    entries = yaml.safe_load(DIFFERENCES_PATH.read_text(encoding="utf-8"))
    entries["differences"].append({"key": f"property-nullable:{CONFIG}.description", "reason": "listed by mistake"})
    path = tmp_path / "differences.yaml"
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(UpstreamDrift) as raised:
        check_fidelity(load_spec(), read_csdl(CSDL_PATH), SOURCES, listed_differences(path))
    assert set(raised.value.stale) == {f"property-nullable:{CONFIG}.description"}
    assert "no longer found" in str(raised.value)


def test_differences_say_what_each_side_has() -> None:
    spec = copy.deepcopy(load_spec())
    spec["components"]["schemas"][CONFIG]["allOf"][1]["properties"]["version"] = {"type": "string"}
    text = differences(spec, read_csdl(CSDL_PATH), SOURCES)[f"property-type:{CONFIG}.version"]
    assert "Edm.Int32" in text
    assert "Edm.String" in text


def test_a_navigation_property_the_spec_answers_with_expand_is_compared_as_one() -> None:
    spec = copy.deepcopy(load_spec())
    config = spec["components"]["schemas"][CONFIG]["allOf"][2]["properties"]  # the answers' navigation part
    config["groupAssignments"]["items"] = {"$ref": "#/components/schemas/iosLobAppProvisioningConfigurationAssignment"}
    config["payloadLinks"] = {"type": "array", "items": {"type": "string"}, "x-ms-navigationProperty": True}
    assert drift_keys(CSDL_PATH, spec) == {
        f"navigation-type:{CONFIG}.groupAssignments",
        f"navigation-extra:{CONFIG}.payloadLinks",
    }
