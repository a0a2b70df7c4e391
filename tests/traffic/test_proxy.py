"""The validating proxy on loopback: a healthy exchange passes; a broken client or server is named."""

from __future__ import annotations

import pytest

from ios_lob_kit.conformance.results import Outcome, Side
from tests.traffic.conftest import failed, healthy_client, invalid_body_client, proxied

pytestmark = pytest.mark.slow


def test_healthy_client_and_server_pass_and_every_exchange_is_judged() -> None:
    with proxied() as run:
        healthy_client(run.url, run.tokens.read_write.token)
        results = run.judge()
    assert len(run.recording.exchanges) == 7
    assert failed(results) == {}
    judged = {r.operation for r in results if r.outcome is Outcome.PASSED}
    assert {"createConfiguration", "createAssignment", "updateAssignments", "getConfiguration"} <= judged
    skipped = {r.operation for r in results if r.outcome is Outcome.SKIPPED}
    assert "deleteAssignment" in skipped  # not exercised, and said so


def test_forwards_unchanged() -> None:
    with proxied() as run:
        healthy_client(run.url, run.tokens.read_write.token)
    answered = [r.exchange for r in run.recording.exchanges]
    assert [e.status for e in answered] == [201, 200, 201, 200, 200, 200, 404]
    assert all(e.response_headers["request-id"] for e in answered)
    assert answered[0].request_headers["authorization"] == f"Bearer {run.tokens.read_write.token}"


def test_invalid_body_is_the_clients_fault_with_a_redacted_curl_line() -> None:
    with proxied() as run:
        answer = invalid_body_client(run.url, run.tokens.read_write.token)
        results = run.judge()
    assert answer.status == 400
    found = failed(results)
    assert set(found) == {(Side.CLIENT, "createAssignment", "request_body_schema")}
    failure = found[(Side.CLIENT, "createAssignment", "request_body_schema")].failures[0]
    assert failure.title == "Request body violates schema"
    assert failure.curl is not None
    assert failure.curl.startswith("curl -i -X POST 'http://127.0.0.1:")
    assert "Bearer [REDACTED]" in failure.curl
    assert run.tokens.read_write.token not in failure.curl


# Catalogue row -> the exchange-level rule that must name the server.
BROKEN_SERVERS = {
    "wrong_success_status": ("createConfiguration", "status_documented"),
    "field_mistyped": ("createConfiguration", "response_schema"),
    "wrong_content_type": ("getConfiguration", "response_schema"),
    "odata_type_not_canonical": ("createConfiguration", "canonical_odata_type"),
    "error_not_odata": ("getConfiguration", "odata_error"),
    "no_request_id": ("createConfiguration", "request_id"),
    "no_client_request_id": ("createConfiguration", "request_id"),
    "subtype_field_dropped": ("updateAssignments", "write_reflected"),
}


@pytest.mark.parametrize("row", sorted(BROKEN_SERVERS))
def test_broken_server_is_the_servers_fault(row: str) -> None:
    operation, rule = BROKEN_SERVERS[row]
    with proxied(row) as run:
        healthy_client(run.url, run.tokens.read_write.token)
        found = failed(run.judge())
    assert (Side.SERVER, operation, rule) in found, sorted(found)
    assert not [key for key in found if key[0] is Side.CLIENT], "a healthy client is never blamed"


def test_server_accepting_an_invalid_body_is_caught_beside_the_client() -> None:
    with proxied("invalid_body_accepted") as run:
        invalid_body_client(run.url, run.tokens.read_write.token)
        found = failed(run.judge())
    assert (Side.CLIENT, "createAssignment", "request_body_schema") in found
    assert (Side.SERVER, "createAssignment", "invalid_request_refused") in found
