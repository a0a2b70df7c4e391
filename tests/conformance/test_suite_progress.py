"""Progress lines: what the engine reports many times alike is said once."""

from __future__ import annotations

import uuid

from schemathesis.engine import Status, events
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.engine.run import PhaseName

from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.events import EventCollector
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.reporting import progress
from ios_lob_kit.conformance.stream import Event
from ios_lob_kit.conformance.target import Target


def _skipped_stateful_scenario() -> events.ScenarioFinished:
    return events.ScenarioFinished(
        id=uuid.uuid4(),
        phase=PhaseName.STATEFUL_TESTING,
        suite_id=uuid.uuid4(),
        label=None,
        status=Status.SKIP,
        recorder=ScenarioRecorder(label="scenario"),
        elapsed_time=0.0,
        skip_reason=None,
        is_final=False,
    )


def test_a_stateful_skip_is_said_once_not_once_per_scenario() -> None:
    target = Target("http://127.0.0.1:1/beta", fixed("t"), None, None, embedded=False)
    run = RunContext(RunOptions(base_url=target.base_url, token="t"), target, Redactor(()), "replay")
    seen: list[Event] = []
    collector = EventCollector(run, seen.append)
    for _ in range(6):
        collector.handle(_skipped_stateful_scenario())
    assert [progress.line(event) for event in seen] == ["  stateful  scenario                 skipped: nothing to run"]
