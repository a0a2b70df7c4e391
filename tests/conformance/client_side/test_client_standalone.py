"""`python -m conformance.client_side`: usage errors exit 2 with a one-line reason."""

from __future__ import annotations

import pytest

from conformance.client_side.__main__ import main


@pytest.mark.parametrize("argv", [["--max-examples", "0"], ["--no-such-flag"], ["--base-url", "http://x/beta"]])
def test_usage_errors_exit_2(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFORMANCE_TOKEN", raising=False)
    assert main(argv) == 2
