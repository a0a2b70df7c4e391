"""Same seed, same target state: same cases and same verdict."""

from __future__ import annotations

import pytest

from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.catalogue import wrong_success_status
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow


def _fingerprint(seed: int) -> list[tuple[str, str, str, int, tuple[str, ...]]]:
    app, tokens = healthy_app()  # a fresh server each time: the same target state
    with serve(wrong_success_status(app, tokens)) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens, seed=seed))
    return [(r.operation, r.check, r.outcome.value, r.cases, tuple(f.title for f in r.failures)) for r in results]


def test_same_seed_gives_same_cases_and_verdict() -> None:
    first, second = _fingerprint(seed=11), _fingerprint(seed=11)
    assert first == second
    assert any(outcome == "failed" for _op, _check, outcome, _cases, _titles in first)
