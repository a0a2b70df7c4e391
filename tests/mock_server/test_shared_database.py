"""Two server processes on one PostgreSQL database serve one consistent state.

Six clients (three per process) drive a seeded mix of every kind of write, each followed by a read of
what it wrote through either process (read-your-writes, across processes). Each client also keeps one
property of one shared configuration and some of its assignments, so requests from both processes
update the same rows at once. Each client keeps an exact model of what it wrote, named by values it
chose (display names, group ids), so the final state is compared without knowing server-made ids: no
acknowledged write lost, nothing there that nobody wrote. Then one process is killed with SIGKILL under
load: its clients stop at their first failed request, whose outcome is unknown (either state passes),
and every acknowledged write must be there, read through the survivor.
"""

from __future__ import annotations

import base64
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest

from ios_lob_kit.mock_server.runner import RunningServer, run_server

from .conftest import server_config

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
SEED = 1717
CLIENTS = 6
SHARED = "shared"  # the model's name for a client's share of the shared configuration
# The property of the shared configuration each client owns, and the value it writes on its n-th operation.
OWNED: list[tuple[str, Callable[[int], Any]]] = [
    ("displayName", lambda n: f"name {n}"),
    ("description", lambda n: f"description {n}"),
    ("version", lambda n: n),
    ("payloadFileName", lambda n: f"file{n}.xml"),
    ("payload", lambda n: base64.b64encode(f"{n:06d}".encode()).decode()),
    ("roleScopeTagIds", lambda n: [str(n)]),
]


def _session(server: RunningServer, token: int) -> httpx.Client:
    headers = {"Authorization": f"Bearer {server.tokens[token].token}"}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=60)


def _target(group: str) -> dict[str, str]:
    return {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group}


@dataclass(frozen=True)
class Entry:
    """A configuration as a client's model sees it: the properties it wrote and its assignments' groups."""

    fields: dict[str, Any]
    groups: frozenset[str] = frozenset()


Model = dict[str, Entry]  # by display name (or SHARED)


class Stop(Exception):
    """This client's server is gone."""


@dataclass
class Client:
    index: int
    home: RunningServer
    servers: list[RunningServer]
    shared_id: str
    rng: random.Random
    model: Model = field(default_factory=dict)
    config_ids: dict[str, str] = field(default_factory=dict)
    assignment_ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, group) -> id
    unknown: Model | None = None  # the model had the unanswered request been applied
    done: int = 0
    counter: int = 0

    def __post_init__(self) -> None:
        owned, value = OWNED[self.index]
        self.model[SHARED] = Entry({owned: value(0)})
        self.config_ids[SHARED] = self.shared_id

    def prefix(self) -> str:
        return f"c{self.index}-"

    def group_prefix(self) -> str:
        return f"g{self.index}-"

    sessions: dict[str, httpx.Client] = field(default_factory=dict)  # one keep-alive client per server

    def http(self, server: RunningServer) -> httpx.Client:
        if server.base_url not in self.sessions:
            self.sessions[server.base_url] = _session(server, 0)
        return self.sessions[server.base_url]

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()

    # One operation: decide, predict the model after it, send, then read it back.

    def step(self) -> None:
        self.counter += 1
        n = self.counter
        own = [name for name in self.model if name != SHARED]
        choices: list[Callable[[int, list[str]], tuple[Model, str, Callable[[httpx.Client], httpx.Response]]]]
        choices = [self.create, self.create, self.add_assignment, self.add_assignment, self.patch_shared]
        if own:
            choices += [self.patch, self.delete, self.assign, self.add_assignment]
        if any(entry.groups for entry in self.model.values()):
            choices += [self.remove_assignment, self.retarget]
        after, name, send = self.rng.choice(choices)(n, own)
        try:
            answer = send(self.http(self.home))
        except httpx.TransportError:
            self.unknown = after
            raise Stop from None
        assert answer.status_code < 300, answer.text
        self.record(name, answer)
        self.model = after
        self.read_back(name)
        self.done += 1

    def record(self, name: str, answer: httpx.Response) -> None:
        if answer.request.method == "POST" and answer.request.url.path.endswith(CONFIGS):
            self.config_ids[name] = answer.json()["id"]
        elif answer.status_code in (200, 201) and "target" in answer.json():
            self.assignment_ids[(name, answer.json()["target"]["groupId"])] = answer.json()["id"]

    def create(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name = f"{self.prefix()}{n}"
        body = {"displayName": name, "description": f"created {n}"}
        return (
            {**self.model, name: Entry({"description": body["description"]})},
            name,
            lambda h: h.post(CONFIGS, json=body),
        )

    def patch(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name = self.rng.choice(own)
        body = {"description": f"patched {n}"}
        after = {**self.model, name: replace(self.model[name], fields=body)}
        return after, name, lambda h: h.patch(f"{CONFIGS}/{self.config_ids[name]}", json=body)

    def patch_shared(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        owned, value = OWNED[self.index]
        body = {owned: value(n)}
        after = {**self.model, SHARED: replace(self.model[SHARED], fields=body)}
        return after, SHARED, lambda h: h.patch(f"{CONFIGS}/{self.shared_id}", json=body)

    def delete(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name = self.rng.choice(own)
        after = {key: entry for key, entry in self.model.items() if key != name}
        return after, name, lambda h: h.delete(f"{CONFIGS}/{self.config_ids[name]}")

    def add_assignment(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name = self.rng.choice([*own, SHARED])
        group = f"{self.group_prefix()}{n}"
        entry = self.model[name]
        after = {**self.model, name: replace(entry, groups=entry.groups | {group})}
        url = f"{CONFIGS}/{self.config_ids[name]}/assignments"
        if self.rng.random() < 0.5:  # the seed's collection PATCH without an id creates one
            return after, name, lambda h: h.patch(url, json={"target": _target(group)})
        return after, name, lambda h: h.post(url, json={"target": _target(group)})

    def assign(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name = self.rng.choice(own)
        groups = frozenset({f"{self.group_prefix()}{n}a", f"{self.group_prefix()}{n}b"})
        after = {**self.model, name: replace(self.model[name], groups=groups)}
        body = {"iOSLobAppProvisioningConfigAssignments": [{"target": _target(group)} for group in sorted(groups)]}
        return after, name, lambda h: h.post(f"{CONFIGS}/{self.config_ids[name]}/assign", json=body)

    def _some_assignment(self) -> tuple[str, str]:
        name = self.rng.choice(sorted(key for key, entry in self.model.items() if entry.groups))
        return name, self.rng.choice(sorted(self.model[name].groups))

    def remove_assignment(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name, group = self._some_assignment()
        entry = self.model[name]
        after = {**self.model, name: replace(entry, groups=entry.groups - {group})}
        url = f"{CONFIGS}/{self.config_ids[name]}/assignments/{self.assignment_ids[(name, group)]}"
        return after, name, lambda h: h.delete(url)

    def retarget(self, n: int, own: list[str]) -> tuple[Model, str, Any]:
        name, group = self._some_assignment()
        new = f"{self.group_prefix()}{n}"
        entry = self.model[name]
        after = {**self.model, name: replace(entry, groups=(entry.groups - {group}) | {new})}
        url = f"{CONFIGS}/{self.config_ids[name]}/assignments"
        body = {"id": self.assignment_ids[(name, group)], "target": _target(new)}
        return after, name, lambda h: h.patch(url, json=body)

    def read_back(self, name: str) -> None:
        """What this client just wrote, read through either process (through its own if the other is gone)."""
        server = self.rng.choice(self.servers)
        try:
            seen, ids = observe(self.http(server), self.config_ids[name], self.model.get(name), self.index)
        except httpx.TransportError:
            if server is self.home:
                raise Stop from None
            seen, ids = observe(self.http(self.home), self.config_ids[name], self.model.get(name), self.index)
        assert seen == self.model.get(name), (self.index, name)
        self.assignment_ids.update({(name, group): assignment for group, assignment in ids.items()})


def observe(
    http: httpx.Client, config_id: str, expected: Entry | None, index: int
) -> tuple[Entry | None, dict[str, str]]:
    """One configuration, projected onto the properties `expected` names and client `index`'s groups;
    and the ids of those assignments, by group."""
    answer = http.get(f"{CONFIGS}/{config_id}")
    if answer.status_code == 404:
        return None, {}
    assert answer.status_code == 200, answer.text
    doc = answer.json()
    names = expected.fields if expected is not None else {"description": None}
    assignments = http.get(f"{CONFIGS}/{config_id}/assignments", params={"$top": "1000"})
    assert assignments.status_code == 200, assignments.text
    ids = {item["target"]["groupId"]: item["id"] for item in assignments.json()["value"]}
    ids = {group: assignment for group, assignment in ids.items() if group.startswith(f"g{index}-")}
    return Entry({key: doc.get(key) for key in names}, frozenset(ids)), ids


def everything(server: RunningServer, client: Client) -> Model:
    """The client's configurations (by display name) and its share of the shared one, as stored now."""
    with _session(server, 0) as http:
        listed = http.get(CONFIGS, params={"$top": "1000"})
        assert listed.status_code == 200, listed.text
        assert "@odata.nextLink" not in listed.json()
        state: Model = {}
        for doc in listed.json()["value"]:
            name = doc.get("displayName") or ""
            if doc["id"] != client.shared_id and name.startswith(client.prefix()):
                seen, _ = observe(http, doc["id"], Entry({"description": None}), client.index)
                assert seen is not None
                state[name] = seen
        shared, _ = observe(http, client.shared_id, client.model[SHARED], client.index)
        assert shared is not None
        state[SHARED] = shared
    return state


def _run(client: Client, steps: int | None, stop: threading.Event, errors: list[BaseException]) -> None:
    try:
        while (steps is None or client.done < steps) and not stop.is_set():
            client.step()
    except Stop:
        pass
    except BaseException as exc:  # reported by the test's thread
        errors.append(exc)


def _drive(
    clients: list[Client], steps: int | None, stop: threading.Event
) -> tuple[list[threading.Thread], list[BaseException]]:
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_run, args=(client, steps, stop, errors)) for client in clients]
    for thread in threads:
        thread.start()
    return threads, errors


def _wait_for(clients: list[Client], minimum: int, threads: list[threading.Thread]) -> None:
    """Until every client in `clients` has finished `minimum` more operations or stopped."""
    goals = [client.done + minimum for client in clients]
    while any(thread.is_alive() for thread in threads) and any(
        client.done < goal and client.unknown is None for client, goal in zip(clients, goals, strict=True)
    ):
        time.sleep(0.05)  # polls progress; nothing here depends on how long it takes


@pytest.mark.slow
def test_two_processes_on_one_database_lose_nothing_even_under_kill_9(request: pytest.FixtureRequest) -> None:
    config = server_config("postgresql", request, page_size=1000)
    with run_server(config) as first, run_server(config) as second:
        servers = [first, second]
        with _session(first, 0) as h:
            start = {owned: value(0) for owned, value in OWNED}
            shared_id = h.post(CONFIGS, json=start).json()["id"]
        clients = [Client(i, servers[i % 2], servers, shared_id, random.Random(SEED + i)) for i in range(CLIENTS)]

        # Mixed concurrent load through both processes, then the exact state.
        stop = threading.Event()
        threads, errors = _drive(clients, 25, stop)
        for thread in threads:
            thread.join()
        assert not errors, errors
        for client in clients:
            assert everything(first, client) == client.model, client.index
            assert everything(second, client) == client.model, client.index

        # Load again; SIGKILL the second process in the middle of it; the first one keeps serving.
        threads, errors = _drive(clients, None, stop)
        _wait_for(clients, 5, threads)
        second.kill()
        _wait_for([client for client in clients if client.home is first], 5, threads)
        stop.set()
        for thread in threads:
            thread.join()
        for client in clients:
            client.close()
        assert not errors, errors
        for client in clients:
            possible = [client.model] + ([client.unknown] if client.unknown is not None else [])
            assert everything(first, client) in possible, client.index

        # Tenants stay apart: the other tenant's token sees none of it.
        with _session(first, 2) as h:
            assert h.get(CONFIGS).json()["value"] == []
            assert h.get(f"{CONFIGS}/{shared_id}").status_code == 404
