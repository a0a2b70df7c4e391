"""Running the server side of the suite at the tests' small fixed budget."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.reporting import junit
from ios_lob_kit.conformance.results import CheckResult, Outcome, RunInfo
from ios_lob_kit.conformance.runner import run_suite
from tests.conformance.broken_servers import Tokens

BUDGET = 3  # max examples per operation and phase in the tests
ALL_PHASES = ("examples", "coverage", "fuzzing", "stateful")


def options_for(base_url: str, tokens: Tokens, *, phases: tuple[str, ...] = ALL_PHASES, seed: int = 0) -> RunOptions:
    return RunOptions(
        base_url=base_url,
        token=tokens.read_write.token,
        read_only_token=tokens.read_only.token,
        other_tenant_token=tokens.other_tenant.token,
        seed=seed,
        max_examples=BUDGET,
        only=Only.SERVER,
        phases=phases,
    )


def run_server_side(options: RunOptions) -> tuple[RunInfo, list[CheckResult]]:
    return run_suite(options, lambda _line: None)


def failed_checks(results: list[CheckResult]) -> set[str]:
    return {r.check for r in results if r.outcome is Outcome.FAILED}


def junit_failed_checks(info: RunInfo, results: list[CheckResult]) -> set[str]:
    """The checks the JUnit report names as failed (test case `operation::check` with a <failure>)."""
    root = ET.fromstring(junit.render(info, results))
    return {case.attrib["name"].split("::", 1)[1] for case in root.iter("testcase") if case.find("failure") is not None}
