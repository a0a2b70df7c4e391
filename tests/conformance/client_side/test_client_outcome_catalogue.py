"""Every catalogue entry applies somewhere, and the healthy client behaves as each entry documents."""

from __future__ import annotations

import pytest

from ios_lob_kit.conformance.client_side.catalogue import CATALOGUE, OutOfSpec
from ios_lob_kit.conformance.client_side.harness import Harness
from ios_lob_kit.conformance.client_side.out_of_spec import judge
from ios_lob_kit.openapi.index import spec_index


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.check)
def test_each_answer_outside_the_contract_ends_as_documented(entry: OutOfSpec) -> None:
    raw, contract = Harness(), Harness(contract=True)
    try:
        applicable = [(op, answer) for op in spec_index().operations if (answer := entry.build(op)) is not None]
        assert applicable, f"{entry.check} applies to no operation"
        for op, answer in applicable:
            assert judge(op, entry, answer, raw, contract) == [], op.operation_id
    finally:
        raw.close()
        contract.close()


def test_check_names_are_unique() -> None:
    assert len({entry.check for entry in CATALOGUE}) == len(CATALOGUE)
