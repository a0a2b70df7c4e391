"""Report formats, each a handler of the run's stream (`ios_lob_kit.conformance.stream`), wired by `handlers`.

console.py   progress lines, then the summary table and verdict      progress.py  progress events as text
junit.py     JUnit XML                                               summary.py   counts every report shows
html.py      a self-contained HTML report                           text.py      characters XML forbids
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ios_lob_kit.conformance.record import FILE, RecordWriter
from ios_lob_kit.conformance.reporting import html, junit
from ios_lob_kit.conformance.results import CheckResult, RunInfo
from ios_lob_kit.conformance.stream import Event, Handler, RunFinished

Write = Callable[[Path, RunInfo, Sequence[CheckResult]], Path]


class ReportWriter:
    """Writes one report file when the run finishes."""

    def __init__(self, path: Path, write: Write) -> None:
        self.path = path
        self._write = write

    def __call__(self, event: Event) -> None:
        if isinstance(event, RunFinished):
            self._write(self.path, event.info, event.results)


JUNIT, HTML = "junit.xml", "report.html"


def reports_line(report_dir: Path) -> str:
    """What a run (or a merge) says it wrote in `report_dir`."""
    return "Reports: " + ", ".join(str(report_dir / name) for name in (JUNIT, HTML, FILE))


def handlers(console: Handler | None, report_dir: Path | None) -> list[Handler]:
    """The handlers of a run, in order: the console (or pytest's reporter), then junit.xml, report.html and
    results.json (the run's record, `ios_lob_kit.conformance.record`) in `report_dir` (none without one). The CLI, the
    pytest plugin and `conformance merge` all wire a run with this."""
    found: list[Handler] = [console] if console is not None else []
    if report_dir is not None:
        found += [
            ReportWriter(report_dir / JUNIT, junit.write),
            ReportWriter(report_dir / HTML, html.write),
            RecordWriter(report_dir / FILE),
        ]
    return found
