"""A mixed workload of concurrent clients, each keeping an exact model of what its acknowledged writes
left on the server, and the comparison of those models with the stored state.

Each client owns the configurations it creates (its tenant's, disjoint from other clients'), so its own
sequence of acknowledged writes fully decides what the server must hold for it, whatever the
interleaving with other clients. Every write carries a unique value (a configuration's `displayName`,
an assignment's `groupId`), so a write whose answer never came (a crash) can be recognised afterwards.
"""

from __future__ import annotations

import asyncio
import copy
import json
import random
from dataclasses import dataclass, field
from typing import Any

import httpx

from reliability.state import Snapshot

__all__ = ["Client", "Comparison", "Pending", "compare", "run_clients"]

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
GROUP = "#microsoft.graph.groupAssignmentTarget"
_WRITES = {
    "create_config": 10, "patch_config": 14, "delete_config": 3, "create_assignment": 14,
    "upsert_assignment": 7, "patch_collection_new": 5, "patch_assignment": 9, "delete_assignment": 6,
    "assign": 4,
}  # fmt: skip
_READS = {"get_config": 12, "list_assignments": 10, "count": 4}

# What a client models per configuration: its name, version and assignments (id -> groupId).
Config = dict[str, Any]


def _target(group: str) -> dict[str, str]:
    return {"@odata.type": GROUP, "groupId": group}


@dataclass
class Pending:
    """A write sent whose answer has not come: after a crash, it may or may not have been applied."""

    kind: str
    config_id: str | None
    before: Config | None  # the configuration as modelled before the write (None: a create)
    after: Config | None  # ... and after it (None: deleted); assignment ids may be unknown ("?n")
    nonce: str


@dataclass
class Client:
    """One client: its tenant, its model, its counters."""

    index: int
    token: str
    tenant: str
    seed: int
    model: dict[str, Config] = field(default_factory=dict)
    pending: Pending | None = None
    counter: int = 0
    acknowledged: int = 0  # writes answered 2xx
    reads: int = 0
    stale_reads: list[str] = field(default_factory=list)  # a read that disagreed with the model
    unexpected: list[str] = field(default_factory=list)  # an answer a valid request should not get
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}/{self.index}")

    def nonce(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.index}-{self.counter}"

    async def step(self, http: httpx.AsyncClient) -> None:
        """One operation, chosen at random among those the model allows; raises httpx.TransportError on a
        lost connection (the write then stays in `pending`)."""
        choices = dict(_WRITES) | dict(_READS)
        if not self.model:
            choices = {"create_config": 1}
        kind = self.rng.choices(list(choices), weights=list(choices.values()))[0]
        await getattr(self, kind)(http)

    def _config(self) -> tuple[str, Config]:
        config_id = self.rng.choice(sorted(self.model))
        return config_id, self.model[config_id]

    def _expect(self, answer: httpx.Response, status: int, what: str) -> bool:
        if answer.status_code != status:
            self.unexpected.append(f"{what}: {answer.status_code} {answer.text[:160]}")
            return False
        return True

    async def _write(
        self, http: httpx.AsyncClient, pending: Pending, method: str, path: str, body: Any, status: int
    ) -> httpx.Response | None:
        self.pending = pending
        answer = await http.request(method, path, json=body)
        self.pending = None
        if not self._expect(answer, status, f"{pending.kind} {method} {path}"):
            return None
        self.acknowledged += 1
        return answer

    # Writes

    async def create_config(self, http: httpx.AsyncClient) -> None:
        name, version = self.nonce("c"), self.rng.randrange(1000)
        after = {"displayName": name, "version": version, "assignments": {}}
        pending = Pending("create_config", None, None, after, name)
        answer = await self._write(http, pending, "POST", CONFIGS, {"displayName": name, "version": version}, 201)
        if answer is not None:
            self.model[answer.json()["id"]] = after

    async def patch_config(self, http: httpx.AsyncClient) -> None:
        config_id, before = self._config()
        name, version = self.nonce("c"), self.rng.randrange(1000)
        after = {**copy.deepcopy(before), "displayName": name, "version": version}
        body = {"displayName": name, "version": version}
        pending = Pending("patch_config", config_id, copy.deepcopy(before), after, name)
        if await self._write(http, pending, "PATCH", f"{CONFIGS}/{config_id}", body, 200) is not None:
            self.model[config_id] = after

    async def delete_config(self, http: httpx.AsyncClient) -> None:
        if len(self.model) < 3:
            return await self.create_config(http)
        config_id, before = self._config()
        pending = Pending("delete_config", config_id, copy.deepcopy(before), None, "")
        if await self._write(http, pending, "DELETE", f"{CONFIGS}/{config_id}", None, 204) is not None:
            del self.model[config_id]

    async def create_assignment(self, http: httpx.AsyncClient, *, collection: bool = False) -> None:
        config_id, before = self._config()
        group = self.nonce("g")
        after = copy.deepcopy(before)
        after["assignments"]["?new"] = group
        method = "PATCH" if collection else "POST"
        pending = Pending("create_assignment", config_id, copy.deepcopy(before), after, group)
        body = {"target": _target(group)}
        status = 200 if collection else 201
        answer = await self._write(http, pending, method, f"{CONFIGS}/{config_id}/assignments", body, status)
        if answer is not None:
            before["assignments"][answer.json()["id"]] = group

    async def patch_collection_new(self, http: httpx.AsyncClient) -> None:
        await self.create_assignment(http, collection=True)

    def _assignment(self) -> tuple[str, Config, str] | None:
        having = sorted(
            cid
            for cid, config in self.model.items()
            if config["assignments"] and not any(key.startswith("?") for key in config["assignments"])
        )
        if not having:
            return None
        config_id = self.rng.choice(having)
        config = self.model[config_id]
        return config_id, config, self.rng.choice(sorted(config["assignments"]))

    async def _update_assignment(self, http: httpx.AsyncClient, collection: bool) -> None:
        found = self._assignment()
        if found is None:
            return await self.create_assignment(http)
        config_id, before, assignment_id = found
        group = self.nonce("g")
        after = copy.deepcopy(before)
        after["assignments"][assignment_id] = group
        pending = Pending("update_assignment", config_id, copy.deepcopy(before), after, group)
        if collection:
            path, body = f"{CONFIGS}/{config_id}/assignments", {"id": assignment_id, "target": _target(group)}
        else:
            path, body = f"{CONFIGS}/{config_id}/assignments/{assignment_id}", {"target": _target(group)}
        if await self._write(http, pending, "PATCH", path, body, 200) is not None:
            before["assignments"][assignment_id] = group

    async def upsert_assignment(self, http: httpx.AsyncClient) -> None:
        await self._update_assignment(http, collection=True)

    async def patch_assignment(self, http: httpx.AsyncClient) -> None:
        await self._update_assignment(http, collection=False)

    async def delete_assignment(self, http: httpx.AsyncClient) -> None:
        found = self._assignment()
        if found is None:
            return await self.create_assignment(http)
        config_id, before, assignment_id = found
        after = copy.deepcopy(before)
        del after["assignments"][assignment_id]
        pending = Pending("delete_assignment", config_id, copy.deepcopy(before), after, "")
        path = f"{CONFIGS}/{config_id}/assignments/{assignment_id}"
        if await self._write(http, pending, "DELETE", path, None, 204) is not None:
            del before["assignments"][assignment_id]

    async def assign(self, http: httpx.AsyncClient) -> None:
        """Replace every assignment (the answer has no ids: a list learns them)."""
        config_id, before = self._config()
        groups = [self.nonce("g") for _ in range(self.rng.randrange(4))]
        after = {**copy.deepcopy(before), "assignments": {f"?{i}": group for i, group in enumerate(groups)}}
        pending = Pending("assign", config_id, copy.deepcopy(before), after, ",".join(groups))
        body = {"iOSLobAppProvisioningConfigAssignments": [{"target": _target(group)} for group in groups]}
        if await self._write(http, pending, "POST", f"{CONFIGS}/{config_id}/assign", body, 204) is None:
            return
        self.model[config_id] = after
        await self.list_assignments(http, config_id)

    # Reads: each compared with the model

    async def get_config(self, http: httpx.AsyncClient) -> None:
        config_id, config = self._config()
        answer = await http.get(f"{CONFIGS}/{config_id}")
        self.reads += 1
        if self._expect(answer, 200, f"GET {config_id}"):
            seen = answer.json()
            if (seen.get("displayName"), seen.get("version")) != (config["displayName"], config["version"]):
                self.stale_reads.append(f"GET {config_id}: {seen.get('displayName')} != {config['displayName']}")

    async def list_assignments(self, http: httpx.AsyncClient, config_id: str | None = None) -> None:
        if config_id is None:
            config_id, _ = self._config()
        answer = await http.get(f"{CONFIGS}/{config_id}/assignments", params={"$top": "1000"})
        self.reads += 1
        if not self._expect(answer, 200, f"list {config_id}"):
            return
        seen = {item["id"]: item["target"]["groupId"] for item in answer.json()["value"]}
        modelled = self.model[config_id]["assignments"]
        if sorted(seen.values()) != sorted(modelled.values()):
            self.stale_reads.append(f"list {config_id}: {sorted(seen.values())} != {sorted(modelled.values())}")
        else:
            self.model[config_id]["assignments"] = seen  # learns the ids an assign left unknown

    async def count(self, http: httpx.AsyncClient) -> None:
        config_id, config = self._config()
        answer = await http.get(f"{CONFIGS}/{config_id}/assignments/$count")
        self.reads += 1
        if self._expect(answer, 200, f"count {config_id}") and int(answer.text) != len(config["assignments"]):
            self.stale_reads.append(f"count {config_id}: {answer.text} != {len(config['assignments'])}")


@dataclass
class Progress:
    steps: int = 0  # steps finished so far, by every client


async def run_clients(base_url: str, clients: list[Client], operations: int, progress: Progress | None = None) -> int:
    """Run `operations` steps per client, all clients at once; a client stops at its first lost connection
    (its write stays pending). Returns how many steps ran."""
    progress = progress or Progress()
    before = progress.steps

    async def one(client: Client) -> None:
        headers = {"Authorization": f"Bearer {client.token}"}
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as http:
            for _ in range(operations):
                try:
                    await client.step(http)
                except httpx.TransportError:
                    return
                progress.steps += 1

    await asyncio.gather(*(one(client) for client in clients))
    return progress.steps - before


@dataclass
class Comparison:
    lost: list[str] = field(default_factory=list)  # acknowledged, not (or not so) stored
    phantom: list[str] = field(default_factory=list)  # stored, never acknowledged (nor pending)
    half_applied: list[str] = field(default_factory=list)  # a write partly stored
    unacknowledged_applied: int = 0  # pending writes found applied: a kill between commit and answer
    unacknowledged_absent: int = 0  # pending writes found not applied


def _stored(state: Snapshot, tenant: str) -> tuple[dict[str, Config], list[str]]:
    """The tenant's configurations as clients model them, and the ids of orphaned assignments."""
    configs_rows, assignment_rows = state
    stored: dict[str, Config] = {}
    for row_tenant, config_id, doc in configs_rows:
        if row_tenant == tenant:
            data = json.loads(doc)
            stored[config_id] = {"displayName": data.get("displayName"), "version": data.get("version")}
            stored[config_id]["assignments"] = {}
    all_configs = {row[1] for row in configs_rows}
    orphans = []
    for config_id, assignment_id, doc in assignment_rows:
        if config_id in stored:
            stored[config_id]["assignments"][assignment_id] = json.loads(doc)["target"]["groupId"]
        elif config_id not in all_configs:
            orphans.append(assignment_id)
    return stored, orphans


def _same(modelled: Config | None, stored: Config | None) -> bool:
    """Equal, where an assignment id the model does not know yet (`?...`) matches by its groupId."""
    if modelled is None or stored is None:
        return modelled is stored
    if (modelled["displayName"], modelled["version"]) != (stored["displayName"], stored["version"]):
        return False
    if any(key.startswith("?") for key in modelled["assignments"]):
        return sorted(modelled["assignments"].values()) == sorted(stored["assignments"].values())
    return bool(modelled["assignments"] == stored["assignments"])


def _resolve(client: Client, stored: dict[str, Config], result: Comparison) -> None:
    """Settle the client's pending write from what is stored: applied, not applied, or half-applied."""
    pending, client.pending = client.pending, None
    if pending is None:
        return
    if pending.config_id is None:  # a create: recognised by its unique name
        match = [cid for cid, config in stored.items() if config["displayName"] == pending.nonce]
        if match:
            client.model[match[0]] = stored[match[0]]
            result.unacknowledged_applied += 1
        else:
            result.unacknowledged_absent += 1
        return
    now = stored.get(pending.config_id)
    if _same(pending.after, now):
        result.unacknowledged_applied += 1
        if now is None:
            client.model.pop(pending.config_id, None)
        else:
            client.model[pending.config_id] = now
    elif _same(pending.before, now):
        result.unacknowledged_absent += 1
    else:
        result.half_applied.append(f"{pending.kind} on {pending.config_id}: stored {now}")
        if now is not None:
            client.model[pending.config_id] = now


def compare(clients: list[Client], state: Snapshot) -> Comparison:
    """Every client's model against the stored state (pending writes settled first)."""
    result = Comparison()
    owned: dict[str, set[str]] = {}
    orphans: set[str] = set()
    for client in clients:
        stored, tenant_orphans = _stored(state, client.tenant)
        orphans.update(tenant_orphans)
        _resolve(client, stored, result)
        mine = owned.setdefault(client.tenant, set())
        for config_id, modelled in client.model.items():
            mine.add(config_id)
            now = stored.get(config_id)
            if now is not None and _same(modelled, now) and any(k.startswith("?") for k in modelled["assignments"]):
                client.model[config_id] = now  # learn the ids an assign gave (its list never came)
            if now is None:
                result.lost.append(f"configuration {config_id} ({modelled['displayName']})")
            elif not _same(modelled, now):
                groups_now = set(now["assignments"].values())
                groups_modelled = set(modelled["assignments"].values())
                result.lost += [f"assignment {g} of {config_id}" for g in groups_modelled - groups_now]
                result.phantom += [f"assignment {g} of {config_id}" for g in groups_now - groups_modelled]
                if (modelled["displayName"], modelled["version"]) != (now["displayName"], now["version"]):
                    result.lost.append(f"update of {config_id}: {modelled['displayName']} != {now['displayName']}")
    for tenant in owned:
        stored, _ = _stored(state, tenant)
        result.phantom += [f"configuration {cid}" for cid in sorted(set(stored) - owned[tenant])]
    result.half_applied += [f"orphaned assignment {aid}" for aid in sorted(orphans)]
    return result
