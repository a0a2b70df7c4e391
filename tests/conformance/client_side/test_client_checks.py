"""The checks themselves, on hand-made inputs: each catches what it names and passes what is right."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from ios_lob_kit.conformance.client_side.harness import BASE_URL, TOKEN
from ios_lob_kit.conformance.client_side.models import check_classes
from ios_lob_kit.conformance.client_side.request_checks import Intent, _method_and_path, _query
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.json_meaning import difference
from ios_lob_kit.generated_client.models import DeviceAndAppManagementAssignmentTarget, GroupAssignmentTarget
from ios_lob_kit.openapi.index import spec_index

ROOT = Path(__file__).resolve().parents[3]
GET_ASSIGNMENT = spec_index().operation("getAssignment")


def request(path_and_query: str) -> httpx.Request:
    return httpx.Request("GET", BASE_URL + path_and_query, headers={"Authorization": f"Bearer {TOKEN}"})


def intent(path: dict[str, str], query: dict[str, Any] | None = None) -> Intent:
    return Intent(path, query or {}, {})


def ids(configuration: str, assignment: str) -> dict[str, str]:
    return {
        "iosLobAppProvisioningConfigurationId": configuration,
        "iosLobAppProvisioningConfigurationAssignmentId": assignment,
    }


ITEM = "/deviceAppManagement/iosLobAppProvisioningConfigurations/{}/assignments/{}"


def test_select_must_be_one_comma_separated_parameter() -> None:
    wanted = intent(ids("c", "a"), {"$select": "id,target"})
    _query(GET_ASSIGNMENT, wanted, request(ITEM.format("c", "a") + "?$select=id,target"))
    with pytest.raises(CheckFailed, match=r"\$select sent 2 times"):
        _query(GET_ASSIGNMENT, wanted, request(ITEM.format("c", "a") + "?$select=id&$select=target"))


def test_path_parameters_must_be_percent_encoded() -> None:
    wanted = intent(
        {"iosLobAppProvisioningConfigurationId": "a/b", "iosLobAppProvisioningConfigurationAssignmentId": "x"}
    )
    _method_and_path(GET_ASSIGNMENT, wanted, request(ITEM.format("a%2Fb", "x")))
    with pytest.raises(CheckFailed, match="Request reaches another path"):
        _method_and_path(GET_ASSIGNMENT, wanted, request(ITEM.format("a/b", "x")))


def test_a_kind_parsed_as_another_class_is_caught() -> None:
    wrong = DeviceAndAppManagementAssignmentTarget.from_dict(
        {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"}
    )
    wrong.odata_type = "#microsoft.graph.groupAssignmentTarget"  # type: ignore[assignment]
    with pytest.raises(
        CheckFailed, match="parsed as DeviceAndAppManagementAssignmentTarget, not GroupAssignmentTarget"
    ):
        check_classes("response_model_classes", wrong)


def test_a_spec_property_left_untyped_is_caught() -> None:
    target = GroupAssignmentTarget.from_dict({"@odata.type": "#microsoft.graph.groupAssignmentTarget"})
    check_classes("response_model_classes", target)
    target.additional_properties["groupId"] = "g"
    with pytest.raises(CheckFailed, match="keeps groupId in additional_properties"):
        check_classes("response_model_classes", target)


def test_json_meaning_compares_instants_and_keeps_booleans_apart_from_numbers() -> None:
    assert difference({"createdDateTime": "2016-12-31T23:57:57.2481234-08:00"},
                      {"createdDateTime": "2017-01-01T07:57:57.248123+00:00"}) is None  # fmt: skip
    assert difference({"version": 1}, {"version": True}) == "/version: expected 1, got True"
    assert difference({"a": [1]}, {"a": [1], "b": 2}) == "/b: unexpected 2"


def test_the_first_difference_is_found_in_a_fixed_order() -> None:
    expected = {"b": 1, "a": 1, "c": 1}
    assert difference(expected, {"b": 2, "a": 2, "z": 0, "y": 0}) == "/b: expected 1, got 2"
    assert difference(expected, {"b": 1, "a": 1, "z": 0, "y": 0}) == "/c: missing (expected 1)"
    assert difference(expected, {**expected, "z": 0, "y": 0}) == "/y: unexpected 0"


def test_the_failure_text_is_the_same_under_any_hash_seed() -> None:
    program = (
        "from ios_lob_kit.conformance.json_meaning import difference;"
        "print(difference({k: 1 for k in 'abcdefgh'}, {k: 2 for k in 'hgfedcbaxyz'}))"
    )
    texts = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert texts == {"/a: expected 1, got 2\n"}
