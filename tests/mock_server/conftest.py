"""One reference server per test session (per xdist worker), started with the runner on a free port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generated_client import AuthenticatedClient
from mock_server.config import ServerConfig, dev_tokens
from mock_server.runner import RunningServer, run_server


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), page_size=3)) as running:
        yield running


@pytest.fixture
def client(server: RunningServer) -> Iterator[AuthenticatedClient]:
    """The read-write token of tenant contoso."""
    with AuthenticatedClient(base_url=server.base_url, token=server.tokens[0].token) as authenticated:
        yield authenticated


@pytest.fixture
def read_only_client(server: RunningServer) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(base_url=server.base_url, token=server.tokens[1].token) as authenticated:
        yield authenticated


@pytest.fixture
def other_tenant_client(server: RunningServer) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(base_url=server.base_url, token=server.tokens[2].token) as authenticated:
        yield authenticated
