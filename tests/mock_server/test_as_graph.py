"""`--as-graph`: where real Graph is documented to answer differently from the contract, the server does
as Graph does (the seed's collection PATCH: 400 `No method match route template`); the rest is unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
ASSIGNMENT = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"},
}


@pytest.fixture(scope="module")
def graph_like() -> Iterator[RunningServer]:
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), as_graph=True)) as server:
        yield server


@pytest.fixture
def http(graph_like: RunningServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {graph_like.tokens[0].token}"}
    with httpx.Client(base_url=graph_like.base_url, headers=headers, timeout=30) as client:
        yield client


@pytest.mark.slow
def test_the_seeds_collection_patch_has_no_route_as_on_graph(http: httpx.Client) -> None:
    config_id = http.post(CONFIGS, json={"displayName": "as graph"}).json()["id"]
    answer = http.patch(f"{CONFIGS}/{config_id}/assignments", json=ASSIGNMENT)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "No method match route template"
    assert "with http verb PATCH" in error["message"]
    assert answer.headers["request-id"]
    assert http.get(f"{CONFIGS}/{config_id}/assignments").json()["value"] == []  # nothing written
    created = http.post(f"{CONFIGS}/{config_id}/assignments", json=ASSIGNMENT)  # its siblings still work
    assert created.status_code == 201
    item = http.patch(f"{CONFIGS}/{config_id}/assignments/{created.json()['id']}", json=ASSIGNMENT)
    assert item.status_code in (200, 204)


@pytest.mark.slow
def test_a_bad_token_is_still_401_and_allow_no_longer_lists_patch(
    graph_like: RunningServer, http: httpx.Client
) -> None:
    url = f"{graph_like.base_url}{CONFIGS}/some-id/assignments"
    assert httpx.patch(url, json=ASSIGNMENT, headers={"Authorization": "Bearer nope"}).status_code == 401
    refused = http.put(f"{CONFIGS}/some-id/assignments", json=ASSIGNMENT)
    assert refused.status_code == 400  # an undocumented verb, as Intune answers it
    assert refused.json()["error"]["code"] == "No method match route template"
    assert "PATCH" not in refused.headers["allow"]
