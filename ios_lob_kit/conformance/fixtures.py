"""What the run needs on the target, and what it leaves behind.

`run_configuration` creates the run's configuration through the generated client (marked with the run's
seed, and given a group assignment through the assign action so the groupAssignments reads have data); the
run's `Leftovers` hold it, and the run's clean-up deletes it with everything else the run made
(`ios_lob_kit.conformance.writes`). With `--configuration-id` the given configuration is only read: the run still
creates a scratch configuration, and every write (assign, update, delete, assignments) goes there instead
(`RunContext.writable`), so the run never changes data it did not create.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import DOT_SEGMENTS, REQUEST_ERRORS
from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.credentials import FreshBearer
from ios_lob_kit.conformance.errors import BudgetSpent, CheckFailed, TargetError, UsageError
from ios_lob_kit.conformance.markers import marked
from ios_lob_kit.conformance.target import Target
from ios_lob_kit.conformance.writes import BudgetTransport, WriteBudget, id_of
from ios_lob_kit.generated_client.api.assignments import create_assignment, list_assignments
from ios_lob_kit.generated_client.api.configurations import assign_configuration, create_configuration
from ios_lob_kit.generated_client.api.group_assignments import list_group_assignments
from ios_lob_kit.generated_client.client import AuthenticatedClient
from ios_lob_kit.generated_client.models.assign_configuration_request import AssignConfigurationRequest
from ios_lob_kit.generated_client.models.group_assignment_target import GroupAssignmentTarget
from ios_lob_kit.generated_client.models.ios_lob_app_provisioning_configuration_assignment_request import (
    IosLobAppProvisioningConfigurationAssignmentRequest,
)
from ios_lob_kit.generated_client.models.ios_lob_app_provisioning_configuration_request import (
    IosLobAppProvisioningConfigurationRequest,
)
from ios_lob_kit.generated_client.models.mobile_app_provisioning_config_group_assignment_request import (
    MobileAppProvisioningConfigGroupAssignmentRequest,
)

CONFIGURATIONS = "deviceAppManagement/iosLobAppProvisioningConfigurations"
RUN_GROUP_ID = "5e1f0c3a-9b7d-4e2a-8c61-0d3f2a7b9e45"  # the group the run's configuration is assigned to


def run_configuration_body(seed: int) -> dict[str, str]:
    """What the run's configuration is created with (its name marked with the run's seed)."""
    return {
        "@odata.type": spec.odata_type("iosLobAppProvisioningConfiguration"),
        "displayName": marked("conformance suite run", seed),
        "description": "Created by the conformance suite; deleted when the run ends.",
    }


@contextlib.contextmanager
def run_configuration(
    target: Target,
    configuration_id: str | None,
    scratch: dict[str, str],
    budget: WriteBudget,
    *,
    seed: int,
    read_only: bool = False,
) -> Iterator[str]:
    """The id of the configuration the run works in (given, or created here and held in `budget.leftovers`
    until the run's clean-up; a read-only run creates nothing); a given one's scratch configuration is put in
    `scratch` while the run lasts."""
    if configuration_id is not None:
        _must_exist(target, configuration_id)
    if read_only:
        if configuration_id is None:
            raise UsageError("--read-only needs --configuration-id: the configuration to read")
        yield configuration_id
        return
    created_id = _created_configuration(target, budget, seed)
    if configuration_id is None:
        yield created_id
        return
    scratch[configuration_id] = created_id
    try:
        yield configuration_id
    finally:
        scratch.pop(configuration_id, None)


def _created_configuration(target: Target, budget: WriteBudget, seed: int) -> str:
    # A token asked for at each call (a long run outlives one); every request within the write budget.
    args = {"auth": FreshBearer(target.credential), "transport": BudgetTransport(budget)}
    with AuthenticatedClient(base_url=target.base_url, token=target.token, httpx_args=args) as client:
        body = IosLobAppProvisioningConfigurationRequest.from_dict(run_configuration_body(seed))
        try:
            response = create_configuration.sync_detailed(client=client, body=body)
        except (*REQUEST_ERRORS, BudgetSpent, ValueError, KeyError, TypeError) as exc:
            raise _setup_failed(f"createConfiguration failed: {type(exc).__name__} {exc}") from None
        # Lenient on purpose: a wrong status or shape is for the checks to report, not a reason to stop.
        status, answer = response.status_code, _text(response.content)
        if status in (401, 403):  # it reads (the probe said so) but cannot write: the wrong token, not a finding
            raise TargetError(
                f"the --token cannot write: createConfiguration answered {status} ({answer}); "
                "pass a DeviceManagementApps.ReadWrite.All token (--read-only runs only read)"
            )
        created_id = id_of(response.content) if 200 <= status < 300 else None
        if created_id is None:
            raise _setup_failed(f"createConfiguration answered {status}: {answer}")
        _assign_group(client, created_id)
        return created_id


def _assign_group(client: AuthenticatedClient, configuration_id: str) -> None:
    """Give the run's configuration a group assignment (the assign action is the only way to make one), so
    the groupAssignments reads have something to read. Lenient: a refusal is for the checks to report."""
    group = MobileAppProvisioningConfigGroupAssignmentRequest(target_group_id=RUN_GROUP_ID)
    body = AssignConfigurationRequest(app_provisioning_configuration_group_assignments=[group])
    with contextlib.suppress(*REQUEST_ERRORS, BudgetSpent, ValueError, KeyError, TypeError):
        assign_configuration.sync_detailed(configuration_id, client=client, body=body)


# The operations that read one item of a configuration's collection, each with the listing that shows one.
ITEM_READS = {"getAssignment": list_assignments, "getGroupAssignment": list_group_assignments}


@dataclass(frozen=True)
class Items:
    """Real items for `ITEM_READS` to read: each operation's item id, and the requests that made them."""

    ids: dict[str, str]
    made: tuple[Exchange, ...] = ()  # a reproduction sends them again first (the assignment's create)


def items_to_read(target: Target, configuration_id: str, budget: WriteBudget, *, make: bool) -> Items:
    """A real item's id for each of `ITEM_READS`, the first its listing shows in `configuration_id`: the server
    makes those ids and generated cases come from the seed alone, so no case would guess one. With `make` (the
    run's own configuration) a group assignment is assigned and an assignment created first (the assign action
    replaces both lists), so an item read meets an item whatever ran before it, in any shard; otherwise (a
    configuration given to the run) what is there is read, and nothing is written. An empty listing, or one the
    target refuses, gives nothing for that operation: its cases then meet 404s, and the verdict says so."""
    args = {"auth": FreshBearer(target.credential), "transport": BudgetTransport(budget)}
    found: dict[str, str] = {}
    made: tuple[Exchange, ...] = ()
    with AuthenticatedClient(base_url=target.base_url, token=target.token, httpx_args=args) as client:
        if make:
            _assign_group(client, configuration_id)
            made = _created_assignment(client, target, configuration_id)
        for operation, listing in ITEM_READS.items():
            with contextlib.suppress(*REQUEST_ERRORS, BudgetSpent, ValueError, KeyError, TypeError, AttributeError):
                answer = listing.sync_detailed(configuration_id, client=client, top=1)
                items = json.loads(answer.content).get("value") if answer.status_code == 200 else None
                item = items[0] if isinstance(items, list) and items else None
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str) and item_id not in ("", *DOT_SEGMENTS):
                    found[operation] = item_id
    return Items(found, made)


def _created_assignment(client: AuthenticatedClient, target: Target, configuration_id: str) -> tuple[Exchange, ...]:
    """An assignment created in `configuration_id`: the request that made it, for reproductions (none when the
    target refused or did not answer; lenient, as the run's set-up is)."""
    group = GroupAssignmentTarget(odata_type="#microsoft.graph.groupAssignmentTarget", group_id=RUN_GROUP_ID)
    body = IosLobAppProvisioningConfigurationAssignmentRequest(target=group)
    try:
        answer = create_assignment.sync_detailed(configuration_id, client=client, body=body)
    except (*REQUEST_ERRORS, BudgetSpent, ValueError, KeyError, TypeError):
        return ()
    created_id = id_of(answer.content)
    if created_id is None:
        return ()
    path = f"{CONFIGURATIONS}/{quote(configuration_id, safe='')}/assignments"
    return (_made(target, "createAssignment", path, body.to_dict(), created_id),)


def _setup_failed(message: str) -> CheckFailed:
    """The target would not create the run's configuration: a failed check, not a usage error."""
    return CheckFailed("Cannot create the run's configuration", message, check="run_setup")


def creation(target: Target, created_id: str, seed: int) -> Exchange:
    """The request that created the run's configuration `created_id`, as a reproduction sends it again."""
    return _made(target, "createConfiguration", CONFIGURATIONS, run_configuration_body(seed), created_id)


def _made(target: Target, operation: str, path: str, body: dict[str, Any], created_id: str) -> Exchange:
    """A create the run sent (a POST of `body` to `path`) and the id it made, as a reproduction sends it again."""
    return Exchange(
        operation_id=operation,
        method="POST",
        url=f"{target.base_url}/{path}",
        request_headers={"authorization": f"Bearer {target.token}", "content-type": "application/json"},
        request_body=json.dumps(body).encode(),
        status=201,
        response_headers={"content-type": "application/json"},
        response_body=json.dumps({"id": created_id}).encode(),
    )


def _must_exist(target: Target, configuration_id: str) -> None:
    configurations = f"{target.base_url}/{CONFIGURATIONS}"
    url = f"{configurations}/{quote(configuration_id, safe='')}"
    status = httpx.get(url, headers={"Authorization": f"Bearer {target.token}"}, timeout=30.0).status_code
    if status != 200:
        raise TargetError(f"--configuration-id {configuration_id}: getConfiguration answered {status}, not 200")


def _text(content: bytes) -> str:
    """An answer's body as one line of text (a Graph error as its code and message), at most 300 characters."""
    try:
        error = json.loads(content).get("error")
        shown = f"{error['code']}: {error['message']}"
    except (ValueError, AttributeError, TypeError, KeyError):
        shown = content.decode("utf-8", "replace")
    return " ".join(shown.split())[:300] or "no body"
