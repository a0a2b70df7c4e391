"""The suite as plain pytest, for a vendor's CI: one test per side, operation and check.

    pytest -p conformance.pytest_plugin --pyargs conformance.pytest_suite \\
        --conformance-base-url https://graph.example.com/beta --conformance-token "$TOKEN"

Options default from the same environment variables as the CLI (CONFORMANCE_TOKEN, ...). The run happens
once, when the tests are collected (its results are the test cases); run it without `-n`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conformance import cli
from conformance.options import RunOptions
from conformance.results import CheckResult, Outcome
from conformance.target import TargetError

_FLAGS = (
    ("base-url", "URL", "the API's base URL, including /beta (default: the embedded reference server)"),
    ("token", "T", "a DeviceManagementApps.ReadWrite.All token"),
    ("read-only-token", "T", "a DeviceManagementApps.Read.All token: enables the 403-on-write checks"),
    ("other-tenant-token", "T", "another tenant's token: enables the tenant-isolation checks"),
    ("configuration-id", "ID", "work in this configuration instead of creating one"),
    ("seed", "N", "the run's seed"),
    ("max-examples", "N", "generated cases per operation and phase"),
    ("report-dir", "DIR", "also write junit.xml and report.html there"),
    ("only", "SIDE", "both, server or client"),
)
_RESULTS = pytest.StashKey[list[CheckResult]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "iOS LOB assignments conformance suite")
    for name, metavar, text in _FLAGS:
        group.addoption(f"--conformance-{name}", metavar=metavar, default=None, help=text)


def options_from(config: pytest.Config) -> RunOptions:
    """The CLI's parser fills the defaults (env vars included); pytest's options override them."""
    argv: list[str] = []
    for name, _metavar, _text in _FLAGS:
        value = config.getoption(f"--conformance-{name}")
        if value is not None:
            argv += [f"--{name}", str(value)]
    args = cli.parser().parse_args(argv)
    if config.getoption("--conformance-report-dir") is None and not os.environ.get("CONFORMANCE_REPORT_DIR"):
        args.report_dir = None  # under pytest, reports are written only when asked for
    return cli.options_from(args)


def run_once(config: pytest.Config) -> list[CheckResult]:
    if _RESULTS not in config.stash:
        from conformance.reporting import html, junit
        from conformance.runner import run_suite

        reporter = config.pluginmanager.get_plugin("terminalreporter")
        say = (lambda line: reporter.write_line(line)) if reporter is not None and config.option.verbose > 0 else None
        try:
            options = options_from(config)
            info, results = run_suite(options, say or (lambda _line: None))
        except TargetError as exc:
            raise pytest.UsageError(f"conformance: {exc}") from None
        if options.report_dir is not None:
            Path(options.report_dir).mkdir(parents=True, exist_ok=True)
            junit.write(Path(options.report_dir) / "junit.xml", info, results)
            html.write(Path(options.report_dir) / "report.html", info, results)
        config.stash[_RESULTS] = results
    return config.stash[_RESULTS]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "conformance_result" in metafunc.fixturenames:
        results = run_once(metafunc.config)
        ids = [f"{r.side.value}::{r.operation}::{r.check}" for r in results]
        metafunc.parametrize("conformance_result", results, ids=ids)


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
