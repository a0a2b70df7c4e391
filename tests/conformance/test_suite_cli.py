"""The command line: --help as the README shows it, env-var defaults, and one-line exit-2 reasons."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import cli
from conformance.options import Only
from conformance.redact import Redactor
from conformance.results import CheckResult, Failure, Outcome, Side
from tests.conformance.broken_servers import healthy_app, serve

README = Path(__file__).resolve().parents[2] / "README.md"


def _usage_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- conformance-usage:start", 1)[1].split("<!-- conformance-usage:end -->", 1)[0]
    match = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert match, "the README's conformance section has no ```text block with --help"
    return match.group(1)


def test_readme_shows_the_real_help(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BASE_URL", "TOKEN", "MAX_EXAMPLES", "SEED", "REPORT_DIR", "ONLY"):
        monkeypatch.delenv(f"CONFORMANCE_{name}", raising=False)
    assert _usage_block() == cli.parser().format_help()


def test_options_default_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFORMANCE_BASE_URL", "http://example.test/beta")
    monkeypatch.setenv("CONFORMANCE_TOKEN", "t-env")
    monkeypatch.setenv("CONFORMANCE_SEED", "7")
    monkeypatch.setenv("CONFORMANCE_ONLY", "server")
    options = cli.options_from(cli.parser().parse_args([]))
    assert (options.base_url, options.token) == ("http://example.test/beta", "t-env")
    assert (options.seed, options.only) == (7, Only.SERVER)
    assert cli.options_from(cli.parser().parse_args(["--seed", "3"])).seed == 3


@pytest.mark.parametrize(
    ("name", "value", "option"),
    [("SEED", "x", "--seed"), ("MAX_EXAMPLES", "many", "--max-examples"), ("ONLY", "bogus", "--only")],
)
def test_a_bad_environment_value_is_a_usage_error_naming_the_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str, option: str
) -> None:
    monkeypatch.setenv(f"CONFORMANCE_{name}", value)
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])
    assert exit_info.value.code == cli.EXIT_USAGE
    assert f"argument {option}: invalid" in capsys.readouterr().err


def _one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert cli.main(argv) == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_unreachable_url_is_exit_2_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    err = _one_line_error(capsys, ["--base-url", "http://127.0.0.1:9/beta", "--token", "secret-token-1"])
    assert err.startswith("error: cannot reach http://127.0.0.1:9/beta")
    assert "secret-token-1" not in err


def test_missing_token_is_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFORMANCE_TOKEN", raising=False)
    assert "--token" in _one_line_error(capsys, ["--base-url", "http://127.0.0.1:9/beta"])


def test_rejected_token_is_exit_2_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    app, _tokens = healthy_app()
    with serve(app) as base_url:
        err = _one_line_error(capsys, ["--base-url", base_url, "--token", "not-a-real-token"])
    assert "rejected the token" in err
    assert "not-a-real-token" not in err


def test_wrong_base_path_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        root = base_url.removesuffix("/beta")
        err = _one_line_error(capsys, ["--base-url", root, "--token", tokens.read_write.token])
    assert "/beta" in err


@pytest.mark.slow
def test_default_command_passes_against_the_embedded_server(tmp_path: Path) -> None:
    """The README's first command, at a tiny budget: embedded server, fresh database, its dev tokens."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFORMANCE_")}
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "--only", "server", "--max-examples", "1", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert done.returncode == cli.EXIT_PASSED, done.stdout[-3000:]
    assert "Verdict: PASSED" in done.stdout
    assert "embedded reference server at http://127.0.0.1:" in done.stdout
    assert " failed, 0 skipped" in done.stdout  # its dev tokens enable the read-only and tenant checks
    assert (tmp_path / "junit.xml").exists()
    assert (tmp_path / "report.html").exists()


def test_redactor_covers_results_made_elsewhere() -> None:
    failure = Failure("t s3cret", "m s3cret", "e s3cret", curl="curl -H 'Authorization: Bearer other'", replay="r")
    result = CheckResult(Side.CLIENT, "op", "check", Outcome.FAILED, 1, (failure,))
    shown = repr(Redactor(["s3cret"]).result(result))
    assert "s3cret" not in shown
    assert "Bearer other" not in shown


def test_unknown_configuration_id_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        argv = ["--base-url", base_url, "--token", tokens.read_write.token, "--configuration-id", "nope"]
        assert "--configuration-id nope" in _one_line_error(capsys, argv)
