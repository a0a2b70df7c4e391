"""Each kind of answer outside the contract ends in one typed exception whose message names what was wrong.

A contract client talks to a fake server whose next answer each test sets."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from ios_lob_kit.contract_client import (
    GraphError,
    MalformedBody,
    UndocumentedStatus,
    UnexpectedShape,
    UnknownEnumValue,
    UnknownTargetKind,
    acall,
    call,
    connect,
)
from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.api.assignments import (
    count_assignments,
    delete_assignment,
    get_assignment,
    list_assignments,
)
from ios_lob_kit.generated_client.models import AllDevicesAssignmentTarget, GroupAssignmentTarget

BASE_URL = "https://graph.example.invalid/beta"


@dataclass
class FakeServer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "application/json"})
    content: bytes = b"{}"

    def answer(self, status: int, body: Any = None, *, content: bytes | None = None, **headers: str) -> None:
        self.status = status
        self.content = content if content is not None else json.dumps(body).encode()
        self.headers = {"content-type": "application/json", **{k.replace("_", "-"): v for k, v in headers.items()}}

    def handle(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.content)


@pytest.fixture
def fake() -> FakeServer:
    return FakeServer()


@pytest.fixture
def client(fake: FakeServer) -> Iterator[AuthenticatedClient]:
    with connect(BASE_URL, "a-token", transport=httpx.MockTransport(fake.handle)) as client:
        yield client


ASSIGNMENT: dict[str, Any] = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
    "id": "a1",
    "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"},
}


def raises(kind: type[Exception], text: str) -> Any:
    """`pytest.raises` whose message must contain `text` literally."""
    return pytest.raises(kind, match=re.escape(text))


def get(client: AuthenticatedClient) -> Any:
    return call(get_assignment.sync_detailed, "c1", "a1", client=client)


def with_target(**target: Any) -> dict[str, Any]:
    return {**ASSIGNMENT, "target": {**ASSIGNMENT["target"], **target}}


def test_a_documented_success_is_returned_typed(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, ASSIGNMENT)
    assignment = get(client)
    assert isinstance(assignment.target, GroupAssignmentTarget)
    assert assignment.target.group_id == "g1"


def test_a_documented_error_raises_graph_error_with_code_message_and_request_id(
    fake: FakeServer, client: AuthenticatedClient
) -> None:
    fake.answer(404, {"error": {"code": "ResourceNotFound", "message": "No such assignment"}}, request_id="r-42")
    with pytest.raises(GraphError) as caught:
        get(client)
    error = caught.value
    assert (error.status, error.code, error.error_message, error.request_id) == (
        404,
        "ResourceNotFound",
        "No such assignment",
        "r-42",
    )
    assert str(error) == "getAssignment answered 404: ResourceNotFound: No such assignment (request-id r-42)"


def test_truncated_json_raises_malformed_body(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, content=json.dumps(ASSIGNMENT).encode()[:30])
    with raises(MalformedBody, "getAssignment answered 200: invalid JSON (Unterminated string"):
        get(client)


def test_an_empty_json_body_raises_malformed_body(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, content=b"")
    with raises(MalformedBody, "empty body; the contract documents application/json"):
        get(client)


def test_an_html_page_raises_malformed_body(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(502, content=b"<html><body>Bad gateway</body></html>", content_type="text/html")
    with pytest.raises(
        MalformedBody, match="answered 502: Content-Type text/html, documented application/json; body starts '<html>"
    ):
        get(client)


def test_no_content_type_raises_malformed_body(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, ASSIGNMENT)
    fake.headers = {}
    with raises(MalformedBody, "no Content-Type header; the contract documents application/json"):
        get(client)


def test_a_wrong_type_raises_unexpected_shape_at_its_path(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, {**ASSIGNMENT, "id": 12345})
    with pytest.raises(UnexpectedShape, match=r'at /id: 12345 is not of type "string"') as caught:
        get(client)
    assert type(caught.value) is UnexpectedShape
    assert caught.value.path == "/id"


def test_a_wrong_type_inside_a_known_kind_is_named_precisely(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, with_target(groupId=5))
    with raises(UnexpectedShape, "at /target/groupId: 5 is not of types"):
        get(client)


def test_an_error_body_that_is_not_odata_raises_unexpected_shape_not_key_error(
    fake: FakeServer, client: AuthenticatedClient
) -> None:
    fake.answer(404, {"message": "Resource not found"})
    with raises(UnexpectedShape, 'answered 404: at /: "error" is a required property'):
        get(client)


def test_an_unknown_target_kind_is_named(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, with_target(**{"@odata.type": "#microsoft.graph.someFutureTarget"}))
    with pytest.raises(
        UnknownTargetKind, match=re.escape("at /target: unknown @odata.type '#microsoft.graph.someFutureTarget'")
    ) as caught:
        get(client)
    assert caught.value.value == "#microsoft.graph.someFutureTarget"
    assert "#microsoft.graph.groupAssignmentTarget" in str(caught.value)


def test_an_unknown_target_kind_inside_a_page_names_the_item(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, {"value": [ASSIGNMENT, with_target(**{"@odata.type": "x"})]})
    with raises(UnknownTargetKind, "at /value/1/target: unknown @odata.type 'x'"):
        call(list_assignments.sync_detailed, "c1", client=client)


def test_an_unknown_enum_value_is_named_with_the_documented_ones(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, with_target(deviceAndAppManagementAssignmentFilterType="unknownFutureValue"))
    message = (
        "at /target/deviceAndAppManagementAssignmentFilterType: unknown enum value 'unknownFutureValue'; "
        "the contract documents none, include, exclude"
    )
    with pytest.raises(UnknownEnumValue, match=re.escape(message)) as caught:
        get(client)
    assert caught.value.value == "unknownFutureValue"


def test_an_undocumented_status_raises_undocumented_status(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(418, {"error": {"code": "Teapot", "message": "no"}})
    with raises(UndocumentedStatus, "answered 418: an undocumented status; the contract documents 200, "):
        get(client)


def test_a_non_standard_status_raises_undocumented_status(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(599, {"error": {"code": "Odd", "message": "no"}})
    with pytest.raises(
        UndocumentedStatus, match="answered 599: a non-standard HTTP status; the contract documents"
    ) as caught:
        get(client)
    assert "5XX" in caught.value.documented


def test_a_documented_answer_without_body_returns_none(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(204, content=b"")
    fake.headers = {}
    assert call(delete_assignment.sync_detailed, "c1", "a1", client=client) is None


def test_a_text_answer_is_checked_against_its_pattern(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, content=b"12", content_type="text/plain")
    assert call(count_assignments.sync_detailed, "c1", client=client) == "12"
    fake.answer(200, content=b"twelve", content_type="text/plain")
    with raises(UnexpectedShape, '"twelve" does not match'):
        call(count_assignments.sync_detailed, "c1", client=client)


def test_the_async_api_raises_the_same(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, with_target(**{"@odata.type": "x"}))
    with pytest.raises(UnknownTargetKind):
        asyncio.run(acall(get_assignment.asyncio_detailed, "c1", "a1", client=client))


def test_paths_outside_the_spec_pass_through_unjudged() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(599, content=b"<html>"))
    with connect("https://graph.example.invalid/beta", "t", transport=transport) as client:
        response = client.get_httpx_client().get("/somewhere/else")
    assert response.status_code == 599


THROTTLED = {"error": {"code": "TooManyRequests", "message": "Throttled"}}


def test_a_success_carrying_an_odata_error_raises_unexpected_shape_naming_it(
    fake: FakeServer, client: AuthenticatedClient
) -> None:
    fake.answer(200, THROTTLED)
    message = "getAssignment answered 200: at /error: an OData error in a success answer (TooManyRequests: Throttled)"
    with raises(UnexpectedShape, message):
        get(client)
    with raises(UnexpectedShape, "listAssignments answered 200: at /error: an OData error in a success answer"):
        call(list_assignments.sync_detailed, "c1", client=client)


@pytest.mark.parametrize("missing", ["id", "@odata.type"])
def test_an_entity_without_what_every_answer_carries_raises_unexpected_shape(
    fake: FakeServer, client: AuthenticatedClient, missing: str
) -> None:
    fake.answer(200, {key: value for key, value in ASSIGNMENT.items() if key != missing})
    with raises(UnexpectedShape, f'"{missing}" is a required property'):
        get(client)


def test_an_answer_types_its_id_as_str(fake: FakeServer, client: AuthenticatedClient) -> None:
    fake.answer(200, ASSIGNMENT)
    assignment_id: str = call(get_assignment.sync_detailed, "c1", "a1", client=client).id  # no `Unset` to narrow
    assert assignment_id == ASSIGNMENT["id"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            {**ASSIGNMENT, "@odata.type": "microsoft.graph.iosLobAppProvisioningConfigurationAssignment"},
            GroupAssignmentTarget,
        ),
        (with_target(**{"@odata.type": "microsoft.graph.groupAssignmentTarget"}), GroupAssignmentTarget),
        (with_target(**{"@odata.type": "microsoft.graph.allDevicesAssignmentTarget"}), AllDevicesAssignmentTarget),
    ],
)
def test_an_odata_type_without_hash_parses_to_the_right_class(
    fake: FakeServer, client: AuthenticatedClient, body: dict[str, Any], kind: type
) -> None:
    fake.answer(200, body)
    assert type(get(client).target) is kind


class SyncOnly(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=ASSIGNMENT)


class AsyncOnly(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=ASSIGNMENT)


def test_a_sync_only_transport_refuses_async_calls_instead_of_going_to_the_network() -> None:
    with connect(BASE_URL, "t", transport=SyncOnly()) as client:
        assert get(client).id == "a1"
        with raises(TypeError, "an async call, but the transport given (SyncOnly) is sync only"):
            asyncio.run(acall(get_assignment.asyncio_detailed, "c1", "a1", client=client))


def test_an_async_only_transport_refuses_sync_calls() -> None:
    with connect(BASE_URL, "t", transport=AsyncOnly()) as client:
        assert asyncio.run(acall(get_assignment.asyncio_detailed, "c1", "a1", client=client)).id == "a1"
        with raises(TypeError, "a sync call, but the transport given (AsyncOnly) is async only"):
            get(client)
