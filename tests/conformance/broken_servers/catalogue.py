"""The catalogue: each broken server, what is wrong with it, and the check that must catch it.

Most entries wrap the healthy reference server in a `Rewrite` middleware (the vendor rows may instead
change one of its handlers); `phases` is the smallest set of schemathesis phases its check needs (empty:
the Graph scenarios alone catch it), to keep the tests fast.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from tests.conformance.broken_servers import (
    ASSIGNMENT_ITEM,
    ASSIGNMENT_TYPE,
    ASSIGNMENTS,
    CONFIG_ITEM,
    CONFIGS,
    Broken,
    Exchange,
    Rewrite,
    Tokens,
)
from tests.conformance.broken_servers.vendor import VENDOR_ROWS


def _json_headers(ex: Exchange) -> None:
    ex.response_headers = {"content-type": "application/json", "request-id": str(uuid.uuid4())}
    if "client-request-id" in ex.headers:
        ex.response_headers["client-request-id"] = ex.headers["client-request-id"]


def _entities(body: Any) -> list[dict[str, Any]]:
    """The entities of an answer: the body itself, or the items of a collection."""
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        return [item for item in body["value"] if isinstance(item, dict)]
    return [body] if isinstance(body, dict) else []


def _edit_entities(edit: Callable[[dict[str, Any]], None]) -> Callable[[Exchange], None]:
    def after(ex: Exchange) -> None:
        if 200 <= ex.status < 300 and ex.response_headers.get("content-type", "").startswith("application/json"):
            body = ex.json()
            for entity in _entities(body):
                edit(entity)
            ex.set_json(body)

    return after


# -- answers ------------------------------------------------------------------------------------------


def server_error_on_valid_body(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        target = (ex.request_json() or {}).get("target") if ex.method == "POST" else None
        if ASSIGNMENTS.match(ex.path) and isinstance(target, dict) and "groupId" in target and ex.status == 201:
            ex.status = 500
            ex.set_json({"error": {"code": "InternalServerError", "message": "broken on purpose"}})

    return Rewrite(app, after=after)


def undocumented_verb_served(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """A verb the spec does not list on a route is served (200) instead of refused."""

    def after(ex: Exchange) -> None:
        body = ex.json() if ex.status == 400 and ex.method != "HEAD" else None
        if isinstance(body, dict) and body.get("error", {}).get("code") == "No method match route template":
            ex.status = 200
            ex.set_json({})

    return Rewrite(app, after=after)


def invalid_body_accepted(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        if ex.method == "POST" and ASSIGNMENTS.match(ex.path) and ex.status == 400:
            ex.status = 201
            ex.set_json({"@odata.type": ASSIGNMENT_TYPE, "id": str(uuid.uuid4()), "target": None})

    return Rewrite(app, after=after)


def wrong_success_status(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        if ex.method == "POST" and ex.path == CONFIGS and ex.status == 201:
            ex.status = 200

    return Rewrite(app, after=after)


def field_mistyped(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def edit(entity: dict[str, Any]) -> None:
        if isinstance(entity.get("version"), int):
            entity["version"] = str(entity["version"])

    return Rewrite(app, after=_edit_entities(edit))


def subtype_field_dropped(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def edit(entity: dict[str, Any]) -> None:
        if isinstance(entity.get("target"), dict):
            entity["target"].pop("groupId", None)

    return Rewrite(app, after=_edit_entities(edit))


def wrong_target_type(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def edit(entity: dict[str, Any]) -> None:
        target = entity.get("target")
        if isinstance(target, dict) and target.get("@odata.type") == "#microsoft.graph.groupAssignmentTarget":
            target["@odata.type"] = "#microsoft.graph.exclusionGroupAssignmentTarget"

    return Rewrite(app, after=_edit_entities(edit))


def odata_type_not_canonical(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def edit(entity: dict[str, Any]) -> None:
        if isinstance(entity.get("@odata.type"), str):
            entity["@odata.type"] = entity["@odata.type"].lstrip("#")

    return Rewrite(app, after=_edit_entities(edit))


def error_not_odata(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        if ex.status >= 400:
            ex.set_json({"message": "something went wrong", "status": ex.status})

    return Rewrite(app, after=after)


def no_request_id(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        ex.response_headers.pop("request-id", None)

    return Rewrite(app, after=after)


def no_client_request_id(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        ex.response_headers.pop("client-request-id", None)

    return Rewrite(app, after=after)


def wrong_content_type(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def after(ex: Exchange) -> None:
        if ex.method == "GET" and ex.status == 200 and not ex.path.endswith("/$count"):
            ex.response_headers["content-type"] = "text/plain"

    return Rewrite(app, after=after)


# -- auth and tenants ---------------------------------------------------------------------------------


def _swap_token(when: Callable[[Exchange, Tokens], bool]) -> Callable[[ASGIApp, Tokens], ASGIApp]:
    def wrap(app: ASGIApp, tokens: Tokens) -> ASGIApp:
        def before(ex: Exchange) -> None:
            if when(ex, tokens):
                ex.headers["authorization"] = f"Bearer {tokens.read_write.token}"

        return Rewrite(app, before=before)

    return wrap


def _unknown_token(ex: Exchange, tokens: Tokens) -> bool:
    known = {f"Bearer {grant.token}" for grant in (tokens.read_write, tokens.read_only, tokens.other_tenant)}
    return ex.headers.get("authorization") not in known


def _read_only_writing(ex: Exchange, tokens: Tokens) -> bool:
    return ex.method != "GET" and ex.headers.get("authorization") == f"Bearer {tokens.read_only.token}"


def _other_tenant(ex: Exchange, tokens: Tokens) -> bool:
    return ex.headers.get("authorization") == f"Bearer {tokens.other_tenant.token}"


def _other_tenant_on(method: str, path: re.Pattern[str]) -> Callable[[Exchange, Tokens], bool]:
    return lambda ex, tokens: _other_tenant(ex, tokens) and ex.method == method and bool(path.match(ex.path))


def _refuse_but_apply(who: Callable[[Exchange, Tokens], bool], status: int) -> Callable[[ASGIApp, Tokens], ASGIApp]:
    """Writes by `who` run as the owner's, then are answered a well-formed `status` error all the same."""

    def wrap(app: ASGIApp, tokens: Tokens) -> ASGIApp:
        def before(ex: Exchange) -> None:
            if ex.method != "GET" and who(ex, tokens):
                ex.headers["authorization"] = f"Bearer {tokens.read_write.token}"
                ex.headers["x-refuse-anyway"] = "1"

        def after(ex: Exchange) -> None:
            if ex.headers.get("x-refuse-anyway"):
                _json_headers(ex)
                ex.status = status
                ex.set_json({"error": {"code": "Refused", "message": "refused (but applied) on purpose"}})

        return Rewrite(app, before=before, after=after)

    return wrap


def _read_only(ex: Exchange, tokens: Tokens) -> bool:
    return ex.headers.get("authorization") == f"Bearer {tokens.read_only.token}"


# -- state --------------------------------------------------------------------------------------------


def patch_replaces(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    defaults: dict[str, Any] = {  # each property's empty value (null only where the spec allows it)
        "displayName": "",
        "description": None,
        "version": 0,
        "expirationDateTime": None,
        "payloadFileName": "",
        "payload": "",
        "roleScopeTagIds": [],
    }

    def before(ex: Exchange) -> None:
        body = ex.request_json()
        if ex.method == "PATCH" and CONFIG_ITEM.match(ex.path) and isinstance(body, dict):
            ex.body = json.dumps({**defaults, **body}).encode()

    return Rewrite(app, before=before)


def deleted_still_served(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def before(ex: Exchange) -> None:
        if ex.method == "DELETE" and ASSIGNMENT_ITEM.match(ex.path) and ex.headers.get("authorization"):
            _json_headers(ex)
            ex.status, ex.response_body = 204, b""
            ex.response_headers.pop("content-type")

    return Rewrite(app, before=before)


def created_not_persisted(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def before(ex: Exchange) -> None:
        body = ex.request_json()
        authorized = ex.headers.get("authorization") == f"Bearer {tokens.read_write.token}"
        if ex.method == "POST" and ASSIGNMENTS.match(ex.path) and isinstance(body, dict) and authorized:
            target = body.get("target")
            if isinstance(target, dict) and not str(target.get("@odata.type", "#")).startswith("#"):
                target = {**target, "@odata.type": "#" + target["@odata.type"]}
            _json_headers(ex)
            ex.status = 201
            ex.set_json({"@odata.type": ASSIGNMENT_TYPE, "id": str(uuid.uuid4()), "target": target})

    return Rewrite(app, before=before)


def seed_unknown_id_creates(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def before(ex: Exchange) -> None:
        body = ex.request_json()
        if (
            ex.method == "PATCH"
            and ASSIGNMENTS.match(ex.path)
            and isinstance(body, dict)
            and "dead" in str(body.get("id"))
        ):
            body.pop("id")
            ex.body = json.dumps(body).encode()

    return Rewrite(app, before=before)


# -- security: ambiguous or hostile requests let through ------------------------------------------------


def _last_header_wins(name: bytes) -> Callable[[ASGIApp, Tokens], ASGIApp]:
    """A server that reads a repeated header the last-wins way: only the last `name` reaches the app."""

    def wrap(app: ASGIApp, tokens: Tokens) -> ASGIApp:
        async def server(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                given = scope["headers"]
                last = [(key, value) for key, value in given if key == name][-1:]
                scope = dict(scope, headers=[(key, value) for key, value in given if key != name] + last)
            await app(scope, receive, send)

        return server

    return wrap


def encoded_slash_routed(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """Routes on the decoded path, so `%2F` inside an id becomes a separator."""

    async def server(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = dict(scope, raw_path=scope["path"].encode())
        await app(scope, receive, send)

    return server


def deep_json_crashes(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def before(ex: Exchange) -> None:
        if ex.body.count(b"[") > 500:  # the recursion error of a naive validator
            _json_headers(ex)
            ex.status = 500
            ex.set_json({"error": {"code": "InternalServerError", "message": "maximum recursion depth exceeded"}})

    return Rewrite(app, before=before)


def duplicate_keys_last_wins(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    def before(ex: Exchange) -> None:
        parsed = ex.request_json()
        if isinstance(parsed, dict):
            ex.body = json.dumps(parsed).encode()  # what a plain JSON parser makes of `{"a": 1, "a": 2}`

    return Rewrite(app, before=before)


def throttles_assignment_deletes(app: ASGIApp, _tokens: Tokens) -> ASGIApp:
    """Every assignment DELETE is answered 429 with no Retry-After: nothing to wait for, never done."""

    def before(ex: Exchange) -> None:
        if ex.method == "DELETE" and ASSIGNMENT_ITEM.match(ex.path):
            ex.status = 429
            _json_headers(ex)
            ex.set_json({"error": {"code": "TooManyRequests", "message": "Too many requests."}})

    return Rewrite(app, before=before)


SUITE_ROWS: tuple[Broken, ...] = (
    Broken(
        "throttles_assignment_deletes",
        "every assignment DELETE answered 429 (a pass built on 429s is no pass)",
        "exercised",
        throttles_assignment_deletes,
        operation="deleteAssignment",
        title="Not exercised",
    ),
    Broken("server_error_on_valid_body", "500 on a valid assignment", "not_a_server_error", server_error_on_valid_body),
    Broken(
        "invalid_body_accepted",
        "201 for a body the spec rejects",
        "negative_data_rejection",
        invalid_body_accepted,
        ("coverage",),
    ),
    Broken("wrong_success_status", "200 instead of 201 on create", "status_code_conformance", wrong_success_status),
    Broken(
        "undocumented_verb_served",
        "a verb the spec does not list answered 200",
        "unsupported_method",
        undocumented_verb_served,
        ("coverage",),
    ),
    Broken("field_mistyped", "`version` answered as a string", "response_schema_conformance", field_mistyped),
    Broken("subtype_field_dropped", "a group target's `groupId` dropped", "write_reflected", subtype_field_dropped),
    Broken("wrong_target_type", "a group target answered as an exclusion group", "write_reflected", wrong_target_type),
    Broken(
        "odata_type_not_canonical",
        "`@odata.type` answered without `#`",
        "canonical_odata_type",
        odata_type_not_canonical,
    ),
    Broken("error_not_odata", "error bodies not OData-shaped", "odata_error", error_not_odata, ("coverage",)),
    Broken("no_request_id", "no `request-id` header", "request_id", no_request_id),
    Broken("no_client_request_id", "no echo of client-request-id", "request_id", no_client_request_id, ("coverage",)),
    Broken("wrong_content_type", "JSON as text/plain", "content_type_conformance", wrong_content_type, ("coverage",)),
    Broken("auth_ignored", "requests without a valid token served", "ignored_auth", _swap_token(_unknown_token)),
    Broken(
        "read_only_can_write",
        "the read-only token may write",
        "read_only_forbidden",
        _swap_token(_read_only_writing),
        (),
    ),
    Broken("tenant_leak", "another tenant sees this tenant's data", "tenant_isolation", _swap_token(_other_tenant), ()),
    Broken(
        "tenant_writes_via_seed_patch",
        "another tenant's token may write through the seed's collection PATCH",
        "tenant_isolation",
        _swap_token(_other_tenant_on("PATCH", ASSIGNMENTS)),
        (),
        operation="updateAssignments",
    ),
    Broken(
        "tenant_counts_across",
        "`$count` answers another tenant's token",
        "tenant_isolation",
        _swap_token(_other_tenant_on("GET", re.compile(rf"^{CONFIGS}/[^/]+/assignments/\$count$"))),
        (),
        operation="countAssignments",
    ),
    Broken(
        "read_only_write_applied",
        "a read-only write answered 403 but applied",
        "read_only_forbidden",
        _refuse_but_apply(_read_only, 403),
        (),
        operation="updateConfiguration",
        title="Refused write applied anyway",
    ),
    Broken(
        "tenant_write_applied",
        "another tenant's write answered 404 but applied",
        "tenant_isolation",
        _refuse_but_apply(_other_tenant, 404),
        (),
        operation="assignConfiguration",
        title="Refused write applied anyway",
    ),
    Broken("patch_replaces", "PATCH replaces the configuration", "patch_merges", patch_replaces, ()),
    Broken(
        "deleted_still_served",
        "DELETE answers 204 and keeps the assignment",
        "delete_removes",
        deleted_still_served,
        (),
    ),
    Broken(
        "created_not_persisted", "create answers 201 and stores nothing", "read_after_write", created_not_persisted, ()
    ),
    Broken(
        "seed_unknown_id_creates",
        "the seed's PATCH creates for an unknown id",
        "seed_unknown_id_404",
        seed_unknown_id_creates,
        (),
    ),
    Broken(
        "authorization_last_wins",
        "two Authorization headers: the last one counts",
        "ambiguous_authorization",
        _last_header_wins(b"authorization"),
        (),
    ),
    Broken("encoded_slash_routed", "%2F in an id routed as '/'", "encoded_separator_in_id", encoded_slash_routed, ()),
    Broken("deep_json_crashes", "JSON nested 1,000 deep answers 500", "deep_nesting", deep_json_crashes, ()),
    Broken(
        "duplicate_keys_last_wins",
        "a JSON key given twice: the last counts",
        "duplicate_keys",
        duplicate_keys_last_wins,
        (),
    ),
    Broken(
        "content_type_last_wins",
        "two Content-Type headers: the last one counts",
        "ambiguous_content_type",
        _last_header_wins(b"content-type"),
        (),
    ),
)

CATALOGUE: tuple[Broken, ...] = (*SUITE_ROWS, *VENDOR_ROWS)
"""`SUITE_ROWS` were written beside the checks; `VENDOR_ROWS` from the spec, as vendors get things wrong."""
