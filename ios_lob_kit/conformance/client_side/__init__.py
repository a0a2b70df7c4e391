"""The client side of the conformance suite: fuzz the generated client against the spec.

For every operation, sync and async: requests built from spec-generated inputs are captured and checked;
valid answers of every documented status are served and must parse into the right classes; answers
outside the contract must end in the documented outcome (see `catalogue`); and, given a server, every
operation is called end to end. What the spec says comes from `ios_lob_kit.openapi.index`. Results are `CheckResult`s
with `side=Side.CLIENT`; progress events go to the run's stream (`ios_lob_kit.conformance.stream`).

    run.py             run_client_side: the phases of every operation, in order
    fuzz.py            hypothesis: explore once with every check, shrink each failing check
    strategies.py      schemathesis strategies for requests and for response bodies
    variants.py        deterministic instances using every kind, spelling and enum value
    bindings.py        the generated client's module, classes and keyword names per operation
    harness.py         a MockTransport that captures requests and serves chosen answers
    request_checks.py  checks on captured requests (each registered once, by name)
    response_checks.py checks on parsed answers
    models.py          class per @odata.type, typed properties
    catalogue.py       answers outside the contract and their documented outcomes
    out_of_spec.py     serves the catalogue to the raw client and to contract_client
    end_to_end.py      the client against a live server, every operation the spec index lists
"""

from ios_lob_kit.conformance.client_side.run import run_client_side

__all__ = ["run_client_side"]
