"""The hostile-input run: its generator, its judge, and a small seeded budget against the reference server."""

from __future__ import annotations

import pytest

from ios_lob_kit.openapi.index import spec_index
from reliability.cases import Case, Target, build_cases
from reliability.hostile import Tally, _judge, choose, run_hostile
from reliability.wire import Answer

TARGET = Target("127.0.0.1:1", "/beta", "TOKEN", "READ", "OTHER", "c-1", "a-1")
KINDS = {"schema", "json", "encoding", "size", "query", "path", "header", "method", "framing"}


def test_the_generator_makes_over_1000_distinct_invalid_requests_of_every_class() -> None:
    cases = build_cases(TARGET)
    assert len(cases) >= 1000
    assert len({case.raw for case in cases}) == len(cases)
    assert {case.kind for case in cases} == KINDS
    assert {case.operation for case in cases} - {"-"} == {op.operation_id for op in spec_index().operations}
    for op in spec_index().operations:  # each of an operation's path parameters gets the odd ids in turn
        injected = [c for c in cases if c.operation == op.operation_id and c.label.endswith(" id: injection")]
        injected += [c for c in cases if c.operation == op.operation_id and c.label.endswith("Id: injection")]
        assert len(injected) == len(op.path_parameters), op.operation_id
    assert cases == build_cases(TARGET)  # deterministic


def test_a_budget_takes_every_class_and_a_seed_fixes_the_pick() -> None:
    cases = build_cases(TARGET)
    picked = choose(cases, 45, seed=7)
    assert len(picked) == 45
    assert {case.kind for case in picked} == KINDS
    assert picked == choose(cases, 45, seed=7)
    assert picked != choose(cases, 45, seed=8)
    assert len(choose(cases, None, seed=0)) == len(cases)


@pytest.mark.parametrize(
    ("answer", "bucket"),
    [
        (Answer(None, {}, b"", "connection reset"), "no_answer"),
        (Answer(500, {}, b"boom"), "server_errors"),
        (Answer(204, {}, b""), "accepted"),
        (Answer(400, {"content-type": "text/plain"}, b"Invalid HTTP request received."), "not_graph_application"),
    ],
)
def test_the_judge_counts_each_failure(answer: Answer, bucket: str) -> None:
    tally = Tally(seed=0, budget=None)
    _judge(Case("json", "x", "createConfiguration", b""), answer, tally)
    assert len(getattr(tally, bucket)) == 1
    assert tally.failures() >= 1


def test_a_graph_error_passes_the_judge() -> None:
    body = b'{"error": {"code": "BadRequest", "message": "m", "innerError": {"request-id": "r"}}}'
    tally = Tally(seed=0, budget=None)
    answer = Answer(400, {"content-type": "application/json", "request-id": "r"}, body)
    _judge(Case("json", "x", "createConfiguration", b""), answer, tally)
    assert tally.failures() == 0


@pytest.mark.slow
def test_a_small_budget_against_the_reference_server_finds_nothing() -> None:
    tally = run_hostile(seed=0, budget=150)
    assert tally.sent == 150
    assert set(tally.by_kind) == KINDS
    failures = (tally.no_answer, tally.server_errors, tally.accepted, tally.changed_state)
    assert failures == ([], [], [], []), failures
    assert (tally.not_graph_application, tally.not_graph_http, tally.server_tracebacks) == ([], [], 0)
