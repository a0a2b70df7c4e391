"""The suite passes the healthy reference server and catches every deliberately broken one."""

from __future__ import annotations

import pytest

from conformance.results import Outcome, verdict
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.catalogue import CATALOGUE, Broken
from tests.conformance.broken_servers.suite import failed_checks, junit_failed_checks, options_for, run_server_side

pytestmark = pytest.mark.slow


def test_catalogue_is_big_enough_and_distinct() -> None:
    assert len(CATALOGUE) >= 14
    assert len({b.name for b in CATALOGUE}) == len(CATALOGUE)


def test_healthy_server_passes_every_phase() -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens))
    assert [(r.operation, r.check, r.failures[0].title) for r in results if r.failures] == []
    assert verdict(results) is Outcome.PASSED
    assert not [r for r in results if r.outcome is Outcome.SKIPPED], "every token was given: nothing to skip"


@pytest.mark.parametrize("broken", CATALOGUE, ids=[b.name for b in CATALOGUE])
def test_broken_server_is_caught_by_its_check(broken: Broken) -> None:
    app, tokens = healthy_app()
    with serve(broken.wrap(app, tokens)) as base_url:
        info, results = run_server_side(options_for(base_url, tokens, phases=broken.phases))
    assert verdict(results) is Outcome.FAILED
    assert broken.catches in failed_checks(results), f"{broken.name}: failed {sorted(failed_checks(results))}"
    assert broken.catches in junit_failed_checks(info, results)
    caught = [r for r in results if r.check == broken.catches and r.outcome is Outcome.FAILED]
    if broken.operation:
        assert broken.operation in {r.operation for r in caught}, f"{broken.name}: caught on {caught}"
    if broken.title:
        assert broken.title in {f.title for r in caught for f in r.failures}, f"{broken.name}: {caught}"
