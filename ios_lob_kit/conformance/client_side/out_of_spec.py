"""Answers outside the contract: serve each catalogue entry to the raw client and to `contract_client`, and
check both against what the catalogue (and so the README) documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ios_lob_kit.conformance.client_side.bindings import api_module
from ios_lob_kit.conformance.client_side.catalogue import CATALOGUE, OutOfSpec, describe
from ios_lob_kit.conformance.client_side.harness import MODES, Answer, Harness
from ios_lob_kit.conformance.client_side.response_checks import minimal_call
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.openapi.index import Operation


def out_of_spec_results(op: Operation, raw: Harness, contract: Harness, replay: str) -> Iterator[CheckResult]:
    """One result per catalogue entry that applies to `op` (e.g. unknown target kinds only where targets are)."""
    for entry in CATALOGUE:
        answer = entry.build(op)
        if answer is None:
            continue
        failures = [
            Failure(title, message, show(answer), replay=replay)
            for title, message in judge(op, entry, answer, raw, contract)
        ]
        outcome = Outcome.FAILED if failures else Outcome.PASSED
        reason = f"raw client {entry.raw}; contract_client raises {entry.raises.__name__}"
        yield CheckResult(Side.CLIENT, op.operation_id, entry.check, outcome, 1, tuple(failures), reason)


def judge(op: Operation, entry: OutOfSpec, answer: Answer, raw: Harness, contract: Harness) -> list[tuple[str, str]]:
    """(title, message) for each way the observed behaviour differs from the catalogue."""
    found = []
    module, kwargs = api_module(op), minimal_call(op)
    for mode in MODES:
        raw.answer = contract.answer = answer
        observed = describe(raw.outcome(module, kwargs, mode))
        if observed != entry.raw:
            found.append(("Raw client differs from the README", f"{mode}: it {observed}; documented: it {entry.raw}"))
        outcome: Any = contract.outcome(module, kwargs, mode)
        if type(outcome) is not entry.raises or entry.says not in str(outcome):
            got = f"{type(outcome).__name__}: {outcome}" if isinstance(outcome, Exception) else describe(outcome)
            text = f"{mode}: got {got}; documented: {entry.raises.__name__} saying {entry.says!r}"
            found.append((f"contract_client did not raise {entry.raises.__name__}", text))
    return found


def show(answer: Answer) -> str:
    content_type = answer.headers.get("content-type", "no Content-Type")
    return f"HTTP {answer.status}, {content_type}, body {answer.content[:200]!r}"
