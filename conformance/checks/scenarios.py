"""Behaviours that take more than one request: merge, read-after-write, delete, the seed's operation, auth.

Each scenario is a plain function `(ScenarioContext) -> None` that raises `CheckFailed`, registered
under a check name and the operation it judges. Scenarios create what they need and delete it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from conformance.checks.api import Api
from conformance.checks.exchange import CheckFailed, Exchange

ASSIGNMENT_TYPE = "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
GROUP_TARGET = {
    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
    "groupId": "3f2b7a10-5d1c-4c86-9d0b-1f2e3a4b5c6d",
    "deviceAndAppManagementAssignmentFilterId": "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a",
    "deviceAndAppManagementAssignmentFilterType": "include",
}
ALL_DEVICES = {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget"}
CONFIGURATION = {
    "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfiguration",
    "displayName": "conformance scenario",
    "description": "kept across a PATCH that leaves it out",
    "version": 3,
    "roleScopeTagIds": ["0"],
    "payloadFileName": "profile.mobileprovision",
    "payload": "cGF5bG9hZA==",
}


@dataclass
class ScenarioContext:
    api: Api  # the read-write token
    configuration_id: str  # the run's configuration (created by the suite or given)
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


@contextlib.contextmanager
def scratch_configuration(ctx: ScenarioContext) -> Iterator[dict[str, Any]]:
    created = expect(ctx.api.call("createConfiguration", json=CONFIGURATION), 201)
    try:
        yield created
    finally:
        ctx.api.call("deleteConfiguration", config=created["id"])


def new_assignment(ctx: ScenarioContext, target: dict[str, Any] | None = None) -> dict[str, Any]:
    body = {"@odata.type": ASSIGNMENT_TYPE, "target": target or GROUP_TARGET}
    created: dict[str, Any] = expect(ctx.api.call("createAssignment", config=ctx.configuration_id, json=body), 201)
    return created


# -- read after write: GET returns what the write answered -------------------------------------------


def created_configuration_is_served(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        same("GET after create", comparable(created), comparable(got))


def updated_configuration_is_served(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        ex = ctx.api.call("updateConfiguration", config=created["id"], json={"displayName": "renamed"})
        answered = expect(ex, 200, 204)
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        same("displayName after update", "renamed", got.get("displayName"))
        if ex.status == 200:
            same("GET after update", comparable(answered), comparable(got))


def created_assignment_is_served(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
    same("GET after create", comparable(created), comparable(got))
    listed = expect(ctx.api.call("listAssignments", config=ctx.configuration_id), 200)
    if created["id"] not in [item.get("id") for item in listed.get("value", [])]:
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
    with scratch_configuration(ctx) as created:
        ex = ctx.api.call("updateConfiguration", config=created["id"], json={"displayName": "merged"})
        answered = expect(ex, 200, 204)
        got = expect(ctx.api.call("getConfiguration", config=created["id"]), 200)
        for seen in [got, answered] if ex.status == 200 else [got]:
            for name in ("description", "version", "roleScopeTagIds", "payloadFileName", "payload"):
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
    before = expect(ctx.api.call("listAssignments", config=ctx.configuration_id), 200)
    known = {item.get("id") for item in before.get("value", [])}
    body = {"@odata.type": ASSIGNMENT_TYPE, "target": GROUP_TARGET}
    answered = expect(ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body), 200)
    new_id = answered.get("id")
    if not isinstance(new_id, str) or not new_id or new_id in known:
        raise CheckFailed("No new id", f"a PATCH without id must create an assignment with a new id; got {new_id!r}")
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=new_id), 200)
    same("GET after the seed's create", comparable(answered), comparable(got))


# -- delete removes -----------------------------------------------------------------------------------


def deleted_configuration_is_gone(ctx: ScenarioContext) -> None:
    created = expect(ctx.api.call("createConfiguration", json=CONFIGURATION), 201)
    expect(ctx.api.call("deleteConfiguration", config=created["id"]), 204)
    expect(ctx.api.call("getConfiguration", config=created["id"]), 404)
    expect(ctx.api.call("listAssignments", config=created["id"]), 404)


def deleted_assignment_is_gone(ctx: ScenarioContext) -> None:
    created = new_assignment(ctx)
    expect(ctx.api.call("deleteAssignment", config=ctx.configuration_id, assignment=created["id"]), 204)
    expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 404)
    listed = expect(ctx.api.call("listAssignments", config=ctx.configuration_id), 200)
    if created["id"] in [item.get("id") for item in listed.get("value", [])]:
        raise CheckFailed("Deleted assignment still listed", f"{created['id']} is in listAssignments after DELETE")


# -- the read-only token cannot write -----------------------------------------------------------------


def read_only_cannot(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        assert ctx.read_only is not None
        target = new_assignment(ctx, ALL_DEVICES)["id"] if "ssignment" in operation else ""
        with configuration_for(ctx, operation) as config:
            forbidden(ctx.read_only, operation, config, target)
        expect(ctx.read_only.call("getConfiguration", config=ctx.configuration_id), 200)

    return scenario


def forbidden(api: Api, operation: str, config: str, target: str) -> None:
    bodies: dict[str, Any] = {
        "createConfiguration": CONFIGURATION,
        "updateConfiguration": {"displayName": "read-only write"},
        "assignConfiguration": {"iOSLobAppProvisioningConfigAssignments": []},
        "createAssignment": {"target": ALL_DEVICES},
        "updateAssignment": {"target": GROUP_TARGET},
        "updateAssignments": {"id": target, "target": GROUP_TARGET},
    }
    ex = api.call(operation, config=config, assignment=target, json=bodies.get(operation))
    if ex.status != 403:
        raise CheckFailed("Read-only token allowed to write", f"{ex.method} {ex.url} answered {ex.status}, not 403")
    expect(ex, 403)


@contextlib.contextmanager
def configuration_for(ctx: ScenarioContext, operation: str) -> Iterator[str]:
    """The run's configuration, or a scratch one for a delete (a broken server must not take the run's)."""
    if operation != "deleteConfiguration":
        yield ctx.configuration_id
        return
    with scratch_configuration(ctx) as created:
        yield created["id"]


# -- another tenant sees nothing of this one ---------------------------------------------------------


def other_tenant_cannot(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        assert ctx.other_tenant is not None
        config = ctx.configuration_id
        assignment = new_assignment(ctx)["id"]
        if operation == "listConfigurations":
            listed = expect(ctx.other_tenant.call("listConfigurations", params={"$top": "1000"}), 200)
            ids = [item.get("id") for item in listed.get("value", [])]
            if config in ids:
                raise CheckFailed("Another tenant's configuration listed", f"{config} is visible to the other tenant")
            return
        body = {"displayName": "cross-tenant write"} if operation == "updateConfiguration" else None
        with configuration_for(ctx, operation) as target_config:
            ex = ctx.other_tenant.call(operation, config=target_config, assignment=assignment, json=body)
        if ex.status != 404:
            raise CheckFailed("Another tenant's data reachable", f"{ex.method} {ex.url} answered {ex.status}, not 404")
        expect(ex, 404)
        expect(ctx.api.call("getAssignment", config=config, assignment=assignment), 200)

    return scenario


WRITES = (
    "createConfiguration",
    "updateConfiguration",
    "assignConfiguration",
    "createAssignment",
    "updateAssignment",
    "updateAssignments",
    "deleteAssignment",
    "deleteConfiguration",
)
CROSS_TENANT = (
    "listConfigurations",
    "getConfiguration",
    "updateConfiguration",
    "listAssignments",
    "getAssignment",
    "deleteAssignment",
    "deleteConfiguration",
)

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("read_after_write", "createConfiguration", created_configuration_is_served),
    Scenario("read_after_write", "updateConfiguration", updated_configuration_is_served),
    Scenario("read_after_write", "createAssignment", created_assignment_is_served),
    Scenario("read_after_write", "updateAssignment", updated_assignment_is_served),
    Scenario("patch_merges", "updateConfiguration", configuration_patch_merges),
    Scenario("patch_merges", "updateAssignment", assignment_patch_merges),
    Scenario("patch_merges", "updateAssignments", seed_patch_merges),
    Scenario("seed_update_by_id", "updateAssignments", seed_updates_by_body_id),
    Scenario("seed_unknown_id_404", "updateAssignments", seed_unknown_id_is_404),
    Scenario("seed_create_without_id", "updateAssignments", seed_creates_without_id),
    Scenario("delete_removes", "deleteConfiguration", deleted_configuration_is_gone),
    Scenario("delete_removes", "deleteAssignment", deleted_assignment_is_gone),
    *(Scenario("read_only_forbidden", op, read_only_cannot(op), needs="read_only") for op in WRITES),
    *(Scenario("tenant_isolation", op, other_tenant_cannot(op), needs="other_tenant") for op in CROSS_TENANT),
)
