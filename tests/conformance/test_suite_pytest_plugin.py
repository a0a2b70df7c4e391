"""The same suite as plain pytest (a vendor's CI): one test per side, operation and check."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ios_lob_kit.conformance.options import FLAGS
from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.catalogue import no_request_id

pytestmark = pytest.mark.slow


def test_pytest_run_reports_each_check_as_a_test(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # a vendor's project, not this one
    app, tokens = healthy_app()
    with serve(no_request_id(app, tokens)) as base_url:
        done = subprocess.run(
            [
                sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "-p", "ios_lob_kit.conformance.pytest_plugin", "--pyargs", "ios_lob_kit.conformance.pytest_suite",
                "--junitxml", str(tmp_path / "out.xml"),
                "--conformance-base-url", base_url,
                "--conformance-token", tokens.read_write.token,
                "--conformance-max-examples", "1",
                "--conformance-only", "server",
            ],
            capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
        )  # fmt: skip
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert tokens.read_write.token not in done.stdout + done.stderr
    cases = {case.attrib["name"]: case for case in ET.parse(tmp_path / "out.xml").getroot().iter("testcase")}
    assert cases["test_conformance[server::listConfigurations::request_id]"].find("failure") is not None
    assert cases["test_conformance[server::createConfiguration::read_after_write]"].find("failure") is None
    skipped = cases["test_conformance[server::createConfiguration::read_only_forbidden]"].find("skipped")
    assert skipped is not None
    assert "read-only token" in skipped.attrib["message"]


def test_plugin_options_say_what_the_cli_says(tmp_path: Path) -> None:
    """One table of options: under pytest each flag has the CLI's help (e.g. the configuration is only read)."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "ios_lob_kit.conformance.pytest_plugin", "--help"],
        capture_output=True, text=True, timeout=120, check=True, cwd=tmp_path,
    )  # fmt: skip
    shown = " ".join(done.stdout.split())
    for flag in FLAGS:
        assert f"--conformance-{flag.name}" in shown
    assert "also read this existing configuration (never written: writes go to a scratch one the run deletes)" in shown
    assert "work in this configuration" not in shown


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("--conformance-max-examples=0", "--conformance-max-examples must be at least 1"),
        ("--conformance-read-only", "--conformance-read-only needs --conformance-configuration-id: the existing"),
        ("--conformance-max-writes=2", "--conformance-max-writes 2: a run needs at least 3"),
        ("--conformance-rate-limit=5/x", "--conformance-rate-limit 5/x: expected requests per unit"),
        # the app registration's options reach the same parsing as the CLI's
        ("--conformance-client-id=app", "an app registration needs --conformance-tenant-id (or AZURE_TENANT_ID"),
    ],
)
def test_plugin_usage_error_is_one_line_naming_the_pytest_option(
    given: str, said: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bad value (or a switch without what it needs) ends the session in one line, with the options spelled
    as pytest takes them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    code = pytest.main(
        ["-q", "-p", "no:cacheprovider", "-p", "ios_lob_kit.conformance.pytest_plugin", "--pyargs",
         "ios_lob_kit.conformance.pytest_suite",
         "--conformance-base-url=http://127.0.0.1:9/beta", "--conformance-token=t", given]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == pytest.ExitCode.USAGE_ERROR
    lines = [line for line in captured.err.splitlines() if "conformance:" in line]
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"ERROR: conformance: {said}"), captured.err
    assert "Traceback" not in captured.out + captured.err


@pytest.mark.parametrize(
    ("which", "said"),
    [
        ("wrong", "the target rejected the token (401 at "),
        ("read_only", "the --conformance-token cannot write: createConfiguration answered 403 ("),
    ],
)
def test_plugin_with_a_token_it_cannot_use_is_one_line_naming_conformance_token(
    which: str, said: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A wrong token (or a read-only one as the read-write token): one line naming pytest's option, no
    pluggy traceback, no token."""
    app, tokens = healthy_app()
    token = tokens.read_only.token if which == "read_only" else "not-the-token"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    with serve(app) as base_url:
        code = pytest.main(
            ["-q", "-p", "no:cacheprovider", "-p", "ios_lob_kit.conformance.pytest_plugin", "--pyargs",
             "ios_lob_kit.conformance.pytest_suite",
             f"--conformance-base-url={base_url}", f"--conformance-token={token}"]
        )  # fmt: skip
    captured = capsys.readouterr()
    assert code == pytest.ExitCode.USAGE_ERROR
    lines = [line for line in captured.err.splitlines() if "conformance:" in line]
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"ERROR: conformance: {said}"), captured.err
    assert re.search(r"(?<![\w-])--token\b", captured.err) is None  # the CLI's name is not pytest's
    assert "Traceback" not in captured.out + captured.err
    assert token not in captured.out + captured.err
