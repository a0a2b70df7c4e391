"""The suite as plain pytest, for a vendor's CI: one test per side, operation and check.

    pytest -p ios_lob_kit.conformance.pytest_plugin --pyargs ios_lob_kit.conformance.pytest_suite \\
        --conformance-base-url https://graph.example.com/beta --conformance-token "$TOKEN"

Options default from the same environment variables as the CLI (CONFORMANCE_TOKEN, ...). The run happens
once, when the tests are collected (its results are the test cases); run it without `-n`.
"""

from __future__ import annotations

import os
import re

import pytest

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.errors import RunCannotStart
from ios_lob_kit.conformance.options import FLAGS, RunOptions
from ios_lob_kit.conformance.results import CheckResult, Outcome

# Under pytest, reports are written only when asked for (pytest writes its own --junitxml).
_HELP_UNDER_PYTEST = {"report-dir": "also write junit.xml and report.html there (default: none)"}
# A CLI option's name as pytest spells it (`--max-examples` -> `--conformance-max-examples`), longest first.
_CLI_NAME = re.compile(
    r"(?<![\w-])--(" + "|".join(sorted((re.escape(f.name) for f in FLAGS), key=len, reverse=True)) + r")(?![\w-])"
)
_RESULTS = pytest.StashKey[list[CheckResult]]()
_CANNOT_START = pytest.StashKey[RunCannotStart]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "iOS LOB assignments conformance suite")
    for flag in FLAGS:
        text = under_pytest(_HELP_UNDER_PYTEST.get(flag.name, flag.help))
        name = f"--conformance-{flag.name}"
        if flag.kind == "switch":
            group.addoption(name, action="store_true", default=None, help=text)
        else:
            action = "append" if flag.kind == "list" else "store"
            group.addoption(name, action=action, metavar=flag.metavar, choices=flag.choices, default=None, help=text)


def under_pytest(text: str) -> str:
    """`text` (a help line, a usage error) with the CLI's option names spelled as pytest takes them."""
    return _CLI_NAME.sub(r"--conformance-\1", text)


def options_from(config: pytest.Config) -> RunOptions:
    """The CLI's parser fills the defaults (env vars included); pytest's options override them."""
    argv: list[str] = []
    for flag in FLAGS:
        value = config.getoption(f"--conformance-{flag.name}")
        if value is True:  # a switch
            argv += [f"--{flag.name}"]
        elif isinstance(value, list):  # a repeatable flag
            argv += [f"--{flag.name}={item}" for item in value]
        elif value is not None:
            argv += [f"--{flag.name}={value}"]
    args = cli.parser().parse_args(argv)
    if config.getoption("--conformance-report-dir") is None and not os.environ.get("CONFORMANCE_REPORT_DIR"):
        args.report_dir = None  # under pytest, reports are written only when asked for
    return cli.options_from(args)


def run_once(config: pytest.Config) -> list[CheckResult]:
    if _RESULTS not in config.stash:
        from ios_lob_kit.conformance.reporting import handlers, progress
        from ios_lob_kit.conformance.runner import run_suite
        from ios_lob_kit.conformance.stream import Event

        reporter = config.pluginmanager.get_plugin("terminalreporter")

        def report_progress(event: Event) -> None:
            if reporter is not None and config.option.verbose > 0 and (line := progress.line(event)) is not None:
                reporter.write_line(line)

        try:
            options = options_from(config)
            _info, results = run_suite(options, *handlers(report_progress, options.report_dir))
        except RunCannotStart as exc:  # said once collection ends (raised here, pytest would show a traceback)
            config.stash[_CANNOT_START] = exc
            results = []
        config.stash[_RESULTS] = results
    return config.stash[_RESULTS]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "conformance_result" in metafunc.fixturenames:
        results = run_once(metafunc.config)
        ids = [f"{r.side.value}::{r.operation}::{r.check}" for r in results]
        metafunc.parametrize("conformance_result", results, ids=ids)


def pytest_collection_finish(session: pytest.Session) -> None:
    """A run that could not start (or go on: a fatal engine error) ends the session as the CLI does: one line."""
    if _CANNOT_START in session.config.stash:
        raise pytest.UsageError(f"conformance: {under_pytest(str(session.config.stash[_CANNOT_START]))}")


def judge(result: CheckResult) -> None:
    """Pass, skip (with its reason) or fail (with the failures, their example and curl line)."""
    if result.outcome is Outcome.SKIPPED:
        pytest.skip(result.reason)
    if result.outcome is Outcome.FAILED:
        text = "\n\n".join(
            "\n".join(part for part in (f.title, f.message, f.example, f.curl or "", f.replay or "") if part)
            for f in result.failures
        )
        pytest.fail(text, pytrace=False)
