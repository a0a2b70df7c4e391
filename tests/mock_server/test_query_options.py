"""The OData query options the spec documents, answered right (not merely 200), on both backends: `$filter`
with comparison and logical operators and functions, `$orderby`, `$count`, `$expand`, paging with all of them.

The server is shared by the session: each test isolates its own configurations with a unique name prefix.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from ios_lob_kit.mock_server.runner import RunningServer

from .conftest import CONFIGS, PAGE_SIZE

ODataErrorCheck = Callable[[httpx.Response, int, str], dict[str, Any]]


def _create(http: httpx.Client, **body: Any) -> dict[str, Any]:
    answer = http.post(CONFIGS, json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


def _walk(http: httpx.Client, path: str, params: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every item of a listing, following `@odata.nextLink`; and the next links followed."""
    page = http.get(path, params=params)
    assert page.status_code == 200, page.text
    items, links = list(page.json()["value"]), []
    while "@odata.nextLink" in page.json():
        links.append(page.json()["@odata.nextLink"])
        page = http.get(links[-1])
        assert page.status_code == 200, page.text
        items += page.json()["value"]
    return items, links


@pytest.fixture(scope="module")
def family(server: RunningServer) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Five configurations named `{prefix} ...`, in creation order, with varied scalar properties; deleted
    after the module, so the session's shared listing stays short."""
    prefix = f"q{uuid.uuid4().hex[:8]}"
    headers = {"Authorization": f"Bearer {server.tokens[0].token}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
        made = [
            _create(http, displayName=f"{prefix} alpha", version=1, description="first"),
            _create(http, displayName=f"{prefix} beta", version=2, expirationDateTime="2025-01-01T00:30:00+01:00"),
            _create(http, displayName=f"{prefix} gamma", version=3, description="it's"),
            _create(http, displayName=f"{prefix} delta", version=2, expirationDateTime="2030-06-30T12:00:00Z"),
            _create(http, displayName=f"{prefix} Epsilon", version=5, payloadFileName="e.mobileprovision"),
        ]
        yield prefix, made
        for item in made:
            http.delete(f"{CONFIGS}/{item['id']}")


def _names(items: list[dict[str, Any]], prefix: str) -> list[str]:
    return [item["displayName"].removeprefix(prefix + " ") for item in items]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("version ge 2", ["beta", "gamma", "delta", "Epsilon"]),
        ("version eq 2", ["beta", "delta"]),
        ("version ne 2", ["alpha", "gamma", "Epsilon"]),
        ("version gt 2 and version lt 5", ["gamma"]),
        ("version le 1", ["alpha"]),
        ("(version eq 1 or version eq 5)", ["alpha", "Epsilon"]),
        ("not (version lt 3)", ["gamma", "Epsilon"]),
        ("not (version eq 2 or description ne null)", ["Epsilon"]),
        ("description eq null", ["beta", "delta", "Epsilon"]),
        ("description eq 'it''s'", ["gamma"]),
        ("displayName gt '{prefix} c'", ["gamma", "delta"]),  # by code point: 'E' sorts before 'a'
        ("endswith(displayName,'ta')", ["beta", "delta"]),
        ("contains(displayName,'lph')", ["alpha"]),
        ("startswith(payloadFileName,'e.')", ["Epsilon"]),
        ("expirationDateTime lt 2025-01-01T00:00:00Z", ["beta"]),  # 00:30+01:00 is 23:30 the day before
        ("expirationDateTime ge 2025-01-01T01:00:00+01:00", ["delta"]),
        ("expirationDateTime ne null", ["beta", "delta"]),
    ],
)
def test_filter_compares_scalar_properties_and_joins_conditions(
    http: httpx.Client, family: tuple[str, list[dict[str, Any]]], condition: str, expected: list[str]
) -> None:
    prefix, _ = family
    text = f"startswith(displayName,'{prefix}') and {condition.format(prefix=prefix)}"
    items, _ = _walk(http, CONFIGS, {"$filter": text})
    assert _names(items, prefix) == expected


def test_filter_compares_date_times_as_instants(http: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    prefix, made = family
    mine = f"startswith(displayName,'{prefix}')"
    third = made[2]["createdDateTime"]
    assert _names(_walk(http, CONFIGS, {"$filter": f"{mine} and createdDateTime eq {third}"})[0], prefix) == ["gamma"]
    later = _walk(http, CONFIGS, {"$filter": f"{mine} and createdDateTime gt {third}"})[0]
    assert _names(later, prefix) == ["delta", "Epsilon"]


def test_orderby_sorts_by_several_keys_and_paging_keeps_filter_and_order(
    http: httpx.Client, family: tuple[str, list[dict[str, Any]]]
) -> None:
    prefix, _ = family
    params = {"$filter": f"startswith(displayName,'{prefix}')", "$orderby": "version desc,displayName"}
    items, links = _walk(http, CONFIGS, params)
    assert _names(items, prefix) == ["Epsilon", "gamma", "beta", "delta", "alpha"]
    assert len(links) == 1  # five items over pages of three
    carried = parse_qs(urlsplit(links[0]).query)
    assert carried["$filter"] == [params["$filter"]]
    assert carried["$orderby"] == [params["$orderby"]]
    skipped, _ = _walk(http, CONFIGS, {**params, "$skip": "1", "$top": "3"})
    assert _names(skipped, prefix) == ["gamma", "beta", "delta"]
    ascending, _ = _walk(http, CONFIGS, {**params, "$orderby": "expirationDateTime,displayName desc"})
    assert _names(ascending, prefix) == ["gamma", "alpha", "Epsilon", "beta", "delta"]  # nulls first


def test_count_counts_what_the_filter_keeps(http: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    prefix, _ = family
    condition = f"startswith(displayName,'{prefix}') and version ge 2"
    counted = http.get(f"{CONFIGS}/$count", params={"$filter": condition})
    assert counted.status_code == 200
    assert counted.text == "4"
    page = http.get(CONFIGS, params={"$filter": condition, "$count": "true", "$top": "1"}).json()
    assert page["@odata.count"] == 4
    assert len(page["value"]) == 1


def test_assignments_filter_order_and_count(http: httpx.Client, config_id: str) -> None:
    base = f"{CONFIGS}/{config_id}/assignments"
    target = {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}
    ids = [http.post(base, json={"target": target}).json()["id"] for _ in range(PAGE_SIZE + 1)]
    items, _ = _walk(http, base, {"$orderby": "id desc"})
    assert [i["id"] for i in items] == sorted(ids, reverse=True)
    kept = sorted(ids)[1:]
    condition = f"id gt '{sorted(ids)[0]}' and not (id eq '{kept[-1]}')"
    items, _ = _walk(http, base, {"$filter": condition, "$orderby": "id"})
    assert [i["id"] for i in items] == kept[:-1]
    assert http.get(f"{base}/$count", params={"$filter": condition}).text == str(len(kept) - 1)


def test_group_assignments_filter_order_and_count(http: httpx.Client, config_id: str) -> None:
    groups = [{"targetGroupId": g} for g in ("g3", "g1", "g2")] + [{"targetGroupId": None}]
    assigned = http.post(f"{CONFIGS}/{config_id}/assign", json={"appProvisioningConfigurationGroupAssignments": groups})
    assert assigned.status_code == 204, assigned.text
    base = f"{CONFIGS}/{config_id}/groupAssignments"
    items, _ = _walk(http, base, {"$orderby": "targetGroupId desc"})
    assert [i["targetGroupId"] for i in items] == ["g3", "g2", "g1", None]  # nulls last when descending
    items, _ = _walk(http, base, {"$filter": "targetGroupId ne 'g1' and targetGroupId ne null"})
    assert [i["targetGroupId"] for i in items] == ["g3", "g2"]
    assert http.get(f"{base}/$count", params={"$filter": "targetGroupId eq null"}).text == "1"


def test_expand_answers_navigation_properties_inline(http: httpx.Client, config_id: str) -> None:
    target = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g-1"}
    body = {
        "iOSLobAppProvisioningConfigAssignments": [{"target": target}],
        "appProvisioningConfigurationGroupAssignments": [{"targetGroupId": "g-7"}],
    }
    assert http.post(f"{CONFIGS}/{config_id}/assign", json=body).status_code == 204
    assignments = http.get(f"{CONFIGS}/{config_id}/assignments").json()["value"]
    groups = http.get(f"{CONFIGS}/{config_id}/groupAssignments").json()["value"]

    one = http.get(f"{CONFIGS}/{config_id}", params={"$expand": "assignments,groupAssignments"}).json()
    assert one["assignments"] == assignments
    assert one["groupAssignments"] == groups
    assert "assignments" not in http.get(f"{CONFIGS}/{config_id}").json()  # only when asked

    listed = http.get(CONFIGS, params={"$filter": f"id eq '{config_id}'", "$expand": "groupAssignments"}).json()
    assert [c["groupAssignments"] for c in listed["value"]] == [groups]
    assert "assignments" not in listed["value"][0]
    chosen = http.get(f"{CONFIGS}/{config_id}", params={"$select": "id", "$expand": "assignments"}).json()
    assert {k for k in chosen if not k.startswith("@")} == {"id", "assignments"}


@pytest.mark.parametrize(
    ("path", "query", "named", "says"),
    [
        ("", "$filter=nope eq 'x'", "$filter", "no property 'nope'"),
        ("", "$filter=payload eq 'x'", "$filter", "no property 'payload'"),  # binary: not comparable
        ("", "$filter=version eq 'two'", "$filter", "integer"),
        ("", "$filter=displayName eq 2", "$filter", "string"),
        ("", "$filter=createdDateTime gt 2024-02-30T00:00:00Z", "$filter", "not a date-time"),
        ("", "$filter=version eq", "$filter", "cannot read"),
        ("", "$filter=version", "$filter", "condition"),
        ("", "$filter=1 eq 1", "$filter", "a comparison needs a property"),
        ("", "$filter=tolower(displayName) eq 'x'", "$filter", "a comparison needs"),
        ("", "$filter=length(displayName) eq 1", "$filter", "not supported"),
        ("", "$filter=id in ('a','b')", "$filter", "'in'"),
        ("", "$filter=roleScopeTagIds/any(t: t eq '0')", "$filter", "$filter"),
        ("", "$filter=(version eq 1 or (version eq 2 and id eq 'x'))", "$filter", "forms the spec documents"),
        ("", "$filter=version  eq 1", "$filter", "forms the spec documents"),
        ("", "$filter=" + "not (" * 900 + "version eq 1" + ")" * 900, "$filter", "nested too deeply"),
        ("", "$orderby=nope desc", "$orderby", "no property 'nope'"),
        ("", "$orderby=roleScopeTagIds", "$orderby", "no property"),
        ("", "$expand=deviceStatuses", "$expand", "$expand"),
        ("", "$search=contoso", "$search", "not supported"),
        ("", "$apply=groupby((version))", "$apply", "not supported"),
        ("", "$xyz=1", "$xyz", "not supported"),
        ("/$count", "$search=contoso", "$search", "not supported"),
        ("/$count", "$orderby=id", "$orderby", "not supported"),
        ("/{config}/assignments", "$expand=target", "$expand", "not supported"),
        ("/{config}/assignments", "$filter=target eq null", "$filter", "no property 'target'"),
        ("/{config}/assignments/$count", "$filter=displayName eq 'x'", "$filter", "no property 'displayName'"),
        ("/{config}/groupAssignments", "$search=x", "$search", "not supported"),
    ],
)
def test_an_unsupported_or_wrong_query_is_a_graph_400_naming_it(
    http: httpx.Client,
    odata_error: ODataErrorCheck,
    family: tuple[str, list[dict[str, Any]]],
    path: str,
    query: str,
    named: str,
    says: str,
) -> None:
    answer = http.get(f"{CONFIGS}{path.format(config=family[1][0]['id'])}?{query}")
    error = odata_error(answer, 400, "BadRequest")
    assert error["target"] == named
    assert named in error["message"]
    assert says in error["message"]
