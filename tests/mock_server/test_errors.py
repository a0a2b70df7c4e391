"""Every error path: exact status and OData error code, a message naming the culprit, and no state change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from ios_lob_kit.generated_client.api.assignments import update_assignments
from ios_lob_kit.generated_client.models import (
    InnerError,
    IosLobAppProvisioningConfigurationAssignmentRequest,
    ODataError,
)
from ios_lob_kit.mock_server.config import ServerConfig, TokenGrant, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
ODataErrorCheck = Callable[[httpx.Response, int, str], dict[str, Any]]
GROUP = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"}
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def _writes(config: str, assignment: str) -> list[tuple[str, str, Any]]:
    """Every write operation: method, path, a valid body."""
    return [
        ("POST", CONFIGS, {"displayName": "x"}),
        ("PATCH", f"{CONFIGS}/{config}", {"displayName": "x"}),
        ("DELETE", f"{CONFIGS}/{config}", None),
        ("POST", f"{CONFIGS}/{config}/assign", {}),
        ("POST", f"{CONFIGS}/{config}/assignments", {"target": GROUP}),
        ("PATCH", f"{CONFIGS}/{config}/assignments", {"target": GROUP}),
        ("PATCH", f"{CONFIGS}/{config}/assignments/{assignment}", {"target": GROUP}),
        ("DELETE", f"{CONFIGS}/{config}/assignments/{assignment}", None),
    ]


def _reads(config: str, assignment: str) -> list[str]:
    return [
        CONFIGS,
        f"{CONFIGS}/{config}",
        f"{CONFIGS}/{config}/assignments",
        f"{CONFIGS}/{config}/assignments/$count",
        f"{CONFIGS}/{config}/assignments/{assignment}",
    ]


def _snapshot(http: httpx.Client, config: str) -> tuple[Any, Any]:
    configuration = http.get(f"{CONFIGS}/{config}").json()
    assignments = http.get(f"{CONFIGS}/{config}/assignments").json()["value"]
    return configuration, assignments


# 400: bodies


@pytest.mark.parametrize(
    ("body", "target", "words"),
    [
        (
            {"target": {"@odata.type": "microsoft.graph.nope"}},
            "target.@odata.type",
            "'microsoft.graph.nope' is not one",
        ),
        ({"target": {"groupId": "g"}}, "target.@odata.type", "required"),
        ({"target": "everyone"}, "target", "not an object"),
        ({"target": {**GROUP, "groupId": 5}}, "target.groupId", "5"),
        (
            {"target": {**GROUP, "deviceAndAppManagementAssignmentFilterType": "sometimes"}},
            "target.deviceAndAppManagementAssignmentFilterType",
            "sometimes",
        ),
        ({"@odata.type": "#microsoft.graph.nope", "target": GROUP}, "@odata.type", "nope"),
        ({"id": 7, "target": GROUP}, "id", "7"),
    ],
)
def test_a_bad_assignment_body_is_400_naming_the_field(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str, body: Any, target: str, words: str
) -> None:
    error = odata_error(http.patch(f"{CONFIGS}/{config_id}/assignments", json=body), 400, "BadRequest")
    assert error["target"] == target
    assert error["message"].startswith(target)
    assert words in error["message"]


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ({"version": "seven"}, "version"),
        ({"version": 2**31}, "version"),
        ({"payload": "not base64!"}, "payload"),
        ({"expirationDateTime": "yesterday"}, "expirationDateTime"),
        ({"roleScopeTagIds": "0"}, "roleScopeTagIds"),
        ({"roleScopeTagIds": ["0", 1]}, "roleScopeTagIds[1]"),
        ({"@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"}, "@odata.type"),
    ],
)
def test_a_bad_configuration_body_is_400_naming_the_field(
    http: httpx.Client, odata_error: ODataErrorCheck, body: Any, target: str
) -> None:
    assert odata_error(http.post(CONFIGS, json=body), 400, "BadRequest")["target"] == target


def test_a_bad_item_of_the_assign_action_is_named_with_its_index(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str
) -> None:
    body = {"iOSLobAppProvisioningConfigAssignments": [{"target": GROUP}, {"target": {"@odata.type": "x"}}]}
    error = odata_error(http.post(f"{CONFIGS}/{config_id}/assign", json=body), 400, "BadRequest")
    assert error["target"] == "iOSLobAppProvisioningConfigAssignments[1].target.@odata.type"


CONFIGURATION_TYPE = "microsoft.graph.iosLobAppProvisioningConfiguration"
ASSIGNMENT_TYPE = "microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
GROUP_TYPE = "microsoft.graph.groupAssignmentTarget"
ITEMS = "iOSLobAppProvisioningConfigAssignments"


@pytest.mark.parametrize(
    ("method", "path", "body", "target", "type_name"),
    [
        ("POST", "", {"displayName": "x", "foo": 1}, "foo", CONFIGURATION_TYPE),
        ("PATCH", "/{c}", {"displayName": "x", "@odata.etag": "W/1"}, "@odata.etag", CONFIGURATION_TYPE),
        ("POST", "/{c}/assignments", {"target": GROUP, "intent": "apply"}, "intent", ASSIGNMENT_TYPE),
        ("PATCH", "/{c}/assignments", {"target": {**GROUP, "foo": 1}}, "target.foo", GROUP_TYPE),
        (
            "PATCH",
            "/{c}/assignments/{a}",
            {"target": {**GROUP, "collectionId": "x"}},
            "target.collectionId",
            GROUP_TYPE,
        ),
        ("POST", "/{c}/assign", {ITEMS: [{"target": GROUP, "foo": 1}]}, f"{ITEMS}[0].foo", ASSIGNMENT_TYPE),
        ("POST", "/{c}/assign", {ITEMS: [{"target": {**GROUP, "foo": 1}}]}, f"{ITEMS}[0].target.foo", GROUP_TYPE),
        (
            "POST",
            "/{c}/assign",
            {"appProvisioningConfigurationGroupAssignments": [{"targetGroupId": "g", "foo": 1}]},
            "appProvisioningConfigurationGroupAssignments[0].foo",
            "microsoft.graph.mobileAppProvisioningConfigGroupAssignment",
        ),
    ],
)
def test_a_property_the_type_does_not_declare_is_400_naming_it_and_its_type_and_changes_nothing(
    http: httpx.Client,
    odata_error: ODataErrorCheck,
    config_id: str,
    assignment_id: str,
    method: str,
    path: str,
    body: Any,
    target: str,
    type_name: str,
) -> None:
    before = _snapshot(http, config_id), http.get(CONFIGS).json()["value"]
    url = CONFIGS + path.format(c=config_id, a=assignment_id)
    error = odata_error(http.request(method, url, json=body), 400, "ModelValidationFailure")
    name = target[target.index("@") :] if "@" in target else target.rsplit(".", 1)[-1]
    assert error["target"] == target
    assert error["message"] == (
        f"The property '{name}' does not exist on type '{type_name}'."
        " Make sure to only use property names that are defined by the type."
    )
    assert (_snapshot(http, config_id), http.get(CONFIGS).json()["value"]) == before


def test_a_parameter_the_action_does_not_declare_is_400_naming_it(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str
) -> None:
    before = _snapshot(http, config_id)
    error = odata_error(http.post(f"{CONFIGS}/{config_id}/assign", json={"foo": []}), 400, "ModelValidationFailure")
    assert error["target"] == "foo"
    assert (
        error["message"]
        == "The parameter 'foo' in the request payload is not a valid parameter for the operation 'assign'."
    )
    assert _snapshot(http, config_id) == before


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   ",
        b"{",
        b"{'target': null}",
        b'{"version": NaN}',
        b'{"displayName": "\xff"}',
        b"[" * 100_000,
        b'{"displayName": "\\ud800"}',
        b"[]",
        b"null",
        b'"text"',
    ],
    ids=["empty", "blank", "truncated", "quotes", "nan", "not-utf8", "deep", "surrogate", "array", "null", "string"],
)
def test_a_body_that_is_not_a_json_object_is_400(
    http: httpx.Client, odata_error: ODataErrorCheck, content: bytes
) -> None:
    answer = http.post(CONFIGS, content=content, headers={"Content-Type": "application/json"})
    odata_error(answer, 400, "BadRequest")


# 400: query options and headers


@pytest.mark.parametrize(
    ("query", "option"),
    [
        ("$top=-1", "$top"),
        ("$top=abc", "$top"),
        ("$top=1.5", "$top"),
        ("$top=99999999999", "$top"),
        ("$skip=x", "$skip"),
        ("$count=maybe", "$count"),
        ("$select=nope", "$select"),
        ("$select=id,,target", "$select"),
        ("$filter=nope eq 'x'", "$filter"),
        ("$filter=version eq 'x'", "$filter"),
        ("$filter=displayName eq", "$filter"),
        ("$orderby=nope", "$orderby"),
        ("$orderby=id sideways", "$orderby"),
        ("$expand=deviceStatuses", "$expand"),
        ("$search=x", "$search"),
        ("$apply=groupby((version))", "$apply"),
        ("$xyz=1", "$xyz"),
        ("$format=json", "$format"),
        ("$skiptoken=x", "$skiptoken"),
        ("search=x", "search"),
        ("$top=1&$top=2", "$top"),
    ],
)
def test_a_bad_or_unsupported_query_option_is_400_naming_it(
    http: httpx.Client, odata_error: ODataErrorCheck, query: str, option: str
) -> None:
    error = odata_error(http.get(f"{CONFIGS}?{query}"), 400, "BadRequest")
    assert error["target"] == option
    assert option in error["message"]


@pytest.mark.parametrize(
    ("suffix", "query"), [("", "$top=1"), ("/assignments/$count", "$top=1"), ("/assignments", "$expand=target")]
)
def test_a_documented_option_on_an_operation_without_it_is_400(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str, suffix: str, query: str
) -> None:
    odata_error(http.get(f"{CONFIGS}/{config_id}{suffix}?{query}"), 400, "BadRequest")


@pytest.mark.parametrize("value", ["has space", "x" * 65, "semi;colon"])
def test_an_invalid_client_request_id_is_400(http: httpx.Client, odata_error: ODataErrorCheck, value: str) -> None:
    answer = http.get(CONFIGS, headers={"client-request-id": value})
    assert odata_error(answer, 400, "BadRequest")["target"] == "client-request-id"


# 401, 403


@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        (None, "Access token is empty."),
        ("", "Access token is empty."),
        ("Bearer", "Access token is empty."),
        ("Bearer not-a-known-token", None),
        ("Basic dXNlcjpwYXNz", None),
    ],
)
def test_no_or_an_unknown_token_is_401(
    server: RunningServer, odata_error: ODataErrorCheck, authorization: str | None, message: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in [("GET", CONFIGS), ("POST", CONFIGS)]:
        answer = httpx.request(method, server.base_url + path, headers=headers, json={})
        error = odata_error(answer, 401, "InvalidAuthenticationToken")
        assert message is None or error["message"] == message
        assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_read_only_token_reads_but_every_write_is_403(
    read_only_http: httpx.Client, http: httpx.Client, odata_error: ODataErrorCheck, config_id: str, assignment_id: str
) -> None:
    before = _snapshot(http, config_id)
    for path in _reads(config_id, assignment_id):
        assert read_only_http.get(path).status_code == 200, path
    for method, path, body in _writes(config_id, assignment_id):
        error = odata_error(read_only_http.request(method, path, json=body), 403, "Forbidden")
        assert "DeviceManagementApps.ReadWrite.All" in error["message"]
    assert _snapshot(http, config_id) == before


# 404


def test_another_tenants_ids_are_404_for_every_operation(
    other_tenant_http: httpx.Client,
    http: httpx.Client,
    odata_error: ODataErrorCheck,
    config_id: str,
    assignment_id: str,
) -> None:
    before = _snapshot(http, config_id)
    for path in _reads(config_id, assignment_id)[1:]:
        odata_error(other_tenant_http.get(path), 404, "ResourceNotFound")
    for method, path, body in _writes(config_id, assignment_id)[1:]:
        odata_error(other_tenant_http.request(method, path, json=body), 404, "ResourceNotFound")
    listed = other_tenant_http.get(CONFIGS, params={"$filter": f"id eq '{config_id}'"}).json()["value"]
    assert listed == []
    assert _snapshot(http, config_id) == before


def test_unknown_ids_are_404(http: httpx.Client, odata_error: ODataErrorCheck, config_id: str) -> None:
    for path in _reads(UNKNOWN, UNKNOWN)[1:]:
        odata_error(http.get(path), 404, "ResourceNotFound")
    for method, path, body in _writes(UNKNOWN, UNKNOWN)[1:]:
        odata_error(http.request(method, path, json=body), 404, "ResourceNotFound")
    for method in ("GET", "PATCH", "DELETE"):
        path = f"{CONFIGS}/{config_id}/assignments/{UNKNOWN}"
        odata_error(http.request(method, path, json={"target": GROUP}), 404, "ResourceNotFound")


def test_the_seed_patch_with_an_unknown_id_is_404_and_creates_nothing(
    invoke: Any, http: httpx.Client, config_id: str
) -> None:
    body = IosLobAppProvisioningConfigurationAssignmentRequest.from_dict({"id": UNKNOWN, "target": GROUP})
    answer = invoke(update_assignments, config_id, body=body)
    assert answer.status_code == 404
    assert isinstance(answer.parsed, ODataError)
    assert answer.parsed.error.code == "ResourceNotFound"
    assert UNKNOWN in answer.parsed.error.message
    assert http.get(f"{CONFIGS}/{config_id}/assignments/$count").text == "0"


@pytest.mark.parametrize(
    "path",
    ["/", "/beta", "/beta/", "/beta/users", "/v1.0" + CONFIGS, "/beta" + CONFIGS + "/", "/beta" + CONFIGS + "/a/b/c/d"],
)
def test_an_unknown_path_is_404(server: RunningServer, odata_error: ODataErrorCheck, path: str) -> None:
    origin = server.base_url.removesuffix("/beta")
    odata_error(httpx.get(origin + path), 404, "ResourceNotFound")


# An undocumented verb: 400 `No method match route template`, as Intune answers it


@pytest.mark.parametrize(
    ("method", "suffix", "allow", "template"),
    [
        ("TRACE", "", "GET, POST", "~/singleton/navigation"),
        ("PUT", "", "GET, POST", "~/singleton/navigation"),
        ("DELETE", "", "GET, POST", "~/singleton/navigation"),
        ("OPTIONS", "/{c}", "GET, DELETE, PATCH", "~/singleton/navigation/key"),
        ("POST", "/{c}", "GET, DELETE, PATCH", "~/singleton/navigation/key"),
        ("PUT", "/{c}/assignments", "GET, POST, PATCH", "~/singleton/navigation/key/navigation"),
        ("POST", "/{c}/assignments/$count", "GET", "~/singleton/navigation/key/navigation/$count"),
        ("GET", "/{c}/assign", "POST", "~/singleton/navigation/key/action"),
        ("PUT", "/{c}/assignments/{a}", "GET, PATCH, DELETE", "~/singleton/navigation/key/navigation/key"),
    ],
)
def test_an_undocumented_method_is_400_naming_the_route_template(
    http: httpx.Client, odata_error: ODataErrorCheck, method: str, suffix: str, allow: str, template: str
) -> None:
    path = CONFIGS + suffix.format(c=UNKNOWN, a=UNKNOWN)
    answer = http.request(method, path)
    assert answer.status_code == 400
    implicit = {"HEAD"} if "GET" in allow else set()  # HEAD is served wherever GET is
    assert set(answer.headers["allow"].split(", ")) == set(allow.split(", ")) | implicit
    error = odata_error(answer, 400, "No method match route template")
    assert error["message"] == (
        f"No OData route exists that match template {template} with http verb {method} for request /beta{path}."
    )


# 413, 415


def test_a_body_over_4_mib_is_413(http: httpx.Client, odata_error: ODataErrorCheck, config_id: str) -> None:
    big = json.dumps({"displayName": "x" * (4 * 1024 * 1024)}).encode()
    odata_error(
        http.post(CONFIGS, content=big, headers={"Content-Type": "application/json"}), 413, "RequestEntityTooLarge"
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        yield from (big[i : i + 65536] for i in range(0, len(big), 65536))

    answer = http.patch(f"{CONFIGS}/{config_id}", content=chunks(), headers={"Content-Type": "application/json"})
    odata_error(answer, 413, "RequestEntityTooLarge")
    # Just under the limit is fine.
    fits = json.dumps({"displayName": "x" * (4 * 1024 * 1024 - 64)}).encode()
    assert http.patch(f"{CONFIGS}/{config_id}", content=fits, headers={"Content-Type": "application/json"}).is_success


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/xml", "application/x-www-form-urlencoded"])
def test_a_write_without_a_json_content_type_is_415(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    before = _snapshot(http, config_id)
    for method, path, _ in _writes(config_id, UNKNOWN):
        if method != "DELETE":
            answer = http.request(method, path, content=b'{"displayName": "x"}', headers=headers)
            odata_error(answer, 415, "UnsupportedMediaType")
    assert _snapshot(http, config_id) == before


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "Application/JSON", "application/json;odata.metadata=minimal"]
)
def test_json_content_types_with_parameters_are_accepted(http: httpx.Client, content_type: str) -> None:
    answer = http.post(CONFIGS, content=b'{"displayName": "x"}', headers={"Content-Type": content_type})
    assert answer.status_code == 201


def test_a_json_body_in_another_charset_is_415(http: httpx.Client, odata_error: ODataErrorCheck) -> None:
    body = '{"displayName": "x"}'.encode("utf-16")
    answer = http.post(CONFIGS, content=body, headers={"Content-Type": "application/json; charset=utf-16"})
    assert "charset=utf-16" in odata_error(answer, 415, "UnsupportedMediaType")["message"]


def test_a_number_out_of_range_is_400_saying_so(http: httpx.Client, odata_error: ODataErrorCheck) -> None:
    answer = http.post(CONFIGS, content=b'{"version": 1e400}', headers={"Content-Type": "application/json"})
    assert "1e400 is out of range" in odata_error(answer, 400, "BadRequest")["message"]


# 429


@pytest.fixture(scope="module")
def throttled() -> Iterator[RunningServer]:
    config = ServerConfig(db_path=None, tokens=dev_tokens(), throttle=True, throttle_writes=3, throttle_requests=6)
    with run_server(config) as running:
        yield running


def test_throttling_answers_429_with_retry_after(throttled: RunningServer, odata_error: ODataErrorCheck) -> None:
    def client(grant: TokenGrant) -> httpx.Client:
        return httpx.Client(base_url=throttled.base_url, headers={"Authorization": f"Bearer {grant.token}"})

    with client(throttled.tokens[0]) as contoso, client(throttled.tokens[2]) as fabrikam:
        assert [contoso.post(CONFIGS, json={}).status_code for _ in range(3)] == [201, 201, 201]
        answer = contoso.post(CONFIGS, json={})
        error = odata_error(answer, 429, "TooManyRequests")
        assert "writes" in error["message"]
        assert 1 <= int(answer.headers["retry-after"]) <= 20
        assert contoso.get(CONFIGS).status_code == 200  # reads have their own, larger budget
        assert fabrikam.post(CONFIGS, json={}).status_code == 201  # per tenant
        statuses = [contoso.get(CONFIGS).status_code for _ in range(3)]
        assert statuses[-1] == 429


def test_throttling_is_off_by_default(http: httpx.Client) -> None:
    assert all(http.get(CONFIGS, params={"$top": "0"}).status_code == 200 for _ in range(30))


# Rejected writes change nothing


def test_rejected_writes_leave_the_data_unchanged(
    http: httpx.Client, odata_error: ODataErrorCheck, config_id: str, assignment_id: str
) -> None:
    before = _snapshot(http, config_id)
    item = f"{CONFIGS}/{config_id}/assignments/{assignment_id}"
    odata_error(http.patch(item, json={"target": {"@odata.type": "#microsoft.graph.nope"}}), 400, "BadRequest")
    odata_error(http.patch(f"{CONFIGS}/{config_id}", json={"version": "x"}), 400, "BadRequest")
    bad_assign = {"iOSLobAppProvisioningConfigAssignments": [{"target": GROUP}, {"target": 1}]}
    odata_error(http.post(f"{CONFIGS}/{config_id}/assign", json=bad_assign), 400, "BadRequest")
    seed_unknown = {"id": UNKNOWN, "target": GROUP}
    odata_error(http.patch(f"{CONFIGS}/{config_id}/assignments", json=seed_unknown), 404, "ResourceNotFound")
    assert _snapshot(http, config_id) == before


def test_errors_parse_as_odata_errors_in_the_generated_client(invoke: Any, config_id: str) -> None:
    body = IosLobAppProvisioningConfigurationAssignmentRequest.from_dict({"target": GROUP})
    answer = invoke(update_assignments, config_id, body=body, token="wrong", client_request_id="c-1")
    assert answer.status_code == 401
    assert isinstance(answer.parsed, ODataError)
    assert answer.parsed.error.code == "InvalidAuthenticationToken"
    assert isinstance(answer.parsed.error.inner_error, InnerError)
    assert answer.parsed.error.inner_error.client_request_id == "c-1"
    assert answer.headers["client-request-id"] == "c-1"
