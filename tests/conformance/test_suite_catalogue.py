"""The suite passes the healthy reference server and catches the deliberately broken ones: a mutation score.

Every catalogue row names the check that must catch it. `EXPECTED_UNCAUGHT` lists the rows the suite is
known to miss: each of them must still go uncaught (so the list can only shrink, never hide a catch), and
the score below is computed from it, so the share reported is the share the tests enforce.
"""

from __future__ import annotations

import pytest

from ios_lob_kit.conformance.results import Outcome, verdict
from tests.conformance.broken_servers import Broken, healthy_app, serve
from tests.conformance.broken_servers.catalogue import CATALOGUE, SUITE_ROWS
from tests.conformance.broken_servers.suite import failed_checks, junit_failed_checks, options_for, run_server_side
from tests.conformance.broken_servers.vendor import PAGE_SIZE, VENDOR_ROWS

pytestmark = pytest.mark.slow

EXPECTED_UNCAUGHT: frozenset[str] = frozenset()  # rows the checks are known to miss (none today)


def score() -> tuple[int, int]:
    """(rows caught, rows) over the whole catalogue."""
    return len(CATALOGUE) - len(EXPECTED_UNCAUGHT), len(CATALOGUE)


def test_catalogue_is_big_enough_and_distinct() -> None:
    assert len(SUITE_ROWS) >= 14
    assert len(VENDOR_ROWS) >= 20
    assert len({b.name for b in CATALOGUE}) == len(CATALOGUE)
    assert {b.name for b in CATALOGUE} >= EXPECTED_UNCAUGHT, "an expected-uncaught row is not in the catalogue"
    assert all(b.catches for b in CATALOGUE), "every row names the check that must catch it"


def test_score_is_reported() -> None:
    caught, rows = score()
    vendor_caught = sum(1 for b in VENDOR_ROWS if b.name not in EXPECTED_UNCAUGHT)
    print(f"catalogue score: {caught}/{rows} caught; vendor rows {vendor_caught}/{len(VENDOR_ROWS)}")
    assert caught / rows >= 0.5, f"only {caught} of {rows} rows caught"


def test_healthy_server_passes_every_phase() -> None:
    app, tokens = healthy_app(PAGE_SIZE)
    with serve(app) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens))
    assert [(r.operation, r.check, r.failures[0].title) for r in results if r.failures] == []
    assert verdict(results) is Outcome.PASSED
    assert not [r for r in results if r.outcome is Outcome.SKIPPED], "every token was given: nothing to skip"


@pytest.mark.parametrize("broken", CATALOGUE, ids=[b.name for b in CATALOGUE])
def test_broken_server_is_caught_by_its_check(broken: Broken) -> None:
    app, tokens = healthy_app(PAGE_SIZE)
    with serve(broken.wrap(app, tokens)) as base_url:
        info, results = run_server_side(options_for(base_url, tokens, phases=broken.phases))
    caught = [r for r in results if r.check == broken.catches and r.outcome is Outcome.FAILED]
    if broken.operation:
        caught = [r for r in caught if r.operation == broken.operation]
    if broken.title:
        caught = [r for r in caught if broken.title in {f.title for f in r.failures}]
    if broken.name in EXPECTED_UNCAUGHT:
        assert not caught, f"{broken.name} is caught now: remove it from EXPECTED_UNCAUGHT"
        return
    assert verdict(results) is Outcome.FAILED
    assert caught, f"{broken.name}: {broken.catches} did not catch it; failed {sorted(failed_checks(results))}"
    assert broken.catches in junit_failed_checks(info, results)
