"""A reference server (healthy or broken) with the proxy in front, on loopback, and a scripted client."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.results import CheckResult, Outcome, Side
from ios_lob_kit.conformance.stream import Stream
from ios_lob_kit.traffic.certify import Certification
from ios_lob_kit.traffic.judge import Judge
from ios_lob_kit.traffic.proxy import ProxyApp, Recording
from tests.conformance.broken_servers import Tokens, healthy_app, serve
from tests.conformance.broken_servers.catalogue import SUITE_ROWS


@dataclass
class Proxied:
    url: str  # the proxy's base URL (ends in /beta)
    upstream: str
    tokens: Tokens
    recording: Recording

    def judge(self) -> list[CheckResult]:
        """The results as the reports get them: through the suite's stream (which redacts them)."""
        judge = Judge(base_path="/beta", replay="test")
        for recorded in self.recording.exchanges:
            judge.add(recorded.exchange)
        stream = Stream(Redactor(()), [])
        judge.publish(stream, self.url)
        return stream.results


@contextlib.contextmanager
def proxied(broken: str | None = None, *, certification: Certification | None = None) -> Iterator[Proxied]:
    """The reference server (wrapped by the catalogue's row `broken`, if given) behind the proxy; pages of 2."""
    app, tokens = healthy_app(page_size=2)
    if broken is not None:
        app = next(row for row in SUITE_ROWS if row.name == broken).wrap(app, tokens)
    recording = Recording()
    with serve(app) as upstream, serve(ProxyApp(upstream, recording, certification=certification)) as url:
        yield Proxied(url, upstream, tokens, recording)


def healthy_client(base_url: str, token: str) -> None:
    """A well-behaved client: creates a configuration, assigns it, reads, lists, patches, asks for a missing one."""
    with httpx.Client(base_url=base_url + "/") as http:
        api = Api(http, fixed(token))
        created = api.call("createConfiguration", json=spec.request_example("createConfiguration"))
        config = created.response_json()["id"]
        api.call("getConfiguration", config=config)
        assignment = api.call("createAssignment", config=config, json=spec.request_example("createAssignment"))
        api.call("listAssignments", config=config)
        api.call("getAssignment", config=config, assignment=assignment.response_json()["id"])
        group = {
            "@odata.type": "#microsoft.graph.groupAssignmentTarget",
            "groupId": "3b5c0c9e-0b9e-4d5e-9c2a-1f0e4c1d2a3b",
        }
        api.call("updateAssignments", config=config, json={"target": group})
        api.call("getConfiguration", config="00000000-0000-0000-0000-000000000000")


def invalid_body_client(base_url: str, token: str) -> Any:
    """A client that sends an assignment whose `target` is a number."""
    with httpx.Client(base_url=base_url + "/") as http:
        api = Api(http, fixed(token))
        config = api.call("createConfiguration", json=spec.request_example("createConfiguration")).response_json()["id"]
        return api.call("createAssignment", config=config, json={"target": 5})


def failed(results: list[CheckResult]) -> dict[tuple[Side, str, str], CheckResult]:
    return {(r.side, r.operation, r.check): r for r in results if r.outcome is Outcome.FAILED}


def certify_results(run: Proxied, certification: Certification) -> dict[str, CheckResult]:
    """The certification's run-wide results on the client, by check."""
    recorded = run.recording.exchanges
    start = recorded[0].started.timestamp()
    timed = [(r.started.timestamp() - start, r.exchange) for r in recorded]
    return {r.check: r for r in certification.results(timed)}
