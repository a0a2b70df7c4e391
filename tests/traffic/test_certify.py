"""Client certification: the proxy serves a 429, pages and newer content on purpose; broken clients are named."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from typing import Any

import httpx
import pytest

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.results import Outcome, Side
from ios_lob_kit.traffic.certify import NEWER_PROPERTY, Certification
from ios_lob_kit.traffic.proxy import Recording
from tests.conformance.broken_servers import healthy_app, serve
from tests.traffic.conftest import Proxied, certify_results, proxied

pytestmark = pytest.mark.slow


def _client(run: Proxied, *, wait: bool, follow: bool) -> list[Any]:
    """Creates a configuration (429 first: waits Retry-After or not), three assignments, then lists them."""
    with httpx.Client(base_url=run.url + "/") as http:
        api = Api(http, fixed(run.tokens.read_write.token))
        body = spec.request_example("createConfiguration")
        answer = api.call("createConfiguration", json=body)
        assert answer.status == 429
        if wait:
            time.sleep(float(answer.response_headers["retry-after"]))
        config = api.call("createConfiguration", json=body).response_json()["id"]
        for _ in range(3):
            api.call("createAssignment", config=config, json=spec.request_example("createAssignment"))
        page = api.call("listAssignments", config=config).response_json()
        items = list(page["value"])
        while follow and "@odata.nextLink" in page:
            page = api.follow("listAssignments", page["@odata.nextLink"]).response_json()
            items += page["value"]
        return items


def test_a_well_behaved_client_is_certified() -> None:
    certification = Certification(base_path="/beta")
    with proxied(certification=certification) as run:
        items = _client(run, wait=True, follow=True)
        judged = run.judge()
    assert len(items) == 3
    assert all(NEWER_PROPERTY in item for item in items)  # served newer content, and the client kept going
    found = certify_results(run, certification)
    assert found["honours_retry_after"].outcome is Outcome.PASSED
    assert found["follows_next_link"].outcome is Outcome.PASSED
    assert found["follows_next_link"].cases == 1
    assert found["tolerates_newer_content"].outcome is Outcome.PASSED
    assert not [r for r in judged if r.outcome is Outcome.FAILED and r.side is Side.CLIENT]


def test_a_client_that_ignores_retry_after_is_named() -> None:
    certification = Certification(base_path="/beta", retry_after=2)
    with proxied(certification=certification) as run:
        _client(run, wait=False, follow=True)
    result = certify_results(run, certification)["honours_retry_after"]
    assert result.outcome is Outcome.FAILED
    assert result.operation == "createConfiguration"
    assert result.failures[0].title == "Retried before Retry-After"


def test_a_client_that_stops_at_the_first_page_is_named() -> None:
    certification = Certification(base_path="/beta")
    with proxied(certification=certification) as run:
        items = _client(run, wait=True, follow=False)
    assert len(items) == 2
    result = certify_results(run, certification)["follows_next_link"]
    assert result.outcome is Outcome.FAILED
    assert result.operation == "listAssignments"
    assert result.failures[0].title == "Stopped before the last page"


def test_certify_mode_of_the_command_reports_the_client() -> None:
    app, tokens = healthy_app(page_size=2)
    with tempfile.TemporaryDirectory() as reports, serve(app) as upstream:
        command = [
            sys.executable,
            "-m",
            "ios_lob_kit.traffic",
            "proxy",
            "--upstream",
            upstream,
            "--certify",
            "--retry-after",
            "2",
        ]
        command += ["--requests", "6", "--duration", "120", "--report-dir", reports]  # the duration is a safety net
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
            try:
                assert process.stdout is not None
                first = process.stdout.readline()
                run = Proxied(first.split()[1], upstream, tokens, Recording())
                _client(run, wait=False, follow=False)
                stdout = process.stdout.read()
                code = process.wait(timeout=60)
            finally:
                process.kill()
    assert code == 1
    assert "certification of a client through the proxy" in stdout
    assert "[client] createConfiguration: Retried before Retry-After\n  seen by: honours_retry_after" in stdout
    assert "[client] listAssignments: Stopped before the last page\n  seen by: follows_next_link" in stdout
    assert tokens.read_write.token not in stdout
