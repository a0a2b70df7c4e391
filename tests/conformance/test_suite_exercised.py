"""What a run exercised decides its verdict: throttled requests are waited out and sent again; an operation
the target does not implement is one NOT IMPLEMENTED line (failing unless declared optional)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ios_lob_kit.conformance.results import CheckResult, Outcome, verdict
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import run_server
from tests.conformance.broken_servers import CONFIGS, Exchange, Rewrite, Tokens, healthy_app, serve
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow


def test_a_throttled_target_is_waited_out_and_the_run_still_passes() -> None:
    # 20 writes per 2 s: the run writes far more, so it meets 429s with Retry-After of a second or two.
    config = ServerConfig(db_path=None, tokens=dev_tokens(), throttle=True, throttle_writes=20, throttle_window_s=2.0)
    with run_server(config) as server:
        options = options_for(server.base_url, Tokens(*server.tokens), phases=("examples", "coverage"))
        info, results = run_server_side(options)
    assert [(r.operation, r.check, r.failures[0].message) for r in results if r.failures] == []
    assert verdict(results) is Outcome.PASSED
    retried = [note for note in info.notes if note.startswith("exercised") and not note.endswith("; 0 retried")]
    assert retried, info.notes  # the report says what was waited out


def test_an_operation_the_target_does_not_route_is_one_not_implemented_line() -> None:
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), as_graph=True)) as server:
        options = options_for(server.base_url, Tokens(*server.tokens), phases=("examples", "coverage"))
        _info, results = run_server_side(options)
        _info, optional = run_server_side(dataclasses.replace(options, optional=("updateAssignments",)))
    failed = [(r.operation, r.check) for r in results if r.outcome is Outcome.FAILED]
    assert failed == [("updateAssignments", "implemented")]
    assert all(f.message.startswith("NOT IMPLEMENTED") for r in results for f in r.failures)
    assert verdict(optional) is Outcome.PASSED
    listed = [r for r in optional if r.check == "implemented"]
    assert [(r.operation, r.outcome) for r in listed] == [("updateAssignments", Outcome.SKIPPED)]
    assert listed[0].reason.startswith("NOT IMPLEMENTED")


GROUP_ASSIGNMENT_ITEM = re.compile(rf"^{CONFIGS}/[^/]+/groupAssignments/(?!\$count$)[^/]+$")


def _not_implemented(results: list[CheckResult]) -> list[str]:
    return [r.operation for r in results if r.check == "implemented"]


def test_a_short_run_against_the_reference_server_finds_every_operation_implemented() -> None:
    """An unknown id's 404 `ResourceNotFound` is no missing route, and the run's configuration has a group
    assignment (made with the assign action), so a short run reads one and calls nothing "not implemented"."""
    app, tokens = healthy_app()
    with serve(app) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens))
    assert _not_implemented(results) == []
    exercised = [r.operation for r in results if r.check == "exercised" and r.outcome is Outcome.FAILED]
    assert exercised == []  # getGroupAssignment included: it had a group assignment to read


def test_a_server_missing_one_route_still_gets_its_not_implemented_line() -> None:
    """The same run against a server that has no route for getGroupAssignment (a bare 404, no Graph error)."""
    app, tokens = healthy_app()

    def unrouted(ex: Exchange) -> None:
        if ex.method == "GET" and GROUP_ASSIGNMENT_ITEM.match(ex.path):
            ex.status, ex.response_headers, ex.response_body = 404, {"content-type": "text/plain"}, b"Not Found"

    with serve(Rewrite(app, before=unrouted)) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens))
    assert _not_implemented(results) == ["getGroupAssignment"]
