"""Behaviours that take more than one request: merge, read-after-write, delete, the seed's operation, auth.

Each scenario is a plain function `(ScenarioContext) -> None` that raises `CheckFailed`, registered
under a check name and the operation it judges. Scenarios create what they need and delete it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.errors import CheckFailed

ASSIGNMENT_TYPE = spec.odata_type("iosLobAppProvisioningConfigurationAssignment")
GROUP_TARGET = {
    "@odata.type": spec.odata_type("groupAssignmentTarget"),
    "groupId": "3f2b7a10-5d1c-4c86-9d0b-1f2e3a4b5c6d",
    "deviceAndAppManagementAssignmentFilterId": "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a",
    "deviceAndAppManagementAssignmentFilterType": "include",
}
ALL_DEVICES = {"@odata.type": spec.odata_type("allDevicesAssignmentTarget").lstrip("#")}  # the other spelling
CONFIGURATION = {
    "@odata.type": spec.odata_type("iosLobAppProvisioningConfiguration"),
    "displayName": "conformance scenario",
    "description": "kept across a PATCH that leaves it out",
    "version": 3,
    "roleScopeTagIds": ["0"],
    "payloadFileName": "profile.mobileprovision",
    "payload": "cGF5bG9hZA==",
}
MAX_PAGES = 1000  # a collection still paging after this many pages is reported, not followed forever


def configuration(api: Api) -> dict[str, Any]:
    """`CONFIGURATION` as the run creates it: its displayName marked with the run's seed."""
    return {**CONFIGURATION, "displayName": api.named(str(CONFIGURATION["displayName"]))}


@dataclass
class ScenarioContext:
    api: Api  # the read-write token
    configuration_id: str  # a configuration the run created: scenarios write nowhere else
    read_only: Api | None = None
    other_tenant: Api | None = None


@dataclass(frozen=True)
class Scenario:
    check: str
    operation: str
    run: Callable[[ScenarioContext], None]
    needs: str = ""  # "read_only" or "other_tenant": skipped (never passed) when that token is not given


def expect(ex: Exchange, *statuses: int) -> Any:
    """The answer's JSON once its status is one of `statuses` (per-answer conventions are judged elsewhere)."""
    if ex.status not in statuses:
        body = ex.response_body[:300].decode("utf-8", "replace")
        raise CheckFailed(
            "Unexpected status", f"{ex.method} {ex.url} answered {ex.status}, expected {statuses}: {body}"
        )
    return ex.response_json()


def same(what: str, expected: Any, actual: Any) -> None:
    if expected != actual:
        raise CheckFailed(f"{what} differs", f"expected {expected!r}, got {actual!r}")


def comparable(body: Any) -> Any:
    """An entity without the annotations a server may add (`@odata.context`), for equality."""
    if not isinstance(body, dict):
        return body
    return {k: v for k, v in body.items() if not k.startswith("@odata.") or k == "@odata.type"}


def every_item(api: Api, operation: str, config: str = "") -> list[Any]:
    """Every item of a collection, following `@odata.nextLink` page by page."""
    page = expect(api.call(operation, config=config), 200)
    items = list(page.get("value", []))
    for _ in range(MAX_PAGES):
        if not page.get("@odata.nextLink"):
            return items
        page = expect(api.follow(operation, page["@odata.nextLink"]), 200)
        items += page.get("value", [])
    raise CheckFailed("Endless paging", f"{operation} still has an @odata.nextLink after {MAX_PAGES} pages")


def listed_ids(api: Api, operation: str, config: str = "") -> set[Any]:
    return {item.get("id") for item in every_item(api, operation, config)}


@contextlib.contextmanager
def scratch_configuration(ctx: ScenarioContext) -> Iterator[dict[str, Any]]:
    created = expect(ctx.api.call("createConfiguration", json=configuration(ctx.api)), 201)
    try:
        yield created
    finally:
        ctx.api.call("deleteConfiguration", config=created["id"])


def new_assignment(ctx: ScenarioContext, target: dict[str, Any] | None = None, config: str = "") -> dict[str, Any]:
    body = {"@odata.type": ASSIGNMENT_TYPE, "target": target or GROUP_TARGET}
    ex = ctx.api.call("createAssignment", config=config or ctx.configuration_id, json=body)
    created: dict[str, Any] = expect(ex, 201)
    return created


# -- read after write: GET returns what the write answered -------------------------------------------


def created_configuration_is_served(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        same("GET after create", comparable(created), comparable(got))


def updated_configuration_is_served(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        renamed = ctx.api.named("renamed")
        ex = ctx.api.call("updateConfiguration", config=created["id"], json={"displayName": renamed})
        answered = expect(ex, 200, 204)
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        same("displayName after update", renamed, got.get("displayName"))
        if ex.status == 200:
            same("GET after update", comparable(answered), comparable(got))


def assigned_group_is_served(ctx: ScenarioContext) -> None:
    """After the assign action sets a group assignment, it is listed, and each one listed is served by its id."""
    group = GROUP_TARGET["groupId"]
    with scratch_configuration(ctx) as created:
        config = created["id"]
        body = {spec.assign_list("mobileAppProvisioningConfigGroupAssignment"): [{"targetGroupId": group}]}
        expect(ctx.api.call("assignConfiguration", config=config, json=body), 200, 204)
        listed = every_item(ctx.api, "listGroupAssignments", config)
        if not any(item.get("targetGroupId") == group for item in listed):
            raise CheckFailed("Assigned group not listed", f"no targetGroupId {group!r} in {listed!r}")
        for item in listed:
            got = expect(ctx.api.call("getGroupAssignment", config=config, assignment=item.get("id")), 200)
            same("GET of a listed group assignment", comparable(item), comparable(got))


def created_assignment_is_served(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("GET after create", comparable(created), comparable(got))
    if created["id"] not in listed_ids(ctx.api, "listAssignments", ctx.configuration_id):
        raise CheckFailed("Created assignment not listed", f"{created['id']} missing from listAssignments")


def updated_assignment_is_served(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx, ALL_DEVICES)
    body = {"@odata.type": ASSIGNMENT_TYPE, "target": GROUP_TARGET}
    ex = ctx.api.call("updateAssignment", config=ctx.configuration_id, assignment=created["id"], json=body)
    answered = expect(ex, 200, 204)
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("target after update", GROUP_TARGET, got.get("target"))
    if ex.status == 200:
        same("GET after update", comparable(answered), comparable(got))


# -- PATCH merges: what the body leaves out is kept ---------------------------------------------------


def configuration_patch_merges(ctx: ScenarioContext) -> None:
    patch = {"displayName": ctx.api.named("merged")}
    left_out = set(CONFIGURATION) - {*patch, spec.ODATA_TYPE}
    left_out &= spec.properties("iosLobAppProvisioningConfiguration")  # only what the spec defines
    with scratch_configuration(ctx) as created:
        ex = ctx.api.call("updateConfiguration", config=created["id"], json=patch)
        answered = expect(ex, 200, 204)
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        for seen in [got, answered] if ex.status == 200 else [got]:
            for name in sorted(left_out):
                same(f"`{name}` after a PATCH that left it out", CONFIGURATION[name], seen.get(name))


def assignment_patch_merges(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    ex = ctx.api.call(
        "updateAssignment", config=ctx.configuration_id, assignment=created["id"], json={"@odata.type": ASSIGNMENT_TYPE}
    )
    expect(ex, 200, 204)
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("target after a PATCH that left it out", GROUP_TARGET, got.get("target"))


def seed_patch_merges(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    body = {"@odata.type": ASSIGNMENT_TYPE, "id": created["id"]}
    answered = expect(ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body), 200)
    same("target in the answer to a PATCH that left it out", GROUP_TARGET, answered.get("target"))
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("target after a PATCH that left it out", GROUP_TARGET, got.get("target"))


# -- the seed's operation, as the spec describes it ---------------------------------------------------


def seed_updates_by_body_id(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx, ALL_DEVICES)
    body = {"@odata.type": ASSIGNMENT_TYPE, "id": created["id"], "target": GROUP_TARGET}
    answered = expect(ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body), 200)
    same("id in the answer", created["id"], answered.get("id"))
    same("target in the answer", GROUP_TARGET, answered.get("target"))
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("GET after the seed's PATCH", comparable(answered), comparable(got))


def seed_unknown_id_is_404(ctx: ScenarioContext) -> None:
    body = {"@odata.type": ASSIGNMENT_TYPE, "id": "00000000-0000-0000-0000-00000000dead", "target": ALL_DEVICES}
    expect(ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body), 404)


def seed_creates_without_id(ctx: ScenarioContext) -> None:
    known = listed_ids(ctx.api, "listAssignments", ctx.configuration_id)
    body = {"@odata.type": ASSIGNMENT_TYPE, "target": GROUP_TARGET}
    answered = expect(ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body), 200)
    new_id = answered.get("id")
    if not isinstance(new_id, str) or not new_id or new_id in known:
        raise CheckFailed("No new id", f"a PATCH without id must create an assignment with a new id; got {new_id!r}")
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=new_id), 200)
    same("GET after the seed's create", comparable(answered), comparable(got))


# -- delete removes -----------------------------------------------------------------------------------


def deleted_configuration_is_gone(ctx: ScenarioContext) -> None:
    created = expect(ctx.api.call("createConfiguration", json=configuration(ctx.api)), 201)
    expect(ctx.api.call("deleteConfiguration", config=created["id"]), 204)
    expect(ctx.api.call("getConfiguration", config=created["id"]), 404)
    expect(ctx.api.call("listAssignments", config=created["id"]), 404)


def deleted_assignment_is_gone(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    expect(ctx.api.call("deleteAssignment", config=ctx.configuration_id, assignment=created["id"]), 204)
    expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 404)
    if created["id"] in listed_ids(ctx.api, "listAssignments", ctx.configuration_id):
        raise CheckFailed("Deleted assignment still listed", f"{created['id']} is in listAssignments after DELETE")


# -- refused writes: the read-only token gets 403, another tenant 404, and nothing changes -------------


@contextlib.contextmanager
def probe(ctx: ScenarioContext) -> Iterator[tuple[str, str]]:
    """A scratch configuration with one assignment, for a probe that might (wrongly) change or delete it."""
    with scratch_configuration(ctx) as created:
        yield created["id"], new_assignment(ctx, config=created["id"])["id"]


def owner_view(ctx: ScenarioContext, operation: str, config: str) -> Any:
    """What the owner's token sees that `operation` could change: the configuration and its assignments,
    or (for a create outside any configuration) the ids of every configuration."""
    if operation not in spec.CONFIGURATION_SCOPED:
        return sorted(listed_ids(ctx.api, "listConfigurations"))
    got = ctx.api.call("getConfiguration", config=config)
    if got.status == 404:
        return None
    assignments = [comparable(item) for item in every_item(ctx.api, "listAssignments", config)]
    return comparable(expect(got, 200)), sorted(assignments, key=lambda item: str(item.get("id")))


def refused(ctx: ScenarioContext, caller: Api, operation: str, status: int, title: str) -> None:
    """`caller` tries `operation` on a probe: the answer must be `status` and, for a write, change nothing."""
    with probe(ctx) as (config, assignment):
        body = spec.request_example(operation)
        if operation == "updateAssignments":
            body = {**body, "id": assignment}  # the seed's PATCH names the assignment to update in its body
        before = owner_view(ctx, operation, config) if operation in spec.WRITES else None
        ex = caller.call(operation, config=config, assignment=assignment, json=body)
        if ex.status != status:
            raise CheckFailed(title, f"{ex.method} {ex.url} answered {ex.status}, not {status}")
        if operation in spec.WRITES:
            after = owner_view(ctx, operation, config)
            if after != before:
                shown = f"before: {str(before)[:300]}; after: {str(after)[:300]}"
                raise CheckFailed("Refused write applied anyway", f"{ex.method} {ex.url} answered {status}; {shown}")


def read_only_cannot(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        assert ctx.read_only is not None
        expect(ctx.read_only.call("getConfiguration", config=ctx.configuration_id), 200)  # the token is valid
        refused(ctx, ctx.read_only, operation, 403, "Read-only token allowed to write")

    return scenario


def other_tenant_cannot(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        assert ctx.other_tenant is not None
        refused(ctx, ctx.other_tenant, operation, 404, "Another tenant's data reachable")

    return scenario


def other_tenant_lists_nothing(ctx: ScenarioContext) -> None:
    assert ctx.other_tenant is not None
    if ctx.configuration_id in listed_ids(ctx.other_tenant, "listConfigurations"):
        raise CheckFailed("Another tenant's configuration listed", f"{ctx.configuration_id} is visible to it")
    if "$filter" in spec.query_options("listConfigurations"):
        by_key = {"$filter": f"id eq '{ctx.configuration_id}'"}
        if expect(ctx.other_tenant.call("listConfigurations", params=by_key), 200).get("value"):
            raise CheckFailed(
                "Another tenant's configuration found", f"$filter=id eq '{ctx.configuration_id}' finds it"
            )


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("read_after_write", "createConfiguration", created_configuration_is_served),
    Scenario("read_after_write", "updateConfiguration", updated_configuration_is_served),
    Scenario("read_after_write", "createAssignment", created_assignment_is_served),
    Scenario("read_after_write", "updateAssignment", updated_assignment_is_served),
    Scenario("read_after_write", "assignConfiguration", assigned_group_is_served),
    Scenario("patch_merges", "updateConfiguration", configuration_patch_merges),
    Scenario("patch_merges", "updateAssignment", assignment_patch_merges),
    Scenario("patch_merges", "updateAssignments", seed_patch_merges),
    Scenario("seed_update_by_id", "updateAssignments", seed_updates_by_body_id),
    Scenario("seed_unknown_id_404", "updateAssignments", seed_unknown_id_is_404),
    Scenario("seed_create_without_id", "updateAssignments", seed_creates_without_id),
    Scenario("delete_removes", "deleteConfiguration", deleted_configuration_is_gone),
    Scenario("delete_removes", "deleteAssignment", deleted_assignment_is_gone),
    # Every write the spec lists (no read scope in its `x-ms-permissions`), with the read-only token.
    *(Scenario("read_only_forbidden", op, read_only_cannot(op), needs="read_only") for op in spec.WRITES),
    # Every operation on this tenant's configuration (and assignment), with the other tenant's token.
    Scenario("tenant_isolation", "listConfigurations", other_tenant_lists_nothing, needs="other_tenant"),
    *(
        Scenario("tenant_isolation", op, other_tenant_cannot(op), needs="other_tenant")
        for op in spec.CONFIGURATION_SCOPED
    ),
)
