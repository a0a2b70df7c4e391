"""Progress lines: what the engine reports many times alike is said once."""

from __future__ import annotations

import uuid

from schemathesis.engine import Status, events
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.engine.run import PhaseName

from conformance.events import EventCollector
from conformance.redact import Redactor


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
    lines: list[str] = []
    collector = EventCollector(redact=Redactor(()), replay="replay", progress=lines.append)
    for _ in range(6):
        collector.handle(_skipped_stateful_scenario())
    assert lines == ["  stateful  scenario                 skipped: nothing to run"]
