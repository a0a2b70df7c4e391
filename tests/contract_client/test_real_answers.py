"""Real answer shapes (public issue threads, official examples) reach a user of contract_client as documented.

Each entry of assets/real_answers.yaml is replayed as the answer of one operation: errors become
`GraphError` with the real code, successes the generated class (and `target` kind) the docs describe.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import ios_lob_kit.generated_client.models
from ios_lob_kit.contract_client import GraphError, call, connect
from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.api.assignments import (
    create_assignment,
    get_assignment,
    list_assignments,
    update_assignment,
    update_assignments,
)
from ios_lob_kit.generated_client.api.configurations import (
    create_configuration,
    list_configurations,
    update_configuration,
)
from ios_lob_kit.generated_client.models import (
    IosLobAppProvisioningConfigurationAssignmentRequest,
    IosLobAppProvisioningConfigurationRequest,
)

CORPUS = yaml.safe_load((Path(__file__).parent / "assets" / "real_answers.yaml").read_text(encoding="utf-8"))
BASE_URL = "https://graph.example.invalid/beta"
ASSIGNMENT = IosLobAppProvisioningConfigurationAssignmentRequest.from_dict(
    {
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
    }
)
CONFIGURATION = IosLobAppProvisioningConfigurationRequest(display_name="demo")

# How a user calls each operation the corpus replays (ids are placeholders: the answer is canned).
CALLS: dict[str, Callable[[AuthenticatedClient], Any]] = {
    "listConfigurations": lambda c: call(list_configurations.sync_detailed, client=c),
    "createConfiguration": lambda c: call(create_configuration.sync_detailed, client=c, body=CONFIGURATION),
    "updateConfiguration": lambda c: call(update_configuration.sync_detailed, "c1", client=c, body=CONFIGURATION),
    "listAssignments": lambda c: call(list_assignments.sync_detailed, "c1", client=c),
    "createAssignment": lambda c: call(create_assignment.sync_detailed, "c1", client=c, body=ASSIGNMENT),
    "updateAssignments": lambda c: call(update_assignments.sync_detailed, "c1", client=c, body=ASSIGNMENT),
    "getAssignment": lambda c: call(get_assignment.sync_detailed, "c1", "a1", client=c),
    "updateAssignment": lambda c: call(update_assignment.sync_detailed, "c1", "a1", client=c, body=ASSIGNMENT),
}


def replay(entry: dict[str, Any]) -> Any:
    """Call the entry's operation through contract_client against a server that answers with the entry."""
    content = json.dumps(entry["body"]).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(entry["status"], headers=entry["headers"], content=content)

    with connect(BASE_URL, "a-token", transport=httpx.MockTransport(answer)) as client:
        return CALLS[entry["operation"]](client)


@pytest.mark.parametrize("entry", [e for e in CORPUS if "graph_error" in e["expect"]], ids=lambda e: e["id"])
def test_a_real_error_answer_raises_graph_error_with_its_code(entry: dict[str, Any]) -> None:
    with pytest.raises(GraphError) as caught:
        replay(entry)
    error = caught.value
    assert error.status == entry["status"]
    assert error.code == entry["expect"]["graph_error"]
    assert error.error_message == entry["body"]["error"]["message"]
    assert error.request_id == entry["expect"]["request_id"]


@pytest.mark.parametrize("entry", [e for e in CORPUS if "model" in e["expect"]], ids=lambda e: e["id"])
def test_a_real_success_answer_parses_to_the_documented_class(entry: dict[str, Any]) -> None:
    result = replay(entry)
    assert type(result) is getattr(ios_lob_kit.generated_client.models, entry["expect"]["model"])
    if "target" in entry["expect"]:
        assert type(result.target) is getattr(ios_lob_kit.generated_client.models, entry["expect"]["target"])
    assert result.to_dict() == to_microseconds(entry["body"])  # nothing lost or respelled on the way


def to_microseconds(body: Any) -> Any:
    """`body` with date-times cut to microseconds: Python's datetime drops Graph's seventh fractional digit."""
    return json.loads(re.sub(r"(T[0-9:]{8}\.[0-9]{6})[0-9]+", r"\1", json.dumps(body)))


def test_every_entry_names_its_source_and_an_operation_a_user_can_call() -> None:
    ids = [entry["id"] for entry in CORPUS]
    assert len(ids) == len(set(ids))
    for entry in CORPUS:
        assert entry["source"], entry["id"]
        assert entry["operation"] in CALLS, entry["id"]
        assert {"graph_error", "model"} & entry["expect"].keys(), entry["id"]
