"""The generated client against the live reference server: every operation, sync and async."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.client_side.end_to_end import end_to_end_results
from conformance.client_side.spec import operations
from conformance.results import Outcome
from mock_server.runner import RunningServer, run_server


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with run_server() as running:
        yield running


@pytest.mark.slow
def test_every_operation_passes_end_to_end_against_the_reference_server(server: RunningServer) -> None:
    results = list(end_to_end_results(server.base_url, server.tokens[0].token))
    assert [r.operation for r in results] == [op.operation_id for op in operations()]
    assert [(r.operation, r.failures) for r in results if r.outcome is not Outcome.PASSED] == []
    assert all(r.cases >= 2 for r in results)  # sync and async


@pytest.mark.slow
def test_a_rejected_token_fails_plainly_and_is_never_shown(server: RunningServer) -> None:
    token = "not-a-token-the-server-knows"
    results = list(end_to_end_results(server.base_url, token))
    first = results[0 if results[0].operation == "createConfiguration" else 1]
    assert first.outcome is Outcome.FAILED
    assert first.failures[0].title == "Not a documented success"
    assert all(r.outcome is Outcome.SKIPPED for r in results if r.operation != "createConfiguration")
    assert token not in repr(results)
