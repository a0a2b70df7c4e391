"""The public names of contract_client are pinned: nothing leaks, nothing disappears by accident."""

from __future__ import annotations

from ios_lob_kit import contract_client
from ios_lob_kit.contract_client import (
    ContractError,
    ContractViolation,
    GraphError,
    MalformedBody,
    UndocumentedStatus,
    UnexpectedShape,
    UnknownEnumValue,
    UnknownTargetKind,
)

PUBLIC = [
    "ContractError",
    "ContractTransport",
    "ContractViolation",
    "GraphError",
    "MalformedBody",
    "UndocumentedStatus",
    "UnexpectedShape",
    "UnknownEnumValue",
    "UnknownTargetKind",
    "acall",
    "call",
    "connect",
]


def test_the_public_names_are_pinned() -> None:
    assert contract_client.__all__ == PUBLIC
    assert sorted(n for n in vars(contract_client) if not n.startswith("_")) == PUBLIC


def test_the_exception_tree_is_the_one_the_docstring_draws() -> None:
    assert issubclass(GraphError, ContractError)
    assert not issubclass(GraphError, ContractViolation)
    for violation in (UndocumentedStatus, MalformedBody, UnexpectedShape):
        assert issubclass(violation, ContractViolation)
    assert issubclass(UnknownTargetKind, UnexpectedShape)
    assert issubclass(UnknownEnumValue, UnexpectedShape)
    tree = contract_client._exceptions.__doc__ or ""
    for name in PUBLIC[:1] + [n for n in PUBLIC if n[0].isupper() and n != "ContractTransport"]:
        assert name in tree
