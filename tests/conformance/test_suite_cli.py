"""The command line: --help as the README shows it, env-var defaults, and one-line exit-2 reasons."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ios_lob_kit.conformance import cli, engine, runner
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.errors import EngineError
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.conformance.target import Target, probe
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.test_suite_prism import EXPECTED_FAILING

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("<!-- conformance-usage:start", 1)[1].split("<!-- conformance-usage:end -->", 1)[0]


def _usage_block() -> str:
    match = re.search(r"```text\n(.*?)```", _readme_section(), re.DOTALL)
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
    ("name", "value", "said"),
    [
        ("SEED", "abc", "argument --seed: CONFORMANCE_SEED='abc' is not an integer"),
        ("MAX_EXAMPLES", "many", "argument --max-examples: CONFORMANCE_MAX_EXAMPLES='many' is not an integer"),
        ("ONLY", "bogus", "argument --only: CONFORMANCE_ONLY='bogus' is not one of: both, server, client"),
    ],
)
def test_a_bad_environment_value_is_a_usage_error_naming_the_option_and_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(f"CONFORMANCE_{name}", value)
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])
    assert exit_info.value.code == cli.EXIT_USAGE
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"error: {said}")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--only", "bogus"], "argument --only: 'bogus' is not one of: both, server, client"),
        (["--seed", "x"], "argument --seed: 'x' is not an integer"),
    ],
)
def test_a_bad_flag_value_names_the_option_and_the_valid_values(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    monkeypatch.setenv("CONFORMANCE_ONLY", "server")  # a flag wins: its value, not the variable's, is named
    with pytest.raises(SystemExit):
        cli.main(argv)
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"error: {said}")


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
        [
            sys.executable,
            "-m",
            "ios_lob_kit.conformance",
            "--only",
            "server",
            "--max-examples",
            "1",
            "--report-dir",
            str(tmp_path),
        ],
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


def test_readme_lists_the_prism_failures_the_prism_test_asserts() -> None:
    paragraph = _readme_section().split("Being stateless", 1)[1].split("A test runs", 1)[0]
    assert set(re.findall(r"`([a-z0-9_]+)`", paragraph)) == EXPECTED_FAILING


@pytest.mark.parametrize("option", ["--read-only-token", "--other-tenant-token"])
def test_a_rejected_optional_token_is_exit_2_naming_its_option(capsys: pytest.CaptureFixture[str], option: str) -> None:
    """A typo in an optional token must not turn into six failed checks against a healthy server."""
    app, tokens = healthy_app()
    with serve(app) as base_url:
        err = _one_line_error(capsys, ["--base-url", base_url, "--token", tokens.read_write.token, option, "typo-d"])
    assert f"rejected the {option}" in err
    assert "typo-d" not in err
    assert tokens.read_write.token not in err


def test_every_valid_token_passes_the_probe() -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        probe(
            Target(base_url, fixed(tokens.read_write.token), tokens.read_only.token, tokens.other_tenant.token, False)
        )


@pytest.mark.parametrize("bad", ["a-file", "a-file/reports"])
def test_a_bad_report_dir_is_exit_2_before_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    report_dir = tmp_path / bad
    # An unreachable URL: the report folder is checked first, so the error is about the folder.
    err = _one_line_error(
        capsys, ["--base-url", "http://127.0.0.1:9/beta", "--token", "t", "--report-dir", str(report_dir)]
    )
    assert err.startswith(f"error: --report-dir {report_dir}: ")


def test_a_new_report_dir_is_created_by_the_options(tmp_path: Path) -> None:
    report_dir = tmp_path / "new" / "reports"
    cli.options_from(cli.parser().parse_args(["--report-dir", str(report_dir)]))
    assert report_dir.is_dir()


def test_a_requested_side_without_results_fails_the_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A client side that yields nothing (say, broken by a bad checkout) must never pass as \"0 checks\"."""
    monkeypatch.setattr(runner, "run_client_side", lambda *_args: iter(()))
    app, tokens = healthy_app()
    with serve(app) as base_url:
        argv = ["--base-url", base_url, "--token", tokens.read_write.token, "--only", "client"]
        code = cli.main([*argv, "--report-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_FAILED
    assert "The client side produced no result" in out
    assert "Verdict: FAILED" in out


def test_a_crash_inside_the_suite_ends_in_a_failed_verdict_and_reports(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def crashing(*_args: object) -> Iterator[CheckResult]:
        yield CheckResult(Side.CLIENT, "getAssignment", "request_query", Outcome.PASSED, 1)
        raise ValueError("a bug of ours")

    monkeypatch.setattr(runner, "run_client_side", crashing)
    app, tokens = healthy_app()
    with serve(app) as base_url:
        argv = ["--base-url", base_url, "--token", tokens.read_write.token, "--only", "client"]
        code = cli.main([*argv, "--report-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_FAILED
    assert "ValueError: a bug of ours (after 1 results" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Verdict: FAILED" in out


def test_tokens_are_not_in_the_repr_of_options_or_target() -> None:
    options = RunOptions("http://x/beta", "tok-rw", read_only_token="tok-ro", other_tenant_token="tok-ot")
    target = Target("http://x/beta", fixed("tok-rw"), "tok-ro", "tok-ot", embedded=False)
    for shown in (repr(options), repr(target)):
        assert "http://x/beta" in shown
        assert "tok-" not in shown


def _refusing_engine(token: str) -> object:
    def execute(_schema: object) -> object:
        raise EngineError(f"SchemaError: refused while sending Bearer {token}")

    return execute


def test_a_fatal_engine_error_is_exit_2_in_one_line_without_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, tokens = healthy_app()
    monkeypatch.setattr(engine, "execute", _refusing_engine(tokens.read_write.token))
    with serve(app) as base_url:
        code = cli.main(["--base-url", base_url, "--token", tokens.read_write.token, "--only", "server"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert err.splitlines()[-1] == "error: SchemaError: refused while sending Bearer [REDACTED]"  # after progress
    assert "Traceback" not in err


def test_the_pytest_plugin_reports_a_fatal_engine_error_as_the_cli_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """One usage line naming the suite, no pluggy traceback (the plugin runs in-process here)."""
    app, tokens = healthy_app()
    monkeypatch.setattr(engine, "execute", _refusing_engine(tokens.read_write.token))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    with serve(app) as base_url:
        code = pytest.main(
            ["-q", "-p", "no:cacheprovider", "-p", "ios_lob_kit.conformance.pytest_plugin", "--pyargs",
             "ios_lob_kit.conformance.pytest_suite",
             f"--conformance-base-url={base_url}", f"--conformance-token={tokens.read_write.token}",
             "--conformance-only=server"]
        )  # fmt: skip
    captured = capsys.readouterr()
    assert code == pytest.ExitCode.USAGE_ERROR
    assert "conformance: SchemaError: refused while sending Bearer [REDACTED]" in captured.err
    assert "Traceback" not in captured.out + captured.err
    assert tokens.read_write.token not in captured.out + captured.err


def test_a_token_that_cannot_write_given_as_token_is_exit_2_at_start(capsys: pytest.CaptureFixture[str]) -> None:
    """A read-only token given as the read-write one: the vendor's server is right to refuse, the user is told."""
    app, tokens = healthy_app()
    with serve(app) as base_url:
        err = _one_line_error(capsys, ["--base-url", base_url, "--token", tokens.read_only.token])
    assert err.startswith("error: the --token cannot write: createConfiguration answered 403 (")
    assert "b'" not in err
    assert 'b"' not in err
    assert tokens.read_only.token not in err


def _help_first_line(command: list[str], env: dict[str, str] | None = None) -> str:
    """The usage text on one line: argparse wraps it after a long program name (a deep checkout's python)."""
    done = subprocess.run(
        [*command, "--help"], capture_output=True, text=True, timeout=120, check=True, env=env or dict(os.environ)
    )
    return " ".join(done.stdout.split("\n\n", 1)[0].split())


def test_the_command_names_itself_as_it_was_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`usage:` and the replay line say what the user typed: the console script, scripts/conformance, python -m."""
    env = {k: v for k, v in os.environ.items() if k != cli.PROGRAM_VARIABLE}
    assert _help_first_line([sys.executable, "-m", "ios_lob_kit.conformance"], env).startswith(
        f"usage: {sys.executable} -m ios_lob_kit.conformance [-h]"
    )
    console_script = Path(sys.executable).with_name("ios-lob-conformance")
    if console_script.exists():  # installed with the project (pip install -e .)
        on_path = {**env, "PATH": f"{console_script.parent}{os.pathsep}{env.get('PATH', '')}"}
        assert _help_first_line(["ios-lob-conformance"], on_path).startswith("usage: ios-lob-conformance [-h]")
    wrapper = {**env, cli.PROGRAM_VARIABLE: "scripts/conformance"}  # what scripts/conformance exports: its $0
    python_m = [sys.executable, "-m", "ios_lob_kit.conformance"]
    assert _help_first_line(python_m, wrapper).startswith("usage: scripts/conformance [-h]")
    assert 'IOS_LOB_CONFORMANCE_PROGRAM="$0"' in (README.parent / "scripts" / "conformance").read_text(encoding="utf-8")
    monkeypatch.delenv("CONFORMANCE_SEED", raising=False)
    args = cli.parser("ios-lob-conformance").parse_args(["--max-examples", "3", "--only", "server"])
    assert cli.options_from(args).replay_command().startswith("ios-lob-conformance --seed 0 --max-examples 3")


@pytest.mark.slow
def test_a_run_leaves_no_hypothesis_folder_in_the_current_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONFORMANCE_", "HYPOTHESIS_"))}
    command = [
        sys.executable,
        "-m",
        "ios_lob_kit.conformance",
        "--only",
        "client",
        "--max-examples",
        "1",
        "--report-dir",
        "r",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env, cwd=tmp_path)
    assert done.returncode == cli.EXIT_PASSED, done.stdout[-2000:]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r"]
