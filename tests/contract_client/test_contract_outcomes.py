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

from contract_client import (
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
from generated_client import AuthenticatedClient
from generated_client.api.assignments import count_assignments, delete_assignment, get_assignment, list_assignments
from generated_client.models import GroupAssignmentTarget

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
