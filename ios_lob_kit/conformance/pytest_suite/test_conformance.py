"""One test per side, operation and check of a conformance run (parametrized by
`ios_lob_kit.conformance.pytest_plugin`)."""

from __future__ import annotations

from ios_lob_kit.conformance.pytest_plugin import judge
from ios_lob_kit.conformance.results import CheckResult


def test_conformance(conformance_result: CheckResult) -> None:
    judge(conformance_result)
