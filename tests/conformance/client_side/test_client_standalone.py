"""`python -m ios_lob_kit.conformance.client_side`: usage errors exit 2 with a one-line reason; no token in its
output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ios_lob_kit.conformance.client_side import __main__ as standalone
from ios_lob_kit.conformance.credentials import TokenSource
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, Side
from ios_lob_kit.conformance.stream import ClientStep


@pytest.mark.parametrize("argv", [["--max-examples", "0"], ["--no-such-flag"], ["--base-url", "http://x/beta"]])
def test_usage_errors_exit_2(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFORMANCE_TOKEN", raising=False)
    assert standalone.main(argv) == 2


def test_failures_are_printed_redacted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An end-to-end failure that quotes the token (as a server's error page might) prints it redacted."""
    seen: list[RunOptions] = []

    def leaky(options: RunOptions, _base_url: Any, credential: TokenSource, progress: Any) -> Iterator[CheckResult]:
        seen.append(options)
        token = credential()
        progress(ClientStep(f"calling with {token}"))
        failure = Failure(f"rejected {token}", f"the server said: bad token {token}", f"GET /x?t={token}")
        yield CheckResult(Side.CLIENT, "getAssignment", "end_to_end", Outcome.FAILED, 1, (failure,), f"r {token}")

    monkeypatch.setenv("CONFORMANCE_TOKEN", "s3cret-token-value")
    monkeypatch.setattr(standalone, "run_client_side", leaky)
    assert standalone.main(["--base-url", "http://127.0.0.1:9/beta"]) == 1
    out, err = capsys.readouterr()
    assert "s3cret-token-value" not in out + err
    assert "the server said: bad token [REDACTED]" in out
    assert seen[0].max_examples == RunOptions.max_examples  # the same default budget as the main command
