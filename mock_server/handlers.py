"""What each operation does, by operationId.

Handlers run inside the request's unit of work (see store.py): they read, decide, then write; raising
ApiError refuses the request and drops its writes. On PostgreSQL a handler may run again after a
concurrency conflict, so it has no effects besides the store's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mock_server.errors import not_found
from mock_server.ids import new_id
from mock_server.odata import Query, context_url, next_link, select
from mock_server.operations import Operation
from mock_server.store import Page, Store
from openapi.index import ODATA_TYPE, Index

__all__ = ["Api", "Call", "Reply"]

CONFIG_ID = "iosLobAppProvisioningConfigurationId"
ASSIGNMENT_ID = "iosLobAppProvisioningConfigurationAssignmentId"
ASSIGN_LIST = "iOSLobAppProvisioningConfigAssignments"


@dataclass(slots=True)
class Call:
    operation: Operation
    tenant: str
    params: dict[str, str]  # path parameters
    query: Query
    body: Any  # validated and projected to the spec's properties; None without a body
    root: str  # the service root, e.g. http://127.0.0.1:8000/beta
    url: str  # this request's absolute URL without its query


@dataclass(frozen=True)
class Reply:
    status: int
    payload: dict[str, Any] | str | None = None  # JSON object, text/plain, or no body


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _entity_type(spec: Index, component: str) -> str:
    odata_type = spec.schemas[component].odata_type
    if odata_type is None:
        raise ValueError(f"{component}: no canonical {ODATA_TYPE} in the spec")
    return odata_type


class Api:
    def __init__(self, spec: Index, store: Store, page_size: int) -> None:
        self.store = store
        self._page_size = page_size
        self._server_set = spec.server_set | {ODATA_TYPE}  # ignored in writes (the server writes `@odata.type`)
        self._config_type = _entity_type(spec, "iosLobAppProvisioningConfiguration")
        self._assignment_type = _entity_type(spec, "iosLobAppProvisioningConfigurationAssignment")
        self.handlers: dict[str, Callable[[Call], Reply]] = {
            "listConfigurations": self.list_configurations,
            "createConfiguration": self.create_configuration,
            "getConfiguration": self.get_configuration,
            "updateConfiguration": self.update_configuration,
            "deleteConfiguration": self.delete_configuration,
            "assignConfiguration": self.assign_configuration,
            "listAssignments": self.list_assignments,
            "createAssignment": self.create_assignment,
            "updateAssignments": self.update_assignments,
            "countAssignments": self.count_assignments,
            "getAssignment": self.get_assignment,
            "updateAssignment": self.update_assignment,
            "deleteAssignment": self.delete_assignment,
        }

    def _writable(self, body: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in body.items() if key not in self._server_set}

    # Rendering

    def _entity(self, call: Call, odata_type: str, doc: dict[str, Any]) -> dict[str, Any]:
        chosen = call.query.select
        context = context_url(call.root, call.operation.path, call.params, chosen, entity=True)
        return {"@odata.context": context, **select({ODATA_TYPE: odata_type, **doc}, chosen)}

    def _collection(self, call: Call, odata_type: str, fetch: Callable[..., Page]) -> Reply:
        query = call.query
        top = query.top
        limit = self._page_size if top is None else min(self._page_size, top)
        docs, total = fetch(only_id=query.filter_id, skip=query.skip, limit=limit + 1, with_count=query.count)
        more = len(docs) > limit and (top is None or top > limit)
        chosen = query.select
        payload: dict[str, Any] = {
            "@odata.context": context_url(call.root, call.operation.path, call.params, chosen, entity=False)
        }
        if total is not None:
            payload["@odata.count"] = total
        if more:
            remaining = None if top is None else top - limit
            payload["@odata.nextLink"] = next_link(call.url, query, query.skip + limit, remaining)
        payload["value"] = [select({ODATA_TYPE: odata_type, **doc}, chosen) for doc in docs[:limit]]
        return Reply(200, payload)

    # Configurations

    def _configuration(self, call: Call) -> dict[str, Any]:
        doc = self.store.get_configuration(call.tenant, call.params[CONFIG_ID])
        if doc is None:
            raise not_found(f"No iosLobAppProvisioningConfiguration with id '{call.params[CONFIG_ID]}'.")
        return doc

    def list_configurations(self, call: Call) -> Reply:
        def fetch(**options: Any) -> Page:
            return self.store.list_configurations(call.tenant, **options)

        return self._collection(call, self._config_type, fetch)

    def create_configuration(self, call: Call) -> Reply:
        now = _now()
        doc = {"id": new_id(), **self._writable(call.body), "createdDateTime": now, "lastModifiedDateTime": now}
        self.store.insert_configuration(call.tenant, doc)
        return Reply(201, self._entity(call, self._config_type, doc))

    def get_configuration(self, call: Call) -> Reply:
        return Reply(200, self._entity(call, self._config_type, self._configuration(call)))

    def update_configuration(self, call: Call) -> Reply:
        doc = {**self._configuration(call), **self._writable(call.body), "lastModifiedDateTime": _now()}
        self.store.replace_configuration(call.tenant, doc)
        return Reply(200, self._entity(call, self._config_type, doc))

    def delete_configuration(self, call: Call) -> Reply:
        self.store.delete_configuration(call.tenant, self._owned_configuration(call))
        return Reply(204)

    def assign_configuration(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        self.store.clear_assignments(config_id)
        for item in call.body.get(ASSIGN_LIST, []):
            self.store.insert_assignment(config_id, {"id": new_id(), **self._writable(item)})
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

        return self._collection(call, self._assignment_type, fetch)

    def create_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = {"id": new_id(), **self._writable(call.body)}
        self.store.insert_assignment(config_id, doc)
        return Reply(201, self._entity(call, self._assignment_type, doc))

    def update_assignments(self, call: Call) -> Reply:
        """The seed's collection PATCH: update the assignment the body's `id` names, or create one."""
        config_id = self._owned_configuration(call)
        if "id" in call.body:
            doc = {**self._assignment(config_id, call.body["id"]), **self._writable(call.body)}
            self.store.replace_assignment(config_id, doc)
        else:
            doc = {"id": new_id(), **self._writable(call.body)}
            self.store.insert_assignment(config_id, doc)
        return Reply(200, self._entity(call, self._assignment_type, doc))

    def count_assignments(self, call: Call) -> Reply:
        return Reply(200, str(self.store.count_assignments(self._owned_configuration(call))))

    def get_assignment(self, call: Call) -> Reply:
        doc = self._assignment(self._owned_configuration(call), call.params[ASSIGNMENT_ID])
        return Reply(200, self._entity(call, self._assignment_type, doc))

    def update_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        doc = {**self._assignment(config_id, call.params[ASSIGNMENT_ID]), **self._writable(call.body)}
        self.store.replace_assignment(config_id, doc)
        return Reply(200, self._entity(call, self._assignment_type, doc))

    def delete_assignment(self, call: Call) -> Reply:
        config_id = self._owned_configuration(call)
        self.store.delete_assignment(config_id, self._assignment(config_id, call.params[ASSIGNMENT_ID])["id"])
        return Reply(204)
