"""Credentials in a base URL (`https://user:password@host`) are redacted wherever tokens are."""

from __future__ import annotations

import pytest

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.checks.exchange import Exchange as ExchangeSeen
from ios_lob_kit.conformance.checks.exchange import curl
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.redact import MADE_UP_TOKEN, Redactor
from ios_lob_kit.conformance.reporting import console, html, junit
from ios_lob_kit.conformance.runner import run_suite
from tests.conformance.broken_servers import Exchange, Rewrite, healthy_app, serve


def test_redactor_removes_url_userinfo_and_basic_credentials() -> None:
    redact = Redactor([])
    text = "curl -H 'Authorization: Basic YWxpY2U6cGE1NQ==' 'http://alice:pa55@h:1/beta/x?a=b@c'"
    assert redact(text) == "curl -H 'Authorization: Basic [REDACTED]' 'http://[REDACTED]@h:1/beta/x?a=b@c'"
    assert redact("a basic check of http://h/a@b") == "a basic check of http://h/a@b"  # nothing to redact


def test_an_unreachable_url_with_userinfo_is_said_without_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--base-url", "http://alice:pa55@127.0.0.1:9/beta", "--token", "t"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "cannot reach http://[REDACTED]@127.0.0.1:9/beta" in err
    assert "alice" not in err
    assert "pa55" not in err


def test_userinfo_reaches_no_report() -> None:
    """A run through a proxy that takes basic credentials: console, JUnit, HTML and replay stay clean."""
    app, tokens = healthy_app()

    def basic_to_bearer(exchange: Exchange) -> None:  # httpx sends the URL's userinfo as basic auth
        exchange.headers["authorization"] = f"Bearer {tokens.read_write.token}"

    with serve(Rewrite(app, before=basic_to_bearer)) as base_url:
        options = RunOptions(
            base_url=base_url.replace("http://", "http://alice:pa55word@"),
            token=tokens.read_write.token,
            read_only_token=tokens.read_only.token,  # refused nothing behind the proxy: failures to show
            only=Only.SERVER,
            phases=(),
        )
        info, results = run_suite(options, lambda line: None)
    shown = [console.render(info, results), junit.render(info, results), html.render(info, results)]
    assert any(r.failures for r in results)
    assert "http://[REDACTED]@127.0.0.1:" in info.target
    assert "--base-url http://[REDACTED]@127.0.0.1:" in info.replay_command
    assert not [text[:200] for text in shown if "alice" in text or "pa55word" in text]


def _exchange(authorization: str) -> ExchangeSeen:
    return ExchangeSeen(
        operation_id="getConfiguration",
        method="GET",
        url="http://127.0.0.1:1/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c",
        request_headers={"authorization": authorization},
        request_body=None,
        status=200,
        response_headers={"content-type": "application/json"},
        response_body=b"{}",
    )


def test_a_reproduction_reads_the_run_s_tokens_from_their_variables_and_shows_no_other() -> None:
    """The curl pastes and runs once CONFORMANCE_TOKEN is exported; a token it does not know stays redacted."""
    variables = {"rw-s3cret": "CONFORMANCE_TOKEN", "ro-s3cret": "CONFORMANCE_READ_ONLY_TOKEN"}
    redact = Redactor(["rw-s3cret", "ro-s3cret"])
    read_write = redact(curl(_exchange("Bearer rw-s3cret"), variables.get))
    assert '-H "authorization: Bearer $CONFORMANCE_TOKEN"' in read_write
    assert '-H "authorization: Bearer $CONFORMANCE_READ_ONLY_TOKEN"' in redact(
        curl(_exchange("Bearer ro-s3cret"), variables.get)
    )
    unknown = redact(curl(_exchange("Bearer vendor-s3cret"), variables.get))
    assert "-H 'authorization: Bearer [REDACTED]'" in unknown
    assert "s3cret" not in read_write + unknown
    # a secret that merely starts like a variable is still a secret
    assert redact("Authorization: Bearer $CONFORMANCE_TOKENs3cret") == "Authorization: Bearer [REDACTED]"
    assert redact(f"Bearer {MADE_UP_TOKEN}") == f"Bearer {MADE_UP_TOKEN}"  # the suite's own bad token: no secret
