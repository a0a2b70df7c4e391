"""Graph semantics: paging and query options, unknown and server-set properties, spellings, merges, annotations."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ios_lob_kit.mock_server.runner import RunningServer

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
PAGE_SIZE = 3  # the session server's (conftest)


def _assign(http: httpx.Client, config_id: str, count: int) -> list[str]:
    """Give `config_id` exactly `count` assignments (group ids g0, g1, ...); their ids in order."""
    target = {"@odata.type": "#microsoft.graph.groupAssignmentTarget"}
    items = [{"target": {**target, "groupId": f"g{i}"}} for i in range(count)]
    answer = http.post(f"{CONFIGS}/{config_id}/assign", json={"iOSLobAppProvisioningConfigAssignments": items})
    assert answer.status_code == 204
    listed, _ = _follow(http, f"{CONFIGS}/{config_id}/assignments")
    assert [item["target"]["groupId"] for item in listed] == [f"g{i}" for i in range(count)]
    return [item["id"] for item in listed]


def _follow(http: httpx.Client, url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every page from `url` on, following `@odata.nextLink`: (items, pages)."""
    items: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    for _ in range(50):
        page = http.get(url).json()
        pages.append(page)
        items += page["value"]
        if "@odata.nextLink" not in page:
            return items, pages
        url = page["@odata.nextLink"]
    raise AssertionError("paging does not end")


# Paging and query options


def test_lists_page_with_an_absolute_next_link(http: httpx.Client, server: RunningServer, config_id: str) -> None:
    ids = _assign(http, config_id, 7)
    items, pages = _follow(http, f"{server.base_url}{CONFIGS}/{config_id}/assignments?$count=true")
    assert [item["id"] for item in items] == ids
    assert [len(page["value"]) for page in pages] == [3, 3, 1]
    assert all(page["@odata.count"] == 7 for page in pages)
    assert pages[0]["@odata.nextLink"].startswith(f"{server.base_url}{CONFIGS}/{config_id}/assignments?")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("$top=5", slice(0, 5)),
        ("$top=2", slice(0, 2)),
        ("$top=0", slice(0, 0)),
        ("$skip=2", slice(2, None)),
        ("$skip=3&$top=3", slice(3, 6)),
        ("$skip=99", slice(99, None)),
    ],
)
def test_top_and_skip(http: httpx.Client, server: RunningServer, config_id: str, query: str, expected: slice) -> None:
    ids = _assign(http, config_id, 7)
    items, _ = _follow(http, f"{server.base_url}{CONFIGS}/{config_id}/assignments?{query}")
    assert [item["id"] for item in items] == ids[expected]


def test_select_keeps_only_the_chosen_properties(http: httpx.Client, config_id: str) -> None:
    _assign(http, config_id, 2)
    page = http.get(f"{CONFIGS}/{config_id}/assignments", params={"$select": "id"}).json()
    assert [set(item) for item in page["value"]] == [{"@odata.type", "id"}] * 2
    assert page["@odata.context"].endswith(f"iosLobAppProvisioningConfigurations('{config_id}')/assignments(id)")


def test_filter_by_id(http: httpx.Client, config_id: str) -> None:
    ids = _assign(http, config_id, 4)
    page = http.get(f"{CONFIGS}/{config_id}/assignments", params={"$filter": f"id eq '{ids[2]}'", "$count": "true"})
    assert [item["id"] for item in page.json()["value"]] == [ids[2]]
    assert page.json()["@odata.count"] == 1
    none = http.get(f"{CONFIGS}/{config_id}/assignments", params={"$filter": "id eq 'nothing'"}).json()
    assert none["value"] == []


def test_the_sdk_query_spellings_are_understood(http: httpx.Client, config_id: str) -> None:
    """`%24`-encoded names (the official SDK) and names without `$` (Graph beta); a repeated option is a 400."""
    ids = _assign(http, config_id, 4)
    base = f"{CONFIGS}/{config_id}/assignments"
    encoded = http.get(f"{base}?%24top=1&%24count=true&%24select=id,target").json()
    assert [item["id"] for item in encoded["value"]] == ids[:1]
    assert encoded["@odata.count"] == 4
    plain = http.get(f"{base}?top=2&skip=1").json()
    assert [item["id"] for item in plain["value"]] == ids[1:3]
    repeated = http.get(f"{base}?$select=id&$select=target&$top=1")
    assert repeated.status_code == 400
    assert "more than once" in repeated.json()["error"]["message"]
    assert http.get(f"{base}?$top=1&custom=ignored").status_code == 200
    assert http.get(f"{base}?$select=&$top=1").status_code == 400  # the spec's pattern needs a property


def test_configurations_list_per_tenant(
    http: httpx.Client, other_tenant_http: httpx.Client, server: RunningServer, config_id: str
) -> None:
    mine, _ = _follow(http, f"{server.base_url}{CONFIGS}")
    theirs, _ = _follow(other_tenant_http, f"{server.base_url}{CONFIGS}")
    assert config_id in {item["id"] for item in mine}
    assert config_id not in {item["id"] for item in theirs}
    assert all(item["@odata.type"] == "#microsoft.graph.iosLobAppProvisioningConfiguration" for item in mine)


# What gets stored


def test_server_set_properties_and_odata_type_are_accepted_in_requests(http: httpx.Client, config_id: str) -> None:
    sent = {"@odata.type": "microsoft.graph.iosLobAppProvisioningConfiguration", "displayName": "a", "id": "mine"}
    created = http.post(CONFIGS, json={**sent, "createdDateTime": "2001-01-01T00:00:00Z"}).json()
    assert created["id"] != "mine"
    assert created["createdDateTime"] != "2001-01-01T00:00:00Z"
    assert created["@odata.type"] == "#microsoft.graph.iosLobAppProvisioningConfiguration"


def test_server_set_properties_are_ignored_in_writes(http: httpx.Client, config_id: str, assignment_id: str) -> None:
    sent = {"id": "mine", "createdDateTime": "2000-01-01T00:00:00Z", "lastModifiedDateTime": "2000-01-01T00:00:00Z"}
    created = http.post(CONFIGS, json={**sent, "displayName": "a"}).json()
    assert created["id"] != "mine"
    assert not created["createdDateTime"].startswith("2000")
    updated = http.patch(f"{CONFIGS}/{created['id']}", json=sent).json()
    assert (updated["id"], updated["createdDateTime"]) == (created["id"], created["createdDateTime"])
    assert not updated["lastModifiedDateTime"].startswith("2000")
    item = f"{CONFIGS}/{config_id}/assignments/{assignment_id}"
    assert http.patch(item, json={"id": "other"}).json()["id"] == assignment_id
    assert http.post(f"{CONFIGS}/{config_id}/assignments", json={"id": assignment_id}).json()["id"] != assignment_id


def test_odata_type_is_stored_and_answered_in_the_canonical_spelling(http: httpx.Client, config_id: str) -> None:
    body = {
        "@odata.type": "microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "target": {"@odata.type": "microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "g"},
    }
    created = http.patch(f"{CONFIGS}/{config_id}/assignments", json=body).json()
    assert created["@odata.type"] == "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
    assert created["target"]["@odata.type"] == "#microsoft.graph.exclusionGroupAssignmentTarget"
    stored = http.get(f"{CONFIGS}/{config_id}/assignments/{created['id']}").json()
    assert stored["target"] == {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "g"}


def test_patch_keeps_what_it_leaves_out_and_replaces_target_whole(
    http: httpx.Client, config_id: str, assignment_id: str
) -> None:
    item = f"{CONFIGS}/{config_id}/assignments/{assignment_id}"
    before = http.get(item).json()
    assert http.patch(item, json={}).json()["target"] == before["target"]
    collection = f"{CONFIGS}/{config_id}/assignments"
    assert http.patch(collection, json={"id": assignment_id}).json()["target"] == before["target"]
    replaced = http.patch(item, json={"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget"}}).json()
    assert replaced["target"] == {"@odata.type": "#microsoft.graph.groupAssignmentTarget"}
    assert http.patch(item, json={"target": None}).json()["target"] is None
    assert http.get(item).json()["target"] is None


def test_null_clears_a_configuration_property(http: httpx.Client) -> None:
    created = http.post(CONFIGS, json={"displayName": "a", "description": "d"}).json()
    updated = http.patch(f"{CONFIGS}/{created['id']}", json={"description": None}).json()
    assert updated["description"] is None
    assert updated["displayName"] == "a"


# Annotations and headers


def test_context_urls(http: httpx.Client, server: RunningServer, config_id: str, assignment_id: str) -> None:
    meta = f"{server.base_url}/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations"
    assert http.get(CONFIGS, params={"$top": "1"}).json()["@odata.context"] == meta
    assert http.get(f"{CONFIGS}/{config_id}").json()["@odata.context"] == meta + "/$entity"
    assignments = f"{meta}('{config_id}')/assignments"
    assert http.get(f"{CONFIGS}/{config_id}/assignments").json()["@odata.context"] == assignments
    item = http.get(f"{CONFIGS}/{config_id}/assignments/{assignment_id}").json()
    assert item["@odata.context"] == assignments + "/$entity"


def test_every_answer_carries_request_id_and_echoes_client_request_id(http: httpx.Client, config_id: str) -> None:
    answers = [
        http.get(CONFIGS, params={"$top": "0"}, headers={"client-request-id": "abc-1"}),
        http.delete(f"{CONFIGS}/{config_id}", headers={"client-request-id": "abc-1"}),
        http.get(f"{CONFIGS}/{config_id}", headers={"client-request-id": "abc-1"}),  # now 404
        http.request("TRACE", CONFIGS, headers={"client-request-id": "abc-1"}),
    ]
    assert [a.status_code for a in answers] == [200, 204, 404, 400]
    assert all(a.headers["client-request-id"] == "abc-1" for a in answers)
    request_ids = [a.headers["request-id"] for a in answers]
    assert len(set(request_ids)) == len(request_ids)
    silent = http.get(CONFIGS, params={"$top": "0"})
    assert silent.headers["client-request-id"] == silent.headers["request-id"]  # as Graph does without one


def test_what_the_official_sdk_sends_is_served(server: RunningServer, http: httpx.Client, config_id: str) -> None:
    """msgraph-beta-sdk: `Accept: application/json`, `#` spelling in target, no client-request-id, item PATCH."""
    headers = {
        "Authorization": f"Bearer {server.tokens[0].token}",
        "Accept": "application/json",
        "Content-Type": "application/json",
        "User-Agent": "kiota-python/1.0",
    }
    base = f"{server.base_url}{CONFIGS}/{config_id}"
    body = {
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"},
    }
    created = httpx.post(f"{base}/assignments", json=body, headers=headers)
    assert created.status_code == 201
    patched = httpx.patch(f"{base}/assignments/{created.json()['id']}", json=body, headers=headers)
    assert patched.status_code == 200
    count = httpx.get(f"{base}/assignments/$count", headers={**headers, "Accept": "text/plain;q=0.9"})
    assert count.text == "1"
    listed = httpx.get(f"{base}/assignments?%24select=id,target&%24top=10", headers=headers)
    assert listed.json()["value"][0]["target"]["groupId"] == "g"
