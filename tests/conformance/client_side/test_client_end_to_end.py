"""The generated client against the live reference server: every operation, sync and async."""

from __future__ import annotations

import copy
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ios_lob_kit.conformance.client_side.end_to_end import end_to_end_results
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.results import Outcome
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from ios_lob_kit.openapi import load_spec
from ios_lob_kit.openapi.index import Index, build_index, spec_index

# A group assignment is made only by the assign action, which answers 204: no answer's body carries its id.
GROUP_ASSIGNMENT_SKIP = (
    "getGroupAssignment",
    Outcome.SKIPPED,
    "no success answer in the spec links mobileAppProvisioningConfigGroupAssignmentId from its body,"
    " so no call produces it",
)


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with run_server() as running:
        yield running


@pytest.mark.slow
def test_every_operation_passes_end_to_end_against_the_reference_server(server: RunningServer) -> None:
    results = list(end_to_end_results(server.base_url, fixed(server.tokens[0].token)))
    assert [r.operation for r in results] == [op.operation_id for op in spec_index().operations]
    not_passed = [(r.operation, r.outcome, r.reason) for r in results if r.outcome is not Outcome.PASSED]
    assert not_passed == [GROUP_ASSIGNMENT_SKIP]
    assert all(r.cases >= 2 for r in results if r.outcome is Outcome.PASSED)  # sync and async


@pytest.mark.slow
def test_a_rejected_token_fails_plainly_and_is_never_shown(server: RunningServer) -> None:
    token = "not-a-token-the-server-knows"
    results = list(end_to_end_results(server.base_url, fixed(token)))
    first = results[0 if results[0].operation == "createConfiguration" else 1]
    assert first.outcome is Outcome.FAILED
    assert first.failures[0].title == "Not a documented success"
    assert all(r.outcome is Outcome.SKIPPED for r in results if r.operation != "createConfiguration")
    assert token not in repr(results)


@contextmanager
def stub_server(status: int, content_type: str, body: bytes) -> Iterator[str]:
    """A server on a free loopback port answering every request alike; yields its base URL."""

    async def answer(request: Request) -> Response:
        return Response(body, status, media_type=content_type)

    app = Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST", "PATCH", "DELETE"])])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the stub server did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/beta"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.mark.parametrize(
    ("content_type", "body", "title", "says"),
    [
        ("application/json", b'{"id"', "Answer is not JSON", "201 application/json that does not parse"),
        ("text/html", b'{"id": "c1"}', "Wrong Content-Type", "Content-Type text/html; the spec documents"),
    ],
)
def test_a_broken_documented_success_fails_its_operation_and_the_run_goes_on(
    content_type: str, body: bytes, title: str, says: str
) -> None:
    with stub_server(201, content_type, body) as base_url:
        results = list(end_to_end_results(base_url, fixed("a-token")))
    assert [r.operation for r in results] == [op.operation_id for op in spec_index().operations]
    created = next(r for r in results if r.operation == "createConfiguration")
    assert created.outcome is Outcome.FAILED
    assert created.failures[0].title == title
    assert says in created.failures[0].message
    assert all(r.outcome is Outcome.SKIPPED for r in results if r is not created)


def with_operations(**added: tuple[str, dict[str, Any]]) -> Index:
    """The spec's index with operations added: operationId -> (path, a copy of getAssignment under that id)."""
    document = copy.deepcopy(load_spec())
    template = document["paths"][next(op.path for op in spec_index().operations if op.operation_id == "getAssignment")]
    for operation_id, (path, parameters) in added.items():
        document["paths"][path] = {**parameters, "get": {**template["get"], "operationId": operation_id}}
    return build_index(document)


@pytest.mark.slow
def test_an_operation_added_to_the_spec_is_called_or_skipped_with_the_true_reason(server: RunningServer) -> None:
    configurations = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
    unknown = {"name": "reportId", "in": "path", "required": True, "schema": {"type": "string"}}
    config = {"$ref": "#/components/parameters/configurationId"}
    index = with_operations(
        getReport=(configurations + "/{reportId}/report", {"parameters": [unknown]}),
        getSummary=(configurations + "/{iosLobAppProvisioningConfigurationId}/summary", {"parameters": [config]}),
    )
    results = {r.operation: r for r in end_to_end_results(server.base_url, fixed(server.tokens[0].token), index)}
    assert results["getReport"].outcome is Outcome.SKIPPED
    assert (
        results["getReport"].reason
        == "no success answer in the spec links reportId from its body, so no call produces it"
    )
    summary = results["getSummary"]  # called in the run's configuration, but the client has no such function
    assert summary.outcome is Outcome.FAILED
    assert summary.failures[0].title == "Operation missing from the client"
    assert "ios_lob_kit.generated_client.api.assignments.get_summary does not exist" in summary.failures[0].message
    others = [(name, r.outcome, r.reason) for name, r in results.items() if name not in ("getReport", "getSummary")]
    assert [other for other in others if other[1] is not Outcome.PASSED] == [GROUP_ASSIGNMENT_SKIP]
