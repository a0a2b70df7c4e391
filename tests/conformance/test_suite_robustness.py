"""Whatever a server answers, the suite ends with findings against the server, never a crash of its own.

Each server below answers something no client should have to survive (ids with control characters or
URL syntax, huge or missing bodies, non-JSON, ids that are not strings): the run must fail with
findings against the server and never report a `suite_error`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.types import ASGIApp

from ios_lob_kit.conformance.results import Outcome, verdict
from tests.conformance.broken_servers import Exchange, Rewrite, healthy_app, serve
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow


def _ids(rewrite: Callable[[str], Any]) -> Callable[[ASGIApp], ASGIApp]:
    """Every `id` in a JSON answer (the entity's or a listed item's) rewritten."""

    def wrap(app: ASGIApp) -> ASGIApp:
        def after(ex: Exchange) -> None:
            body = ex.json() if ex.response_headers.get("content-type", "").startswith("application/json") else None
            if not isinstance(body, dict):
                return
            for item in [body, *[v for v in body.get("value", []) if isinstance(v, dict)]]:
                if isinstance(item.get("id"), str):
                    item["id"] = rewrite(item["id"])
            ex.set_json(body)

        return Rewrite(app, after=after)

    return wrap


def _answers(status: int, body: bytes, media: str | None) -> Callable[[ASGIApp], ASGIApp]:
    """Every successful write answered `status` with `body` (and `media` as Content-Type, if any)."""

    def wrap(app: ASGIApp) -> ASGIApp:
        def after(ex: Exchange) -> None:
            if ex.method != "GET" and 200 <= ex.status < 300:
                ex.status, ex.response_body = status, body
                ex.response_headers.pop("content-type", None)
                if media:
                    ex.response_headers["content-type"] = media

        return Rewrite(app, after=after)

    return wrap


HOSTILE: dict[str, Callable[[ASGIApp], ASGIApp]] = {
    "carriage_return_in_id": _ids(lambda i: i[:8] + "\r\n" + i[8:]),
    "nul_in_id": _ids(lambda i: i + "\x00"),
    "url_syntax_in_id": _ids(lambda i: f"../{i}?x=1#y"),
    "dot_dot_id": _ids(lambda _i: ".."),
    "numeric_id": _ids(lambda _i: 42),
    "null_id": _ids(lambda _i: None),
    "huge_id": _ids(lambda i: i * 300),
    "no_body": _answers(201, b"", None),
    "not_json": _answers(201, b"<html>ok</html>", "application/json"),
    "json_array": _answers(201, b"[1, 2, 3]", "application/json"),
    "huge_body": _answers(201, b'{"id": "' + b"x" * 1_000_000 + b'"}', "application/json"),
}


def _crashes(wrap: Callable[[ASGIApp], ASGIApp], phases: tuple[str, ...]) -> list[tuple[str, str]]:
    """The run's `suite_error`s against the hostile server (its verdict must be a failure all the same)."""
    app, tokens = healthy_app()
    with serve(wrap(app)) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens, phases=phases))
    assert verdict(results) is Outcome.FAILED
    return [(r.check, r.failures[0].message[:300]) for r in results if r.check == "suite_error"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_answers_are_findings_not_suite_errors(name: str) -> None:
    assert _crashes(HOSTILE[name], ()) == []


def test_schemathesis_phases_survive_control_characters_in_ids() -> None:
    """Stateful testing follows the spec's links with the ids answered: those must not crash it either."""
    assert _crashes(HOSTILE["carriage_return_in_id"], ("examples", "stateful")) == []
