"""What each operation does, by operationId: decide, call the store, answer.

Handlers run inside the request's unit of work (see store.py): they read, decide, then write; raising
ApiError refuses the request and drops its writes. On PostgreSQL a handler may run again after a
concurrency conflict, so it has no effects besides the store's. Bodies arrive checked and projected (only
what the spec defines, no server-set property, `@odata.type` canonical), and answers take their OData shape
in odata.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ios_lob_kit.mock_server.calls import Call, Reply
from ios_lob_kit.mock_server.errors import not_found
from ios_lob_kit.mock_server.ids import new_id
from ios_lob_kit.mock_server.odata import entity, page
from ios_lob_kit.mock_server.store import Page, Store
from ios_lob_kit.openapi.index import ODATA_TYPE

__all__ = ["Api"]

CONFIG_ID = "iosLobAppProvisioningConfigurationId"
ASSIGNMENT_ID = "iosLobAppProvisioningConfigurationAssignmentId"
GROUP_ASSIGNMENT_ID = "mobileAppProvisioningConfigGroupAssignmentId"
ASSIGN_LIST = "iOSLobAppProvisioningConfigAssignments"
ASSIGN_GROUP_LIST = "appProvisioningConfigurationGroupAssignments"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Api:
    def __init__(self, store: Store, page_size: int, ids: Callable[[], str] = new_id) -> None:
        self.store = store
        self._page_size = page_size
        self._ids = ids  # where a new resource's id comes from
        self.handlers: dict[str, Callable[[Call], Reply]] = {
            "listConfigurations": self.list_configurations,
            "createConfiguration": self.create_configuration,
            "getConfiguration": self.get_configuration,
            "updateConfiguration": self.update_configuration,
            "deleteConfiguration": self.delete_configuration,
            "countConfigurations": self.count_configurations,
            "assignConfiguration": self.assign_configuration,
            "listAssignments": self.list_assignments,
            "createAssignment": self.create_assignment,
            "updateAssignments": self.update_assignments,
            "countAssignments": self.count_assignments,
            "getAssignment": self.get_assignment,
            "updateAssignment": self.update_assignment,
            "deleteAssignment": self.delete_assignment,
            "listGroupAssignments": self.list_group_assignments,
            "countGroupAssignments": self.count_group_assignments,
            "getGroupAssignment": self.get_group_assignment,
        }

    # Configurations

    def _configuration(self, call: Call) -> dict[str, Any]:
        doc = self.store.get_configuration(call.tenant, call.params[CONFIG_ID])
        if doc is None:
            raise not_found(f"No iosLobAppProvisioningConfiguration with id '{call.params[CONFIG_ID]}'.")
        return doc

    def _new(self, body: dict[str, Any], **assigned: Any) -> dict[str, Any]:
        """A new document with a new `id`, in the order Graph answers: `@odata.type`, `id`, the rest."""
        first = {key: body[key] for key in (ODATA_TYPE,) if key in body}
        return {**first, "id": self._ids(), **body, **assigned}

    def list_configurations(self, call: Call) -> Reply:
        def fetch(**options: Any) -> Page:
            return self.store.list_configurations(call.tenant, **options)

        return Reply(200, page(call, self._page_size, fetch, self._navigate))

    def _navigate(self, name: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
        """A configuration's navigation property in full, for `$expand` (the spec lists which)."""
        read = {"assignments": self.store.assignments_of, "groupAssignments": self.store.group_assignments_of}
        return read[name](doc["id"])

    def create_configuration(self, call: Call) -> Reply:
        now = _now()
        doc = self._new(call.body, createdDateTime=now, lastModifiedDateTime=now)
        self.store.insert_configuration(call.tenant, doc)
        return Reply(201, entity(call, doc))

    def get_configuration(self, call: Call) -> Reply:
        return Reply(200, entity(call, self._configuration(call), self._navigate))

    def update_configuration(self, call: Call) -> Reply:
        doc = {**self._configuration(call), **call.body, "lastModifiedDateTime": _now()}
        self.store.replace_configuration(call.tenant, doc)
        return Reply(200, entity(call, doc))

    def delete_configuration(self, call: Call) -> Reply:
        self.store.delete_configuration(call.tenant, self._owned_configuration(call))
        return Reply(204)

    def count_configurations(self, call: Call) -> Reply:
        return Reply(200, str(self.store.count_configurations(call.tenant, call.query.where)))

    def assign_configuration(self, call: Call) -> Reply:
        """Replace the configuration's assignments and its group assignments with the lists given."""
        config_id = self._owned_configuration(call)
        self.store.clear_assignments(config_id)
        for item in call.body.get(ASSIGN_LIST, []):
            self.store.insert_assignment(config_id, self._new(item))
        groups = [self._new(item) for item in call.body.get(ASSIGN_GROUP_LIST, [])]
        self.store.replace_group_assignments(config_id, groups)
        return Reply(204)

    # Assignments

    def _owned_configuration(self, call: Call) -> str:
        config_id = call.params[CONFIG_ID]
        if not self.store.has_configuration(call.tenant, config_id):
            raise not_found(f"No iosLobAppProvisioningConfiguration with id '{config_id}'.")
        return config_id

    def _assignment(self, config_id: str, assignment_id: str) -> dict[str, Any]:
        doc = self.store.get_assignment(config_id, assignment_id)
        if doc is None:
            raise not_found(
                f"No iosLobAppProvisioningConfigurationAssignment with id '{assignment_id}'"
                f" in configuration '{config_id}'."
            )
        return doc

    def list_assignments(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)

        def fetch(**options: Any) -> Page:
            return self.store.list_assignments(config_id, **options)

        return Reply(200, page(call, self._page_size, fetch))

    def create_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = self._new(call.body)
        self.store.insert_assignment(config_id, doc)
        return Reply(201, entity(call, doc))

    def update_assignments(self, call: Call) -> Reply:
        """The seed's collection PATCH: update the assignment the body's `id` names, or create one."""
        config_id = self._owned_configuration(call)
        if "id" in call.server_set:
            doc = {**self._assignment(config_id, call.server_set["id"]), **call.body}
            self.store.replace_assignment(config_id, doc)
        else:
            doc = self._new(call.body)
            self.store.insert_assignment(config_id, doc)
        return Reply(200, entity(call, doc))

    def count_assignments(self, call: Call) -> Reply:
        return Reply(200, str(self.store.count_assignments(self._owned_configuration(call), call.query.where)))

    def get_assignment(self, call: Call) -> Reply:
        doc = self._assignment(self._owned_configuration(call), call.params[ASSIGNMENT_ID])
        return Reply(200, entity(call, doc))

    def update_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = {**self._assignment(config_id, call.params[ASSIGNMENT_ID]), **call.body}
        self.store.replace_assignment(config_id, doc)
        return Reply(200, entity(call, doc))

    def delete_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        self.store.delete_assignment(config_id, self._assignment(config_id, call.params[ASSIGNMENT_ID])["id"])
        return Reply(204)

    # Group assignments: read here; the assign action writes them.

    def list_group_assignments(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)

        def fetch(**options: Any) -> Page:
            return self.store.list_group_assignments(config_id, **options)

        return Reply(200, page(call, self._page_size, fetch))

    def count_group_assignments(self, call: Call) -> Reply:
        return Reply(200, str(self.store.count_group_assignments(self._owned_configuration(call), call.query.where)))

    def get_group_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = self.store.get_group_assignment(config_id, call.params[GROUP_ASSIGNMENT_ID])
        if doc is None:
            raise not_found(
                f"No mobileAppProvisioningConfigGroupAssignment with id '{call.params[GROUP_ASSIGNMENT_ID]}'"
                f" in configuration '{config_id}'."
            )
        return Reply(200, entity(call, doc))
