"""Microsoft's official Python SDK (msgraph-beta-sdk), unchanged, through the proxy in front of the reference server.

The SDK runs in its own venv (`scripts/install-peers`); the scripted sequence is the server tests' probe.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from ios_lob_kit.conformance.results import Outcome
from ios_lob_kit.traffic.certify import Certification
from tests.mock_server.test_official_sdk import PROBE, SDK_PYTHON
from tests.traffic.conftest import certify_results, failed, proxied

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not SDK_PYTHON.exists() and not os.environ.get("CI"),
        reason="the official SDK is not installed: scripts/install-peers",
    ),
]


def test_the_official_sdk_through_the_proxy_keeps_the_contract_where_it_goes() -> None:
    with proxied() as run:
        env = {**os.environ, "SDK_PROBE_TOKEN": run.tokens.read_write.token}
        done = subprocess.run(
            [str(SDK_PYTHON), str(PROBE), run.url], env=env, capture_output=True, text=True, timeout=300
        )
        results = run.judge()
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(run.recording.exchanges) == 26  # the probe's calls: groupAssignments, $count, query options
    assert failed(results) == {}  # neither the SDK's requests nor the server's answers break a rule
    # What the sequence could not certify: the SDK's builders lack the seed's collection PATCH.
    not_exercised = {r.operation for r in results if r.check == "exercised" and r.outcome is Outcome.SKIPPED}
    assert not_exercised == {"updateAssignments"}


def test_the_official_sdk_under_certification_waits_for_retry_after_and_tolerates_newer_content() -> None:
    certification = Certification(base_path="/beta")
    with proxied(certification=certification) as run:
        env = {**os.environ, "SDK_PROBE_TOKEN": run.tokens.read_write.token}
        done = subprocess.run(
            [str(SDK_PYTHON), str(PROBE), run.url], env=env, capture_output=True, text=True, timeout=300
        )
    assert done.returncode == 0, done.stderr[-2000:]  # the probe's own expectations held despite newer content
    found = certify_results(run, certification)
    assert found["honours_retry_after"].outcome is Outcome.PASSED  # its retry handler waited, then retried
    assert found["tolerates_newer_content"].outcome is Outcome.PASSED
    # The probe lists one item with $top=1: paging is not exercised by this sequence, and the report says so.
    assert found["follows_next_link"].outcome is Outcome.SKIPPED
