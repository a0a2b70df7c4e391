"""Listings are read to their last page: with one item per page the healthy server still passes, and an
assignment deleted but still listed on a later page is still caught."""

from __future__ import annotations

import pytest
from starlette.types import ASGIApp

from ios_lob_kit.conformance.results import Outcome, verdict
from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from tests.conformance.broken_servers import ASSIGNMENT_ITEM, Exchange, Rewrite, Tokens, serve
from tests.conformance.broken_servers.catalogue import _json_headers
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow


def _one_item_pages() -> tuple[ASGIApp, Tokens]:
    grants = dev_tokens()
    return create_app(ServerConfig(db_path=None, tokens=grants, page_size=1)), Tokens(*grants)


def _deleted_but_listed(app: ASGIApp) -> ASGIApp:
    """DELETE of an assignment answers 204 and GET then 404, but the listing keeps it."""
    deleted: set[str] = set()

    def before(ex: Exchange) -> None:
        if not ASSIGNMENT_ITEM.match(ex.path) or ex.method not in ("DELETE", "GET"):
            return
        if ex.method == "DELETE":
            deleted.add(ex.path)
        elif ex.path not in deleted:
            return
        _json_headers(ex)
        ex.status = 204 if ex.method == "DELETE" else 404
        ex.set_json({"error": {"code": "ResourceNotFound", "message": "gone (but listed)"}})
        if ex.status == 204:
            ex.response_body = b""
            ex.response_headers.pop("content-type")

    return Rewrite(app, before=before)


def test_one_item_pages_pass() -> None:
    app, tokens = _one_item_pages()
    with serve(app) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens, phases=("examples",)))
    # The examples alone do not reach every operation successfully: that is `exercised`, not paging.
    paging = [r for r in results if r.check != "exercised"]
    assert [(r.operation, r.check, r.failures[0].message) for r in paging if r.failures] == []
    assert verdict(paging) is Outcome.PASSED


def test_deleted_assignment_listed_on_a_later_page_is_caught() -> None:
    app, tokens = _one_item_pages()
    with serve(_deleted_but_listed(app)) as base_url:
        _info, results = run_server_side(options_for(base_url, tokens, phases=()))
    caught = [r for r in results if (r.operation, r.check) == ("deleteAssignment", "delete_removes")]
    assert [f.title for r in caught for f in r.failures] == ["Deleted assignment still listed"]
