"""Broken servers as vendors ship them, written from the spec and the Graph docs, not from the suite's checks.

Each row is one small change to the reference server, in the classes of issue 10: the seed's operation,
server-set properties, OData query semantics, the assign action, headers and context. Bugs in what a
handler does subclass the reference server's `Api` and change that one handler, as a vendor's code
would; bugs at the HTTP edge (query parsing, headers, context) are `Rewrite` middlewares around it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

from starlette.types import ASGIApp

from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.calls import Call, Reply
from ios_lob_kit.mock_server.config import ServerConfig
from ios_lob_kit.mock_server.handlers import ASSIGN_LIST, ASSIGNMENT_ID, CONFIG_ID, Api
from ios_lob_kit.mock_server.ids import new_id
from ios_lob_kit.mock_server.odata import entity
from ios_lob_kit.openapi.index import Schema, spec_index
from tests.conformance.broken_servers import CONFIGS, Broken, Exchange, Rewrite, Tokens

PAGE_SIZE = 4  # the catalogue's servers page every 4 items, so a listing of a few objects spans pages
_CREATES_OR_UPDATES = ("POST", "PATCH", "PUT")


def vendor_server(api: type[Api]) -> Callable[[ASGIApp, Tokens], ASGIApp]:
    """The reference server with `api`, a subclass changing one handler, in place of its own."""

    def wrap(_healthy: ASGIApp, tokens: Tokens) -> ASGIApp:
        grants = (tokens.read_write, tokens.read_only, tokens.other_tenant)
        with mock.patch("ios_lob_kit.mock_server.app.Api", api):
            return create_app(ServerConfig(db_path=None, tokens=grants, page_size=PAGE_SIZE))

    return wrap


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _owner(api: Api, assignment_id: Any) -> tuple[str, str] | None:
    """(configuration id, tenant) of an assignment id, looked up in every configuration of every tenant."""
    rows = api.store._db.read(
        "SELECT a.configuration_id, c.tenant FROM assignments a JOIN configurations c ON c.id = a.configuration_id"
        " WHERE a.id = ?",
        (str(assignment_id),),
    )
    return (rows[0][0], rows[0][1]) if rows else None


def _merged_target(api: Api, call: Call, assignment_id: str) -> dict[str, Any]:
    """The body with its `target` laid over the stored one (the bug: PATCH semantics applied one level too deep)."""
    old = api.store.get_assignment(call.params[CONFIG_ID], assignment_id) or {}
    body: dict[str, Any] = call.body
    if isinstance(old.get("target"), dict) and isinstance(body.get("target"), dict):
        return {**body, "target": {**old["target"], **body["target"]}}
    return body


# -- the seed's operation -----------------------------------------------------------------------------


class SeedIdAcrossConfigurations(Api):
    """Finds the body `id` among all the tenant's assignments, not only the configuration's."""

    def update_assignments(self, call: Call) -> Reply:
        owner = _owner(self, call.server_set["id"]) if "id" in call.server_set else None
        if owner is not None and owner[1] == call.tenant:
            call.params = {**call.params, CONFIG_ID: owner[0]}
        return super().update_assignments(call)


class SeedIdAcrossTenants(Api):
    """Finds the body `id` in any tenant (the assignments table has no tenant column)."""

    def update_assignments(self, call: Call) -> Reply:
        owner = _owner(self, call.server_set["id"]) if "id" in call.server_set else None
        if owner is not None:
            call.params = {**call.params, CONFIG_ID: owner[0]}
            call.tenant = owner[1]
        return super().update_assignments(call)


class SeedCreateReplacesAll(Api):
    """Reads a PATCH of the collection without `id` as "the collection is now this one assignment"."""

    def update_assignments(self, call: Call) -> Reply:
        if "id" not in call.server_set:
            self.store.clear_assignments(self._owned_configuration(call))
        return super().update_assignments(call)


class SeedTargetMerged(Api):
    def update_assignments(self, call: Call) -> Reply:
        if "id" in call.server_set:
            call.body = _merged_target(self, call, call.server_set["id"])
        return super().update_assignments(call)


class ItemTargetMerged(Api):
    def update_assignment(self, call: Call) -> Reply:
        call.body = _merged_target(self, call, call.params[ASSIGNMENT_ID])
        return super().update_assignment(call)


# -- server-set properties ----------------------------------------------------------------------------


class LastModifiedFrozen(Api):
    """Forgets to stamp `lastModifiedDateTime` on update."""

    def update_configuration(self, call: Call) -> Reply:
        doc = {**self._configuration(call), **call.body}
        self.store.replace_configuration(call.tenant, doc)
        return Reply(200, entity(call, doc))


class CreatedRestamped(Api):
    """Stamps both dates on every write, as if each update were a create."""

    def update_configuration(self, call: Call) -> Reply:
        now = _now()
        doc = {
            **self._configuration(call),
            **call.body,
            "createdDateTime": now,
            "lastModifiedDateTime": now,
        }
        self.store.replace_configuration(call.tenant, doc)
        return Reply(200, entity(call, doc))


class ClientDatesKept(Api):
    """Stamps the dates as defaults, so dates the client sends win."""

    def create_configuration(self, call: Call) -> Reply:
        now = _now()
        sent = {key: value for key, value in call.server_set.items() if key != "id"}
        doc = {"id": new_id(), "createdDateTime": now, "lastModifiedDateTime": now, **call.body, **sent}
        self.store.insert_configuration(call.tenant, doc)
        return Reply(201, entity(call, doc))


class ClientIdHonoured(Api):
    """Keeps a client-sent `id` on create (an upsert), overwriting the assignment that has it."""

    def create_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = {"id": call.server_set.get("id", new_id()), **call.body}
        if self.store.get_assignment(config_id, doc["id"]) is None:
            self.store.insert_assignment(config_id, doc)
        else:
            self.store.replace_assignment(config_id, doc)
        return Reply(201, entity(call, doc))


# -- the assign action --------------------------------------------------------------------------------


class AssignAppends(Api):
    """Adds the assigned items to the existing ones instead of replacing them."""

    def assign_configuration(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        for item in call.body.get(ASSIGN_LIST, []):
            self.store.insert_assignment(config_id, {"id": new_id(), **item})
        return Reply(204)


# -- OData query options, at the HTTP edge -------------------------------------------------------------


def _on_list(edit: Callable[[list[tuple[str, str]]], list[tuple[str, str]]]) -> Callable[[ASGIApp, Tokens], ASGIApp]:
    """A server whose query parser rewrites the options of GETs before the handler sees them."""

    def wrap(app: ASGIApp, tokens: Tokens) -> ASGIApp:
        def before(ex: Exchange) -> None:
            if ex.method == "GET" and ex.query:
                ex.set_query(edit(ex.query_items()))

        return Rewrite(app, before=before)

    return wrap


def _top_plus_one(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`LIMIT $top + 1` to peek at whether more follow, and the peeked item served too."""
    return [(k, str(int(v) + 1) if k == "$top" and v.isdigit() else v) for k, v in items]


def _top_zero_dropped(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`if top:` where `if top is not None:` was meant: `$top=0` means no limit."""
    return [(k, v) for k, v in items if (k, v) != ("$top", "0")]


def _dropped(option: str) -> Callable[[list[tuple[str, str]]], list[tuple[str, str]]]:
    """A documented option accepted and then not implemented."""
    return lambda items: [(k, v) for k, v in items if k != option]


def _first_condition_only(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A filter parser that stops after the first comparison: `and`, `or` and what follows are dropped."""
    return [(k, re.split(" and | or ", v)[0] if k == "$filter" else v) for k, v in items]


def count_ignores_filter(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """`@odata.count` answered from the collection's size, before `$filter` applies."""

    async def after(ex: Exchange) -> None:
        options = dict(ex.query_items())
        if ex.method == "GET" and ex.status == 200 and "$filter" in options and options.get("$count") == "true":
            whole = await ex.ask("GET", ex.path, "$count=true&$top=0")
            body = ex.json()
            body["@odata.count"] = whole.json()["@odata.count"]
            ex.set_json(body)

    return Rewrite(app, after=after)


def next_link_missing_one_left(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """`more = remaining > 1` where `remaining > 0` was meant: a last page of one item is never linked."""

    async def after(ex: Exchange) -> None:
        if ex.method != "GET" or ex.status != 200:
            return
        body = ex.json()
        link = body.get("@odata.nextLink") if isinstance(body, dict) else None
        if not isinstance(link, str):
            return
        parts = urlsplit(link)
        following = (await ex.ask("GET", parts.path, parts.query)).json()
        if len(following.get("value", [])) == 1 and "@odata.nextLink" not in following:
            del body["@odata.nextLink"]
            ex.set_json(body)

    return Rewrite(app, after=after)


_ID_FILTER = re.compile(r"id eq '(.*)'")


def filter_crosses_tenants(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """`$filter=id eq '...'` served by a key lookup that skips the tenant condition."""

    async def before(ex: Exchange) -> None:
        match = _ID_FILTER.fullmatch(dict(ex.query_items()).get("$filter", ""))
        if ex.method != "GET" or ex.path != CONFIGS or match is None:
            return
        for grant in (tokens.read_write, tokens.other_tenant):
            found = await ex.ask("GET", CONFIGS, ex.query, authorization=f"Bearer {grant.token}")
            if found.status == 200 and found.json().get("value"):
                ex.headers["authorization"] = f"Bearer {grant.token}"
                return

    return Rewrite(app, before=before)


# -- headers and context ------------------------------------------------------------------------------


def client_request_id_truncated(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """The echo goes through a GUID-sized (36 character) field."""

    def after(ex: Exchange) -> None:
        echoed = ex.response_headers.get("client-request-id")
        if echoed is not None:
            ex.response_headers["client-request-id"] = echoed[:36]

    return Rewrite(app, after=after)


def context_names_parent_set(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """Assignment answers carry the context the configuration handlers build (copied, not adapted)."""

    def after(ex: Exchange) -> None:
        body = ex.json() if ex.response_headers.get("content-type", "").startswith("application/json") else None
        context = body.get("@odata.context") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(context, str) and "/assignments" in context:
            root, _, fragment = context.partition("#")
            suffix = "/$entity" if fragment.endswith("/$entity") else ""
            body["@odata.context"] = f"{root}#deviceAppManagement/iosLobAppProvisioningConfigurations{suffix}"
            ex.set_json(body)

    return Rewrite(app, after=after)


def body_without_content_type_parsed(app: ASGIApp, tokens: Tokens) -> ASGIApp:
    """A lenient body parser: a write without Content-Type is read as JSON anyway."""

    def before(ex: Exchange) -> None:
        if ex.method in _CREATES_OR_UPDATES and "content-type" not in ex.headers and ex.body:
            ex.headers["content-type"] = "application/json"

    return Rewrite(app, before=before)


def _declared_only(schema: Schema, value: Any) -> Any:
    """`value` without the properties `schema` does not declare, at every depth (a union through its kind)."""
    if schema.kinds and isinstance(value, dict):
        odata_type = value.get("@odata.type")
        kind = schema.kinds.get(odata_type) if isinstance(odata_type, str) else None
        return _declared_only(kind, value) if kind is not None else value
    if schema.properties is not None and isinstance(value, dict):
        return {k: _declared_only(schema.properties[k], v) for k, v in value.items() if k in schema.properties}
    if schema.items is not None and isinstance(value, list):
        return [_declared_only(schema.items, item) for item in value]
    return value


def undeclared_properties_ignored(app: ASGIApp, _tokens: Tokens) -> ASGIApp:
    """Drops what a request body's type does not declare before the server reads it: open where the spec is closed."""

    def before(ex: Exchange) -> None:
        operation = spec_index().match(ex.method, ex.path.removeprefix("/beta"))
        if operation is None or operation.body is None or not ex.body:
            return
        try:
            body = json.loads(ex.body)
        except (ValueError, RecursionError):  # not JSON: the server refuses it as it would
            return
        ex.body = json.dumps(_declared_only(operation.body.schema, body)).encode()
        ex.headers["content-length"] = str(len(ex.body))

    return Rewrite(app, before=before)


VENDOR_ROWS: tuple[Broken, ...] = (
    # The seed's operation
    Broken(
        "seed_id_of_other_configuration",
        "the seed's PATCH updates another configuration's assignment named by the body id (not 404)",
        "seed_body_id_scoped",
        vendor_server(SeedIdAcrossConfigurations),
        (),
        operation="updateAssignments",
    ),
    Broken(
        "seed_id_of_other_tenant",
        "the seed's PATCH updates another tenant's assignment named by the body id (not 404)",
        "seed_body_id_scoped",
        vendor_server(SeedIdAcrossTenants),
        (),
        operation="updateAssignments",
    ),
    Broken(
        "seed_create_clears_others",
        "the seed's PATCH without id removes the configuration's other assignments",
        "create_keeps_others",
        vendor_server(SeedCreateReplacesAll),
        (),
        operation="updateAssignments",
    ),
    Broken(
        "seed_target_merged",
        "the seed's PATCH merges `target` into the old one (a group target turned all-devices keeps groupId)",
        "target_replaced",
        vendor_server(SeedTargetMerged),
        (),
        operation="updateAssignments",
    ),
    Broken(
        "item_target_merged",
        "the item PATCH merges `target` into the old one",
        "target_replaced",
        vendor_server(ItemTargetMerged),
        (),
        operation="updateAssignment",
    ),
    # Server-set properties
    Broken(
        "last_modified_not_advanced",
        "an update leaves lastModifiedDateTime as it was",
        "server_set_properties",
        vendor_server(LastModifiedFrozen),
        (),
        operation="updateConfiguration",
    ),
    Broken(
        "created_rewritten_on_update",
        "an update rewrites createdDateTime",
        "server_set_properties",
        vendor_server(CreatedRestamped),
        (),
        operation="updateConfiguration",
    ),
    Broken(
        "client_dates_stored",
        "dates the client sends on create are stored",
        "server_set_properties",
        vendor_server(ClientDatesKept),
        (),
        operation="createConfiguration",
    ),
    Broken(
        "client_id_honoured_on_create",
        "a client-sent id on create is kept, overwriting the assignment that has it",
        "server_set_properties",
        vendor_server(ClientIdHonoured),
        (),
        operation="createAssignment",
    ),
    # OData query semantics
    Broken("top_answers_one_more", "$top=N answers N+1 items", "query_options", _on_list(_top_plus_one), ()),
    Broken("top_zero_unlimited", "$top=0 answers every item", "query_options", _on_list(_top_zero_dropped), ()),
    Broken("filter_ignored", "$filter accepted and ignored", "query_options", _on_list(_dropped("$filter")), ()),
    Broken("select_ignored", "$select accepted and ignored", "query_options", _on_list(_dropped("$select")), ()),
    Broken("orderby_ignored", "$orderby accepted and ignored", "query_options", _on_list(_dropped("$orderby")), ()),
    Broken(
        "filter_logic_ignored",
        "$filter reads the first comparison only: and/or and what follows are dropped",
        "query_options",
        _on_list(_first_condition_only),
        (),
        operation="listAssignments",
    ),
    Broken(
        "expand_ignored",
        "$expand accepted and ignored: no navigation property inline",
        "query_options",
        _on_list(_dropped("$expand")),
        (),
        operation="getConfiguration",
    ),
    Broken("count_ignores_filter", "@odata.count counts before $filter", "query_options", count_ignores_filter, ()),
    Broken(
        "next_link_missing_one_left",
        "no @odata.nextLink when exactly one item is left: the last item is unreachable",
        "paging",
        next_link_missing_one_left,
        (),
    ),
    Broken(
        "filter_crosses_tenants",
        "another tenant's configuration found through $filter=id eq '...'",
        "tenant_isolation",
        filter_crosses_tenants,
        (),
        operation="listConfigurations",
    ),
    # The assign action
    Broken(
        "assign_appends",
        "assign adds to the assignments instead of replacing them",
        "assign_replaces",
        vendor_server(AssignAppends),
        (),
    ),
    # Closed requests
    Broken(
        "undeclared_properties_ignored",
        "a request property its type does not declare is accepted and ignored, not refused with 400",
        "undeclared_property_refused",
        undeclared_properties_ignored,
        (),
    ),
    # Headers and context
    Broken(
        "client_request_id_truncated",
        "client-request-id echoed cut to 36 characters",
        "request_id",
        client_request_id_truncated,
        (),
    ),
    Broken(
        "context_names_parent_set",
        "@odata.context of assignment answers names the configurations' entity set",
        "odata_context",
        context_names_parent_set,
        (),
    ),
    Broken(
        "write_without_content_type_applied",
        "a write without Content-Type is accepted and applied",
        "content_type_required",
        body_without_content_type_parsed,
        (),
    ),
)
