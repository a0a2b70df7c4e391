"""The client joins its base URL and the operation path itself (a template override): every base URL shape works."""

from __future__ import annotations

import httpx
import pytest

from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.api.assignments import count_assignments

PATH = "/deviceAppManagement/iosLobAppProvisioningConfigurations/a%2Fb/assignments/$count"


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:4010", "http://127.0.0.1:4010" + PATH),
        ("http://127.0.0.1:4010/", "http://127.0.0.1:4010" + PATH),
        ("https://graph.example/beta", "https://graph.example/beta" + PATH),
        ("https://graph.example/beta/", "https://graph.example/beta" + PATH),
    ],
)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_request_url_is_the_base_url_and_the_path(base_url: str, expected: str, mode: str) -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, text="3", headers={"content-type": "text/plain"})

    transport = httpx.MockTransport(answer)
    client = AuthenticatedClient(base_url=base_url, token="t", httpx_args={"transport": transport})
    client = client.with_headers({})  # evolve keeps the transport
    if mode == "sync":
        assert count_assignments.sync("a/b", client=client) == "3"
    else:
        import asyncio

        assert asyncio.run(count_assignments.asyncio("a/b", client=client)) == "3"
    assert seen == [expected]
