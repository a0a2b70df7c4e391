"""Client mistakes never cause a 5xx: odd bodies, query strings and ids on every operation answer 4xx."""

from __future__ import annotations

from typing import Any

import httpx

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


def _operations(spec: dict[str, Any], config_id: str, assignment_id: str) -> list[tuple[str, str]]:
    found = []
    for template, item in spec["paths"].items():
        path = template.format(
            iosLobAppProvisioningConfigurationId=config_id, iosLobAppProvisioningConfigurationAssignmentId=assignment_id
        )
        found += [(method.upper(), path) for method in item if method in ("get", "post", "patch", "delete")]
    return found


def test_odd_requests_never_get_a_5xx(
    http: httpx.Client, spec: dict[str, Any], config_id: str, assignment_id: str
) -> None:
    json_type = {"Content-Type": "application/json"}
    for method, path in _operations(spec, config_id, assignment_id):
        for body in BODIES:
            answer = http.request(method, path, content=body, headers=json_type)
            assert answer.status_code < 500, (method, path, body[:80], answer.text)
        for query in QUERIES:
            answer = http.request(method, f"{path}?{query}", content=b"{}", headers=json_type)
            assert answer.status_code < 500, (method, path, query, answer.text)
    for odd in IDS:
        for method, path in _operations(spec, odd, odd):
            answer = http.request(method, path, content=b"{}", headers=json_type)
            assert answer.status_code < 500, (method, path, answer.text)
