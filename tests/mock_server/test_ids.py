"""Resource ids: random version 4 UUIDs, or (tests only, `ServerConfig.id_seed`) drawn from a seed, so two
servers sent the same requests in the same order answer alike."""

from __future__ import annotations

import uuid

import httpx
import pytest

from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.ids import new_id, seeded_ids
from tests.conformance.broken_servers import serve

CONFIGS = "deviceAppManagement/iosLobAppProvisioningConfigurations"


def test_ids_are_version_4_uuids_random_or_seeded() -> None:
    for made in (new_id(), seeded_ids(3)()):
        assert uuid.UUID(made).version == 4
        assert str(uuid.UUID(made)) == made
    assert len({new_id() for _ in range(1000)}) == 1000
    one, other = seeded_ids(3), seeded_ids(3)
    drawn = [one() for _ in range(1000)]
    assert drawn == [other() for _ in range(1000)]
    assert len(set(drawn)) == 1000
    assert seeded_ids(4)() != drawn[0]


def _created_ids(config: ServerConfig) -> list[str]:
    headers = {"Authorization": f"Bearer {config.tokens[0].token}"}
    with serve(create_app(config)) as base_url, httpx.Client(base_url=base_url, headers=headers) as client:
        return [client.post(CONFIGS, json={"displayName": f"c{n}"}).json()["id"] for n in range(3)]


def test_two_seeded_servers_answer_the_same_requests_with_the_same_ids() -> None:
    tokens = dev_tokens()
    seeded = [_created_ids(ServerConfig(db_path=None, tokens=tokens, id_seed=0)) for _ in range(2)]
    assert seeded[0] == seeded[1]
    assert _created_ids(ServerConfig(db_path=None, tokens=tokens)) != seeded[0]


def test_seeded_ids_are_refused_with_a_shared_database() -> None:
    with pytest.raises(ValueError, match="id_seed"):
        ServerConfig(db_path=None, tokens=dev_tokens(), db_url="postgresql://u@localhost/db", id_seed=0)
