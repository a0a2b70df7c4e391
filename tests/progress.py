"""Progress a person can follow during scripts/test: one line per test file as its last test ends, with the
share of tests done, instead of minutes of dots. Loaded with `-p tests.progress`; inactive with -v.

    [ 42%] tests/mock_server/test_semantics.py: 36 passed (12.4 s)

One line per file keeps CI logs short; failures are still detailed in pytest's summary at the end.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Generator, Sequence

import pytest


class FileProgress:
    """Counts each file's finished tests and prints the file's line when the last one finishes."""

    def __init__(self, config: pytest.Config, reporter: pytest.TerminalReporter) -> None:
        self._config = config
        self._reporter = reporter
        self._expected: Counter[str] | None = None
        self._finished: Counter[str] = Counter()
        self._outcomes: dict[str, Counter[str]] = {}
        self._seconds: defaultdict[str, float] = defaultdict(float)
        self._failed: defaultdict[str, list[str]] = defaultdict(list)
        self._running = True

    def expect(self, nodeids: Sequence[str]) -> None:
        """The tests the run will report (a worker's collection under xdist: every worker collects them all;
        the controller's own collection is empty)."""
        if self._expected is None and nodeids:
            self._expected = Counter(_file_of(nodeid) for nodeid in nodeids)

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self) -> Generator[None, tuple[str, object, object], tuple[str, object, object]]:
        status = yield
        if not self._running:  # the final summary's words (FAILED, SKIPPED) stay
            return status
        return status[0], "", ""  # no dot per test: the file's line says it

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.expect([item.nodeid for item in session.items])

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: object, ids: Sequence[str]) -> None:
        self.expect(ids)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        path = _file_of(report.nodeid)
        status = self._config.hook.pytest_report_teststatus(report=report, config=self._config)
        category = status[0]
        if category:
            self._outcomes.setdefault(path, Counter())[category] += 1
        self._seconds[path] += report.duration
        if report.failed:
            self._failed[path].append(report.nodeid.split("::", 1)[-1])
        if report.when == "teardown":
            self._finished[path] += 1
            if self._expected is not None and self._finished[path] == self._expected[path]:
                self._say(path)

    def pytest_sessionfinish(self) -> None:
        self._running = False

    def _say(self, path: str) -> None:
        assert self._expected is not None
        share = 100 * sum(self._finished.values()) // max(1, sum(self._expected.values()))
        outcomes = ", ".join(f"{n} {category}" for category, n in sorted(self._outcomes.get(path, {}).items()))
        line = f"[{share:3d}%] {path}: {outcomes or 'no result'} ({self._seconds[path]:.1f} s)"
        if self._failed[path]:
            line += f"; failed: {', '.join(self._failed[path])}"
        self._reporter.write_line(line)


def _file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or config.get_verbosity() > 0 or hasattr(config, "workerinput"):
        return
    reporter.showfspath = False  # the file name is in each progress line instead
    config.pluginmanager.register(FileProgress(config, reporter), "file-progress")
