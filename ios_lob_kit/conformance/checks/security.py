"""Security probes: ambiguous or hostile requests a server must refuse (4xx) without changing anything.

Each is a scenario (`(ScenarioContext) -> None` raising `CheckFailed`) on a scratch configuration with one
assignment. A 2xx means the server guessed at an ambiguous request or let a hostile one through; a 5xx
means it broke on it; either way, and whenever the owner's view changed, the check fails.
"""

from __future__ import annotations

from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.checks.scenarios import Scenario, ScenarioContext, owner_view, probe
from ios_lob_kit.conformance.errors import CheckFailed
from ios_lob_kit.conformance.redact import MADE_UP_TOKEN

__all__ = ["SECURITY_SCENARIOS"]

NESTING = 1000  # far past any sane limit (System.Text.Json and Json.NET stop at 64)


def _refused(ex: Exchange, what: str) -> None:
    if not 400 <= ex.status < 500:  # the failure's example shows the answer
        raise CheckFailed(f"{what} not refused", f"{ex.method} {ex.url} answered {ex.status}, expected a 4xx")


def _unchanged(ctx: ScenarioContext, operation: str, config: str, before: Any, ex: Exchange, what: str) -> None:
    after = owner_view(ctx, operation, config)
    if after != before:
        shown = f"before: {str(before)[:300]}; after: {str(after)[:300]}"
        raise CheckFailed(f"{what} changed data", f"{ex.method} {ex.url} answered {ex.status}; {shown}")


def ambiguous_authorization(ctx: ScenarioContext) -> None:
    """Two `Authorization` headers, a bad token and a good one in either order: refused, nothing deleted."""
    good = ctx.api.bearer()
    bad = f"Bearer {MADE_UP_TOKEN}"
    pairs = [(bad, good), (good, bad)]
    if ctx.read_only is not None:
        pairs.append((ctx.read_only.bearer(), good))
    for first, second in pairs:
        with probe(ctx) as (config, _assignment):
            before = owner_view(ctx, "deleteConfiguration", config)
            headers = [("Authorization", first), ("Authorization", second)]
            ex = ctx.api.send_raw("deleteConfiguration", "DELETE", _path("deleteConfiguration", config), headers)
            _refused(ex, "Two Authorization headers")
            _unchanged(ctx, "deleteConfiguration", config, before, ex, "Two Authorization headers")


def encoded_separator_in_id(ctx: ScenarioContext) -> None:
    """An id holding `%2F` is one id: `DELETE .../{config}%2Fassignments%2F{assignment}` deletes nothing."""
    with probe(ctx) as (config, assignment):
        before = owner_view(ctx, "deleteConfiguration", config)
        path = _path("deleteConfiguration", f"{config}%2Fassignments%2F{assignment}")
        ex = ctx.api.send_raw("deleteConfiguration", "DELETE", path, [("Authorization", ctx.api.bearer())])
        _refused(ex, "An id with an encoded '/'")
        _unchanged(ctx, "deleteConfiguration", config, before, ex, "An id with an encoded '/'")


def _json_write(ctx: ScenarioContext, operation: str, config: str, body: bytes, what: str) -> None:
    """`operation` on `config` with a JSON `body` that must be refused and change nothing."""
    method, path = spec.operations()[operation][0], _path(operation, config)
    before = owner_view(ctx, operation, config)
    headers = [("Authorization", ctx.api.bearer()), ("Content-Type", "application/json")]
    ex = ctx.api.send_raw(operation, method, path, headers, body)
    _refused(ex, what)
    _unchanged(ctx, operation, config, before, ex, what)


def deep_nesting(ctx: ScenarioContext) -> None:
    """A target nested 1,000 levels deep where the schema looks: a 4xx (a limit), never a 5xx or a write."""
    inner = b"[" * NESTING + b"]" * NESTING
    body = b'{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": ' + inner + b"}}"
    with probe(ctx) as (config, _assignment):
        _json_write(ctx, "createAssignment", config, body, "JSON nested 1,000 deep")


def duplicate_keys(ctx: ScenarioContext) -> None:
    """`{"displayName": "a", "displayName": "b"}`: which one was meant is ambiguous, so it is refused."""
    body = b'{"displayName": "first of two", "displayName": "second of two"}'
    with probe(ctx) as (config, _assignment):
        _json_write(ctx, "updateConfiguration", config, body, "A JSON key given twice")


def ambiguous_content_type(ctx: ScenarioContext) -> None:
    """Two `Content-Type` headers (either order), or `charset` given twice: refused, nothing created."""
    body = b'{"displayName": "ambiguous content type"}'
    variants = [
        [("Content-Type", "application/json"), ("Content-Type", "text/plain")],
        [("Content-Type", "text/plain"), ("Content-Type", "application/json")],
        [("Content-Type", "application/json; charset=utf-8; charset=iso-8859-1")],
    ]
    for headers in variants:
        before = owner_view(ctx, "createConfiguration", "")
        sent = [("Authorization", ctx.api.bearer()), *headers]
        ex = ctx.api.send_raw("createConfiguration", "POST", _path("createConfiguration"), sent, body)
        created = ex.response_json() if 200 <= ex.status < 300 else None
        try:
            _refused(ex, "An ambiguous Content-Type")
            _unchanged(ctx, "createConfiguration", "", before, ex, "An ambiguous Content-Type")
        finally:
            if isinstance(created, dict) and isinstance(created.get("id"), str):
                ctx.api.call("deleteConfiguration", config=created["id"])


def _path(operation: str, config: str = "") -> str:
    """The operation's path for `config` (inserted as given: already percent-encoded), relative to the base."""
    template = spec.operations()[operation][1]
    return template.replace(f"{{{spec.CONFIGURATION_ID}}}", config).lstrip("/")


SECURITY_SCENARIOS: tuple[Scenario, ...] = (
    Scenario("ambiguous_authorization", "deleteConfiguration", ambiguous_authorization),
    Scenario("encoded_separator_in_id", "deleteConfiguration", encoded_separator_in_id),
    Scenario("deep_nesting", "createAssignment", deep_nesting),
    Scenario("duplicate_keys", "updateConfiguration", duplicate_keys),
    Scenario("ambiguous_content_type", "createConfiguration", ambiguous_content_type),
)
