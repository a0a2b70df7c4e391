"""What counts as exercised: answers classified per operation; "not implemented" and "not exercised"."""

from __future__ import annotations

import json

import pytest

from ios_lob_kit.conformance.exercise import NO_ROUTE_CODE, Answer, Exercise, classify


def _error(code: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": "m"}}).encode()


@pytest.mark.parametrize(
    ("status", "body", "answer"),
    [
        (200, b"{}", Answer.SUCCESS),
        (204, b"", Answer.SUCCESS),
        (429, _error("TooManyRequests"), Answer.THROTTLED),
        (503, b"", Answer.THROTTLED),
        (404, _error("ResourceNotFound"), Answer.NOT_FOUND),  # an unknown id: the route exists
        (404, _error("itemNotFound"), Answer.NOT_FOUND),
        (404, b"", Answer.NO_ROUTE),  # no Graph error about a resource: nothing says the route exists
        (404, b"<html>Not Found</html>", Answer.NO_ROUTE),
        (404, _error("BadRequest"), Answer.NO_ROUTE),
        (405, _error("MethodNotAllowed"), Answer.NO_ROUTE),
        (501, b"", Answer.NO_ROUTE),
        (400, _error(NO_ROUTE_CODE), Answer.NO_ROUTE),
        (400, _error("BadRequest"), Answer.REFUSED),
        (400, b"<html>", Answer.REFUSED),
        (403, _error("Forbidden"), Answer.UNAUTHORIZED),
        (401, b"", Answer.UNAUTHORIZED),
        (409, b"", Answer.REFUSED),
    ],
)
def test_answers_are_classified(status: int, body: bytes, answer: Answer) -> None:
    assert classify(status, body) is answer


def test_an_operation_answered_only_no_route_is_not_implemented_and_others_not_exercised() -> None:
    run = Exercise(["listConfigurations", "updateAssignments", "deleteAssignment", "getConfiguration", "getAssignment"])
    run.note("listConfigurations", 200, b"{}")
    run.note("listConfigurations", 429, b"")
    run.note("getConfiguration", 404, b"")  # once is too little to tell
    for _ in range(5):  # an id the target does not know, however often: the route answered
        run.note("getAssignment", 404, _error("ResourceNotFound"))
    for _ in range(3):
        run.note("updateAssignments", 400, _error(NO_ROUTE_CODE))
    run.note("updateAssignments", 429, b"")  # a throttle says nothing about the route, nor an auth probe
    run.note("updateAssignments", 401, b"")
    run.note("deleteAssignment", 429, b"")
    run.note("deleteAssignment", 400, _error("BadRequest"))
    run.note_retry("deleteAssignment")
    assert run.not_implemented() == ["updateAssignments"]
    assert run.not_exercised() == ["deleteAssignment", "getConfiguration", "getAssignment"]  # never a 2xx
    assert run.tally("deleteAssignment").line() == "1 throttled, 1 refused; 1 retried"
    assert run.tally("getConfiguration").line() == "1 no route; 0 retried"
    assert run.tally("getAssignment").line() == "5 not found; 0 retried"


def test_one_success_makes_an_operation_implemented_and_exercised() -> None:
    run = Exercise(["getAssignment"])
    run.note("getAssignment", 404, _error("ResourceNotFound"))
    run.note("getAssignment", 200, b"{}")
    assert run.not_implemented() == []
    assert run.not_exercised() == []
