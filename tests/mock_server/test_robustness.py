"""Client mistakes never cause a 5xx: odd bodies, query strings and ids on every operation answer 4xx."""

from __future__ import annotations

import httpx

from ios_lob_kit.openapi.index import spec_index

from .conftest import CONFIGS

BODIES = [
    b"\x00\xff",
    b"{}",
    b'{"target": []}',
    b'{"target": {"@odata.type": 5}}',
    b'{"target": {"@odata.type": null}}',
    b'{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": {"a": [1]}}}',
    b'{"iOSLobAppProvisioningConfigAssignments": [null]}',
    b'{"iOSLobAppProvisioningConfigAssignments": [{"target": {"@odata.type": null}}]}',
    b'{"appProvisioningConfigurationGroupAssignments": [{"targetGroupId": 1}]}',
    b'{"id": {}}',
    b'{"id": ""}',
    b'{"version": 1e400}',
    b'{"version": 12345678901234567890123456789}',
    b'{"roleScopeTagIds": [[]]}',
    b'{"expirationDateTime": "2024-02-30T00:00:00Z"}',
    b'{"displayName": "\\u0000\\ud83d\\ude00"}',
    b'{"a": ' * 5000 + b"1" + b"}" * 5000,
]
QUERIES = ["$top=", "$skip=", "$count=", "$filter=", "$filter=id eq '", "%ZZ=1", "$select=,,", "$top=%00", "&&&", "$=1"]
IDS = ["%00", "'", "''", "%27%20or%201=1", "x" * 5000, "%E2%82%AC", "..", "$count"]


def _operations(ids: dict[str, str]) -> list[tuple[str, str]]:
    """Every documented operation's method and path, each `{parameter}` filled from `ids`."""
    return [(op.method, op.path.format_map(ids)) for op in spec_index().operations]


def _live_ids(http: httpx.Client, config_id: str) -> dict[str, str]:
    """A live id for every path parameter: the assign action gives the configuration an assignment and a group one."""
    body = {
        "iOSLobAppProvisioningConfigAssignments": [
            {"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}
        ],
        "appProvisioningConfigurationGroupAssignments": [{"targetGroupId": "g-1"}],
    }
    assert http.post(f"{CONFIGS}/{config_id}/assign", json=body).status_code == 204
    ids = {spec_index().operation("getConfiguration").path_parameters[0]: config_id}
    for listing, getting in (("listAssignments", "getAssignment"), ("listGroupAssignments", "getGroupAssignment")):
        [item] = http.get(spec_index().operation(listing).path.format_map(ids)).json()["value"]
        ids[spec_index().operation(getting).path_parameters[-1]] = item["id"]
    return ids


def test_odd_requests_never_get_a_5xx(http: httpx.Client, config_id: str) -> None:
    json_type = {"Content-Type": "application/json"}
    ids = _live_ids(http, config_id)
    for method, path in _operations(ids):
        for body in BODIES:
            answer = http.request(method, path, content=body, headers=json_type)
            assert answer.status_code < 500, (method, path, body[:80], answer.text)
        for query in QUERIES:
            answer = http.request(method, f"{path}?{query}", content=b"{}", headers=json_type)
            assert answer.status_code < 500, (method, path, query, answer.text)
    for odd in IDS:
        for method, path in _operations(dict.fromkeys(ids, odd)):
            answer = http.request(method, path, content=b"{}", headers=json_type)
            assert answer.status_code < 500, (method, path, answer.text)
