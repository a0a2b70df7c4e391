"""The client side of a conformance run: every operation, its phases, one stream of `CheckResult`s."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from ios_lob_kit.conformance.client_side import request_checks, response_checks
from ios_lob_kit.conformance.client_side.end_to_end import end_to_end_results
from ios_lob_kit.conformance.client_side.fuzz import Fuzz, fuzz_results
from ios_lob_kit.conformance.client_side.harness import Harness
from ios_lob_kit.conformance.client_side.out_of_spec import out_of_spec_results
from ios_lob_kit.conformance.client_side.request_checks import check_request, explicit_cases, intent_of, render_call
from ios_lob_kit.conformance.client_side.response_checks import Served, check_responses, explicit_examples, served
from ios_lob_kit.conformance.client_side.strategies import request_cases, schema_key
from ios_lob_kit.conformance.credentials import TokenSource
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.results import CheckResult
from ios_lob_kit.conformance.stream import CasesTimed, ClientStep, Emit
from ios_lob_kit.conformance.writes import WriteBudget
from ios_lob_kit.openapi.index import Operation, spec_index


def run_client_side(
    options: RunOptions,
    base_url: str | None,
    token: TokenSource | None,
    emit: Emit | None = None,
    budget: WriteBudget | None = None,
) -> Iterator[CheckResult]:
    """Fuzz the importable `generated_client` against the spec, seeded by `options.seed`, with a budget of
    `options.max_examples` generated examples per operation and phase; then, when `base_url` is given, call
    every operation on that server (within the run's write `budget`, when given). `token` is only ever sent to
    `base_url`. Progress goes to `emit`."""
    say = emit or (lambda _event: None)
    replay = options.replay_command(Only.CLIENT)  # a client failure replays the client side alone
    raw, contract = Harness(), Harness(contract=True)
    shard = options.shard  # --shard I/N: only this share of the units (ios_lob_kit/conformance/shards.py)
    started, cases = time.monotonic(), 0
    try:
        for op in spec_index().operations:
            for phase, fuzz in (("requests", _requests), ("responses", _responses)):
                if not shard.owns("client", phase, op.operation_id):
                    continue
                say(ClientStep(phase, op.operation_id))
                results = list(fuzz_results(fuzz(op, raw), options.seed, options.max_examples, replay))
                cases += results[0].cases
                yield from results
            if shard.owns("client", "out_of_spec", op.operation_id):
                say(ClientStep("answers outside the contract", op.operation_id))
                yield from out_of_spec_results(op, raw, contract, replay)
    finally:
        raw.close()
        contract.close()
    say(CasesTimed("client", cases, time.monotonic() - started))
    if shard.owns("client", "end_to_end"):
        say(ClientStep("end to end"))
        yield from end_to_end_results(base_url, token, budget=budget, seed=options.seed)


def _requests(op: Operation, harness: Harness) -> Fuzz:
    return Fuzz(
        op.operation_id,
        request_checks.CHECKS,
        request_cases(op),
        explicit_cases(op),
        lambda case: check_request(op, harness, intent_of(op, case)),
        lambda case: render_call(op, intent_of(op, case)),
    )


def _responses(op: Operation, harness: Harness) -> Fuzz:
    return Fuzz(
        op.operation_id,
        response_checks.CHECKS,
        served(op),
        explicit_examples(op),
        lambda example: check_responses(op, harness, example),
        lambda example: _render_served(op, example),
    )


def _render_served(op: Operation, example: Served) -> str:
    shown: dict[str, Any] = {}
    for reply in example.replies(op):
        status = example.statuses.get(reply.key, reply.statuses[0])
        shown[str(status)] = example.bodies[schema_key(reply.schema)] if reply.schema is not None else "(no body)"
    return "answers by status: " + json.dumps(shown, ensure_ascii=False)
