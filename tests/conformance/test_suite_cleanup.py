"""The run deletes what it created: its own configuration, and everything its requests created."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from tests.conformance.broken_servers import healthy_app, serve
from tests.conformance.broken_servers.suite import options_for, run_server_side

pytestmark = pytest.mark.slow
CONFIGS = "deviceAppManagement/iosLobAppProvisioningConfigurations"


def _configuration_ids(client: httpx.Client) -> set[str]:
    body = client.get(CONFIGS, params={"$top": "1000"}).json()
    assert "@odata.nextLink" not in body
    return {item["id"] for item in body["value"]}


def test_run_leaves_the_target_as_it_found_it() -> None:
    app, tokens = healthy_app()
    with serve(app) as base_url:
        auth = {"Authorization": f"Bearer {tokens.read_write.token}"}
        with httpx.Client(base_url=base_url + "/", headers=auth) as client:
            run_server_side(options_for(base_url, tokens, phases=("examples", "stateful")))
            assert _configuration_ids(client) == set()

            given = client.post(CONFIGS, json={"displayName": "the vendor's"}).json()["id"]
            options = options_for(base_url, tokens, phases=("examples", "stateful"))
            run_server_side(dataclasses.replace(options, configuration_id=given))
            assert _configuration_ids(client) == {given}
