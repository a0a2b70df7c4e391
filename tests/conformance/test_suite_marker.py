"""Run markers: what a run creates is named with its seed, and removing leftovers touches only marked ones."""

from __future__ import annotations

import httpx
import pytest

from conformance.marker import is_marked, mark_body, marked, marker, remove_marked
from mock_server.runner import run_server

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"


def test_marking_is_idempotent_and_names_the_seed() -> None:
    assert marked("demo", 7) == "[conformance seed 7] demo"
    assert marked(marked("demo", 7), 8) == "[conformance seed 7] demo"
    assert is_marked(marked("x", 7))
    assert is_marked(marked("x", 7), 7)
    assert not is_marked(marked("x", 7), 8)
    assert not any(is_marked(name) for name in ("demo", None, "[conformance seed x] demo"))
    assert mark_body({"displayName": "a", "version": 1}, 3) == {"displayName": marker(3) + "a", "version": 1}
    assert mark_body({"displayName": 5}, 3) == {"displayName": 5}  # a fuzzed wrong type stays wrong
    assert mark_body([1], 3) == [1]


@pytest.mark.slow
def test_removing_leftovers_deletes_only_the_marked_configurations_of_that_seed() -> None:
    with run_server() as server:
        headers = {"Authorization": f"Bearer {server.tokens[0].token}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as client:
            names = [marked("left by run 1", 1), marked("left by run 2", 2), "someone's real configuration"]
            for name in names:
                assert client.post(CONFIGS, json={"displayName": name}).status_code == 201
            assert len(remove_marked(client, server.base_url, seed=1)) == 1
            left = {item["displayName"] for item in client.get(CONFIGS).json()["value"]}
            assert left == set(names[1:])
            assert len(remove_marked(client, server.base_url)) == 1  # any run's
            assert [item["displayName"] for item in client.get(CONFIGS).json()["value"]] == [names[2]]
