"""One reference server per backend and test session (per xdist worker), started with the runner on a
free port: SQLite in memory, and PostgreSQL in a throwaway cluster (skipped where PostgreSQL is not
installed, unless IOS_LOB_TEST_REQUIRE_POSTGRES=1, as in CI, makes that a failure).

Tests call it over loopback: through the generated client (`invoke`, once sync and once async) or raw
httpx (`http`, for what the typed client cannot send). Page size 3, so paging shows with few items.
"""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.types import Response
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from ios_lob_kit.mock_server.scratch_postgres import PostgresUnavailable, ScratchCluster, scratch_cluster
from ios_lob_kit.openapi import load_spec

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
PAGE_SIZE = 3

Invoke = Callable[..., Response[Any]]


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[ScratchCluster]:
    """A throwaway PostgreSQL cluster for this session; fsync off (the tests kill servers, not the database)."""
    try:
        with scratch_cluster(fsync=False) as cluster:
            yield cluster
    except PostgresUnavailable as exc:
        if os.environ.get("IOS_LOB_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (IOS_LOB_TEST_REQUIRE_POSTGRES=1): {exc}")
        pytest.skip(f"PostgreSQL backend not tested: {exc}")


def server_config(backend: str, request: pytest.FixtureRequest, **options: Any) -> ServerConfig:
    """A config on a fresh database of `backend` (for SQLite: in memory, unless `db_path` is given)."""
    db_path = options.pop("db_path", None)
    if backend == "postgresql":
        cluster: ScratchCluster = request.getfixturevalue("postgres")
        return ServerConfig(db_path=None, db_url=cluster.create_database(), tokens=dev_tokens(), **options)
    return ServerConfig(db_path=db_path, tokens=dev_tokens(), **options)


@pytest.fixture(scope="session", params=BACKENDS)
def server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    with run_server(server_config(request.param, request, page_size=PAGE_SIZE)) as running:
        yield running


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="session")
def spec_example(spec: dict[str, Any]) -> Callable[..., Any]:
    """`spec_example(path, method, name, response=None)`: a named example of a request body (or of a response)."""

    def find(path: str, method: str, name: str, *, response: str | None = None) -> Any:
        operation = spec["paths"][path][method]
        holder = operation["responses"][response] if response else operation["requestBody"]
        return holder["content"]["application/json"]["examples"][name]["value"]

    return find


@pytest.fixture(params=["sync", "async"])
def invoke(request: pytest.FixtureRequest, server: RunningServer) -> Invoke:
    """`invoke(api_module, *args, token=None, **kwargs)`: one generated-client call, sync or async (detailed)."""
    mode: str = request.param

    def run(endpoint: Any, *args: Any, token: str | None = None, **kwargs: Any) -> Response[Any]:
        token = token or server.tokens[0].token
        if mode == "sync":
            with AuthenticatedClient(base_url=server.base_url, token=token) as client:
                answer: Response[Any] = endpoint.sync_detailed(*args, client=client, **kwargs)
                return answer

        async def call() -> Response[Any]:
            async with AuthenticatedClient(base_url=server.base_url, token=token) as client:
                answer: Response[Any] = await endpoint.asyncio_detailed(*args, client=client, **kwargs)
                return answer

        return asyncio.run(call())

    return run


def _http(server: RunningServer, index: int) -> httpx.Client:
    headers = {"Authorization": f"Bearer {server.tokens[index].token}"}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=30)


@pytest.fixture
def http(server: RunningServer) -> Iterator[httpx.Client]:
    """Raw httpx with the read-write token of tenant contoso."""
    with _http(server, 0) as client:
        yield client


@pytest.fixture
def read_only_http(server: RunningServer) -> Iterator[httpx.Client]:
    with _http(server, 1) as client:
        yield client


@pytest.fixture
def other_tenant_http(server: RunningServer) -> Iterator[httpx.Client]:
    with _http(server, 2) as client:
        yield client


@pytest.fixture
def config_id(http: httpx.Client) -> str:
    """A fresh configuration of tenant contoso."""
    answer = http.post(CONFIGS, json={"displayName": f"test {uuid.uuid4()}"})
    assert answer.status_code == 201, answer.text
    created: str = answer.json()["id"]
    return created


@pytest.fixture
def assignment_id(http: httpx.Client, config_id: str) -> str:
    """A group assignment of `config_id`, with an include filter."""
    target = {
        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
        "groupId": "g-1",
        "deviceAndAppManagementAssignmentFilterId": "f-1",
        "deviceAndAppManagementAssignmentFilterType": "include",
    }
    answer = http.post(f"{CONFIGS}/{config_id}/assignments", json={"target": target})
    assert answer.status_code == 201, answer.text
    created: str = answer.json()["id"]
    return created


def _odata_error(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = answer.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    inner = error["innerError"]
    assert inner["request-id"] == answer.headers["request-id"]
    assert inner["client-request-id"] == answer.headers["client-request-id"]
    assert re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}", inner["date"]
    )  # UTC, as Graph: no offset
    return error


@pytest.fixture(scope="session")
def odata_error() -> Callable[[httpx.Response, int, str], dict[str, Any]]:
    """`odata_error(answer, status, code)`: asserts an OData error (innerError tied to the headers); its `error`."""
    return _odata_error
