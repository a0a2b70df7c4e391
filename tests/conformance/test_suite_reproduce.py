"""A finding's reproduction pastes and runs after the run: its token from CONFORMANCE_TOKEN, and what the run
created (then deleted) created again first."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.reporting.summary import findings
from ios_lob_kit.conformance.runner import run_suite
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.catalogue import no_request_id

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("curl") is None and not os.environ.get("CI"), reason="curl is not installed")
def test_a_reproduction_pastes_and_runs_once_the_token_is_exported() -> None:
    app, tokens = healthy_app()
    with serve(no_request_id(app, tokens)) as base_url:
        options = RunOptions(base_url=base_url, token=tokens.read_write.token, only=Only.SERVER, phases=())
        _info, results = run_suite(options, lambda _line: None)
        finding = next(
            f for f in findings(results) if (f.operation, f.failure.title) == ("getAssignment", "No request-id header")
        )
        lines = finding.failure.curl or ""
        assert "CONFIGURATION_ID=$(curl -s -X POST" in lines  # the run deleted its configuration: made again
        assert "ASSIGNMENT_ID=$(curl -s -X POST" in lines
        assert tokens.read_write.token not in lines
        env = {"PATH": os.environ["PATH"], "CONFORMANCE_TOKEN": tokens.read_write.token}
        done = subprocess.run(
            ["bash", "-c", f"set -euo pipefail\n{lines}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    status, *headers = done.stdout.split("\r\n\r\n", 1)[0].splitlines()
    assert status.startswith("HTTP/1.1 200")
    assert "request-id" not in {line.split(":", 1)[0].lower() for line in headers}  # the finding, seen again
