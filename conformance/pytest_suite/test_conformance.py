"""One test per side, operation and check of a conformance run (parametrized by `conformance.pytest_plugin`)."""

from __future__ import annotations

from conformance.pytest_plugin import judge
from conformance.results import CheckResult


def test_conformance(conformance_result: CheckResult) -> None:
    judge(conformance_result)
