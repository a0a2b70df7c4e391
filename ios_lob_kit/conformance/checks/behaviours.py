"""What writes must do beyond answering well: server-set properties, `target` replaced as a whole, the
seed's body `id` scoped to its configuration, creates and the assign action leaving the right assignments,
bodies without a Content-Type or with an undeclared property refused. Scenarios, like `scenarios.py`: each
raises `CheckFailed`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.checks.scenarios import (
    ALL_DEVICES,
    ASSIGNMENT_TYPE,
    GROUP_TARGET,
    Scenario,
    ScenarioContext,
    comparable,
    configuration,
    every_item,
    expect,
    new_assignment,
    owner_view,
    probe,
    same,
    scratch_configuration,
)
from ios_lob_kit.conformance.errors import CheckFailed, NotExercised
from ios_lob_kit.conformance.json_meaning import instant

CREATED, MODIFIED = "createdDateTime", "lastModifiedDateTime"
if not {CREATED, MODIFIED} <= spec.SERVER_SET:
    raise ValueError(f"the spec no longer marks {CREATED} and {MODIFIED} as server-set")
SENT_DATE = "2001-02-03T04:05:06Z"  # a date no server stamps today
ALL_USERS = {spec.ODATA_TYPE: spec.odata_type("allLicensedUsersAssignmentTarget")}
OTHER_GROUP = {
    spec.ODATA_TYPE: spec.odata_type("groupAssignmentTarget"),
    "groupId": "0b9e6c1d-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
}
_DEFAULTS = (None, "none")  # what a replaced target may show for a property it no longer sets


def _assignment(target: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {spec.ODATA_TYPE: ASSIGNMENT_TYPE, "target": target, **extra}


# -- server-set properties: sent values ignored, created stable, lastModified advancing ---------------


def _not_sent_dates(entity: Any, where: str) -> None:
    for name in (CREATED, MODIFIED):
        value = entity.get(name) if isinstance(entity, dict) else None
        if isinstance(value, str) and instant(value) == instant(SENT_DATE):
            raise CheckFailed("Client-sent date stored", f"{where}: `{name}` is the {SENT_DATE} the client sent")


def _dates(entity: Any) -> tuple[Any, Any]:
    created, modified = (
        instant(str(entity.get(name))) if isinstance(entity, dict) else None for name in (CREATED, MODIFIED)
    )
    if created is None or modified is None:
        raise NotExercised(f"the server answers no {CREATED} and {MODIFIED} dates to compare")
    return created, modified


def create_ignores_server_set(ctx: ScenarioContext) -> None:
    existing = ctx.configuration_id
    before = expect(ctx.api.call("getConfiguration", config=existing), 200)
    body = {**configuration(ctx.api), "id": existing, CREATED: SENT_DATE, MODIFIED: SENT_DATE}
    created = expect(ctx.api.call("createConfiguration", json=body), 201)
    new_id = created.get("id")
    try:
        if new_id == existing:
            raise CheckFailed("Client-sent id kept", f"a create naming the existing id {existing!r} was given it")
        _not_sent_dates(created, "the create's answer")
        _not_sent_dates(expect(ctx.api.call("getConfiguration", config=new_id), 200), "GET after the create")
        after = expect(ctx.api.call("getConfiguration", config=existing), 200)
        same("the configuration whose id a create sent", comparable(before), comparable(after))
    finally:
        if isinstance(new_id, str) and new_id != existing:
            ctx.api.call("deleteConfiguration", config=new_id)


def update_stamps_server_set(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        config = created["id"]
        first = expect(ctx.api.call("getConfiguration", config=config), 200)
        created_at, modified_at = _dates(first)
        body = {"displayName": ctx.api.named("stamped"), "id": "not-" + config, CREATED: SENT_DATE, MODIFIED: SENT_DATE}
        expect(ctx.api.call("updateConfiguration", config=config, json=body), 200, 204)
        got = expect(ctx.api.call("getConfiguration", config=config), 200)
        same("id after an update that sent another", config, got.get("id"))
        _not_sent_dates(got, "GET after the update")
        if _dates(got)[0] != created_at:
            raise CheckFailed(f"{CREATED} changed", f"{first.get(CREATED)} became {got.get(CREATED)} on update")
        if _dates(got)[1] == modified_at:  # a server stamping whole seconds: one more update, a second later
            time.sleep(1.05)
            expect(
                ctx.api.call("updateConfiguration", config=config, json={"displayName": ctx.api.named("later")}),
                200,
                204,
            )
            got = expect(ctx.api.call("getConfiguration", config=config), 200)
        if _dates(got)[1] <= modified_at:
            shown = f"{first.get(MODIFIED)} before, {got.get(MODIFIED)} after"
            raise CheckFailed(f"{MODIFIED} not advanced by an update", shown)


def create_assignment_ignores_id(ctx: ScenarioContext) -> None:
    existing = new_assignment(ctx, GROUP_TARGET)
    ex = ctx.api.call("createAssignment", config=ctx.configuration_id, json=_assignment(ALL_DEVICES, id=existing["id"]))
    created = expect(ex, 201)
    if created.get("id") == existing["id"]:
        raise CheckFailed("Client-sent id kept", f"a create naming the existing assignment {existing['id']!r} got it")
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=existing["id"]), 200)
    same("the assignment whose id a create sent", comparable(existing), comparable(got))


def update_assignment_ignores_id(ctx: ScenarioContext) -> None:
    updated, other = new_assignment(ctx, GROUP_TARGET), new_assignment(ctx, ALL_USERS)
    body = _assignment(ALL_DEVICES, id=other["id"])
    answered = ctx.api.call("updateAssignment", config=ctx.configuration_id, assignment=updated["id"], json=body)
    expect(answered, 200, 204)
    if answered.status == 200:
        same("id in the answer to an update that sent another", updated["id"], answered.response_json().get("id"))
    got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=other["id"]), 200)
    same("the assignment whose id an update sent", comparable(other), comparable(got))


# -- target replaced as a whole, on both PATCHes ------------------------------------------------------


def _replaced(old: dict[str, Any], sent: dict[str, Any], got: Any, where: str) -> None:
    if not isinstance(got, dict):
        raise CheckFailed("Target not replaced", f"{where}: target is {got!r}, the PATCH sent {sent}")
    same(
        f"target type ({where})",
        spec.canonical_type(sent[spec.ODATA_TYPE]),
        spec.canonical_type(got.get(spec.ODATA_TYPE)),
    )
    for key, value in old.items():
        if key not in sent and value not in _DEFAULTS and got.get(key) == value:
            shown = f"{where}: `{key}` kept {value!r} from the old target; the PATCH sent {json.dumps(sent)}"
            raise CheckFailed("Target merged, not replaced", shown)


def _patch_replaces_target(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        created = new_assignment(ctx, GROUP_TARGET)
        if operation == "updateAssignments":
            ex = ctx.api.call(operation, config=ctx.configuration_id, json=_assignment(ALL_DEVICES, id=created["id"]))
        else:
            ex = ctx.api.call(
                operation, config=ctx.configuration_id, assignment=created["id"], json=_assignment(ALL_DEVICES)
            )
        answered = expect(ex, 200, 204)
        if ex.status == 200:
            _replaced(GROUP_TARGET, ALL_DEVICES, answered.get("target"), "the answer")
        got = expect(ctx.api.call("getAssignment", config=ctx.configuration_id, assignment=created["id"]), 200)
        _replaced(GROUP_TARGET, ALL_DEVICES, got.get("target"), "GET after the PATCH")

    return scenario


# -- the seed's body id names an assignment of this configuration only --------------------------------


def _foreign_id_is_404(ctx: ScenarioContext, owner: Api, config: str, foreign: dict[str, Any], whose: str) -> None:
    body = _assignment(ALL_DEVICES, id=foreign["id"])
    ex = ctx.api.call("updateAssignments", config=ctx.configuration_id, json=body)
    if ex.status != 404:
        shown = f"a body id of {whose} answered {ex.status}, not 404"
        raise CheckFailed("Body id found outside the configuration", shown)
    got = expect(owner.call("getAssignment", config=config, assignment=foreign["id"]), 200)
    same(f"the assignment of {whose} after the refused PATCH", comparable(foreign), comparable(got))


def seed_body_id_is_scoped(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as other:
        foreign = new_assignment(ctx, GROUP_TARGET, config=other["id"])
        _foreign_id_is_404(ctx, ctx.api, other["id"], foreign, "another configuration")
    if ctx.other_tenant is None:
        return
    theirs = ctx.other_tenant.call("createConfiguration", json=configuration(ctx.other_tenant))
    if theirs.status != 201:
        return  # that token may not write: the half with another configuration was checked
    config = theirs.response_json()["id"]
    try:
        ex = ctx.other_tenant.call("createAssignment", config=config, json=_assignment(GROUP_TARGET))
        _foreign_id_is_404(ctx, ctx.other_tenant, config, expect(ex, 201), "another tenant")
    finally:
        ctx.other_tenant.call("deleteConfiguration", config=config)


# -- a create leaves the other assignments as they were; assign leaves exactly what it assigned ---------


def _assignments(ctx: ScenarioContext, config: str) -> dict[Any, Any]:
    return {item.get("id"): comparable(item) for item in every_item(ctx.api, "listAssignments", config)}


def _create_keeps_others(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        with scratch_configuration(ctx) as created:
            config = created["id"]
            for target in (GROUP_TARGET, ALL_USERS):
                new_assignment(ctx, target, config=config)
            before = _assignments(ctx, config)
            answered = expect(ctx.api.call(operation, config=config, json=_assignment(ALL_DEVICES)), 200, 201)
            after = _assignments(ctx, config)
            if answered.get("id") not in after:
                raise CheckFailed("Created assignment not listed", f"{answered.get('id')!r} missing after {operation}")
            others = {key: value for key, value in after.items() if key != answered.get("id")}
            if others != before:
                shown = f"before: {json.dumps(before)[:400]}; after: {json.dumps(others)[:400]}"
                raise CheckFailed("A create changed the other assignments", shown)

    return scenario


def _matches(sent: dict[str, Any], got: Any) -> bool:
    """`got` is the target `sent` (what it did not send may show as defaults)."""
    if not isinstance(got, dict):
        return False
    return all(
        spec.canonical_type(value) == spec.canonical_type(got.get(key))
        if key == spec.ODATA_TYPE
        else got.get(key) == value
        for key, value in sent.items()
    )


def assign_replaces(ctx: ScenarioContext) -> None:
    with scratch_configuration(ctx) as created:
        config = created["id"]
        old = {new_assignment(ctx, target, config=config)["id"] for target in (GROUP_TARGET, ALL_DEVICES)}
        assigned = [ALL_USERS, OTHER_GROUP]
        body = {spec.assign_list(): [_assignment(target) for target in assigned]}
        expect(ctx.api.call("assignConfiguration", config=config, json=body), 200, 204)
        items = every_item(ctx.api, "listAssignments", config)
        kept = old & {item.get("id") for item in items}
        if kept:
            raise CheckFailed("Assign kept earlier assignments", f"{sorted(kept)} still listed after assign")
        left = [item.get("target") for item in items]
        for target in assigned:
            match = next((got for got in left if _matches(target, got)), None)
            if match is None:
                raise CheckFailed(
                    "Assign did not set what it was sent", f"no {json.dumps(target)} in {json.dumps(left)}"
                )
            left.remove(match)
        if left:
            raise CheckFailed("Assign left more than it was sent", f"also listed: {json.dumps(left)}")


# -- a write without Content-Type is refused and changes nothing -------------------------------------


def _refuses_untyped_body(operation: str) -> Callable[[ScenarioContext], None]:
    def scenario(ctx: ScenarioContext) -> None:
        with probe(ctx) as (config, assignment):
            body = spec.request_example(operation)
            if operation == "updateAssignments":
                body = {**body, "id": assignment}
            before = owner_view(ctx, operation, config)
            ex = ctx.api.call(operation, config=config, assignment=assignment, content=json.dumps(body).encode())
            if not 400 <= ex.status < 500:
                shown = f"{ex.method} {ex.url} without Content-Type answered {ex.status}, not 400 or 415"
                raise CheckFailed("Write without Content-Type accepted", shown)
            if owner_view(ctx, operation, config) != before:
                raise CheckFailed("Refused write applied anyway", f"{ex.method} {ex.url} answered {ex.status}")

    return scenario


def _refuses_undeclared_property(operation: str) -> Callable[[ScenarioContext], None]:
    """Requests are closed (the spec's policy): an undeclared property, at the top or in `target`, is a 400."""

    def scenario(ctx: ScenarioContext) -> None:
        with probe(ctx) as (config, assignment):
            example = spec.request_example(operation)
            if operation == "updateAssignments":
                example = {**example, "id": assignment}
            bodies = [{**example, UNDECLARED: 1}]
            if isinstance(example.get("target"), dict):
                bodies.append({**example, "target": {**example["target"], UNDECLARED: 1}})
            for body in bodies:
                before = owner_view(ctx, operation, config)
                ex = ctx.api.call(operation, config=config, assignment=assignment, json=body)
                if ex.status != 400:
                    title = "Undeclared property accepted" if ex.status < 300 else "Undeclared property not a 400"
                    raise CheckFailed(title, f"{ex.method} {ex.url} with {json.dumps(body)} answered {ex.status}")
                if owner_view(ctx, operation, config) != before:
                    raise CheckFailed("Refused write applied anyway", f"{ex.method} {ex.url} answered {ex.status}")

    return scenario


UNDECLARED = "undeclaredBySpec"  # no type of the contract declares it
_WITH_BODY = tuple(op for op in spec.WRITES if spec.request_schema(op) is not None)

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("server_set_properties", "createConfiguration", create_ignores_server_set),
    Scenario("server_set_properties", "updateConfiguration", update_stamps_server_set),
    Scenario("server_set_properties", "createAssignment", create_assignment_ignores_id),
    Scenario("server_set_properties", "updateAssignment", update_assignment_ignores_id),
    Scenario("target_replaced", "updateAssignment", _patch_replaces_target("updateAssignment")),
    Scenario("target_replaced", "updateAssignments", _patch_replaces_target("updateAssignments")),
    Scenario("seed_body_id_scoped", "updateAssignments", seed_body_id_is_scoped),
    Scenario("create_keeps_others", "createAssignment", _create_keeps_others("createAssignment")),
    Scenario("create_keeps_others", "updateAssignments", _create_keeps_others("updateAssignments")),
    Scenario("assign_replaces", "assignConfiguration", assign_replaces),
    *(Scenario("content_type_required", op, _refuses_untyped_body(op)) for op in _WITH_BODY),
    *(Scenario("undeclared_property_refused", op, _refuses_undeclared_property(op)) for op in _WITH_BODY),
)
