"""The run deletes what it created, and never changes what it did not: a given configuration stays as it was."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import httpx
import pytest

from ios_lob_kit.conformance.writes import Leftovers, WriteBudget
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow
CONFIGS = "deviceAppManagement/iosLobAppProvisioningConfigurations"
VENDORS = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "displayName": "the vendor's",
    "description": "must survive the run",
    "version": 7,
    "roleScopeTagIds": ["0", "1"],
    "payloadFileName": "vendor.mobileprovision",
    "payload": "dmVuZG9y",
}
TARGETS = [
    {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"},
    {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "11111111-2222-3333-4444-555555555555"},
]


def _configuration_ids(client: httpx.Client) -> set[str]:
    body = client.get(CONFIGS, params={"$top": "1000"}).json()
    assert "@odata.nextLink" not in body
    return {item["id"] for item in body["value"]}


def _state(client: httpx.Client, config: str) -> tuple[Any, Any]:
    """The configuration as stored, and its assignments (one page holds them all here)."""
    configuration = client.get(f"{CONFIGS}/{config}").json()
    assignments = client.get(f"{CONFIGS}/{config}/assignments").json()
    assert "@odata.nextLink" not in assignments
    return configuration, sorted(assignments["value"], key=lambda item: str(item["id"]))


def test_run_leaves_the_target_as_it_found_it() -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        auth = {"Authorization": f"Bearer {tokens.read_write.token}"}
        with httpx.Client(base_url=base_url + "/", headers=auth) as client:
            run_server_side(options_for(base_url, tokens, phases=("examples", "stateful")))
            assert _configuration_ids(client) == set()

            given = client.post(CONFIGS, json=VENDORS).json()["id"]
            for target in TARGETS:
                client.post(f"{CONFIGS}/{given}/assignments", json={"target": target}).raise_for_status()
            before = _state(client, given)
            options = options_for(base_url, tokens, phases=("examples", "coverage", "stateful"))
            run_server_side(dataclasses.replace(options, configuration_id=given))
            assert _configuration_ids(client) == {given}
            assert _state(client, given) == before


def test_a_collection_patch_is_a_creation_only_without_a_body_id() -> None:
    url = f"http://127.0.0.1/beta/{CONFIGS}/c/assignments"
    leftovers = Leftovers()
    leftovers.note("PATCH", url, 200, b'{"id": "updated"}', b'{"id": "updated"}')
    leftovers.note("PATCH", url, 200, b'{"id": "created"}', b'{"target": null}')
    leftovers.note("PATCH", url, 200, b'{"id": "unknown"}')  # no request body given: not counted
    assert list(leftovers.urls.values()) == [f"{url}/created"]


def test_a_create_interrupted_in_flight_is_found_by_its_marked_name_and_deleted() -> None:
    """A Ctrl-C between the target's commit and its answer: the run never saw the id, the clean-up finds it."""
    collection = "http://127.0.0.1/beta/deviceAppManagement/iosLobAppProvisioningConfigurations"
    stored = {"c1": "conformance-run-0 scenario", "c2": "the vendor's", "c3": "conformance-run-0 other"}
    deleted: list[str] = []

    def target(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"value": [{"id": k, "displayName": v} for k, v in stored.items()]})
        deleted.append(request.url.path.rsplit("/", 1)[-1])
        return httpx.Response(204)

    def interrupted(request: httpx.Request) -> httpx.Response:
        stored["c4"] = json.loads(request.content)["displayName"]  # the target makes it, the answer is lost
        raise KeyboardInterrupt

    budget = WriteBudget(None, Leftovers())
    with pytest.raises(KeyboardInterrupt):
        budget.exchange(httpx.Request("POST", collection, json={"displayName": "conformance-run-0 made"}), interrupted)
    with httpx.Client(transport=httpx.MockTransport(target)) as client:
        assert budget.leftovers.clean_up(client) == []
    assert deleted == ["c4"]  # only the unanswered create's own name; the vendor's and the run's others untouched
