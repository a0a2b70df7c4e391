"""Mounted below a prefix (ASGI `root_path`), the server's links carry the prefix exactly once."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from ios_lob_kit.mock_server.app import create_app
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens

CONFIGS = "/mock/beta/deviceAppManagement/iosLobAppProvisioningConfigurations"


def test_next_links_and_contexts_under_a_mount_point() -> None:
    tokens = dev_tokens()
    outer = Starlette(routes=[Mount("/mock", app=create_app(ServerConfig(db_path=None, tokens=tokens, page_size=1)))])

    async def scenario() -> dict[str, object]:
        transport = httpx.ASGITransport(app=outer)
        headers = {"Authorization": f"Bearer {tokens[0].token}"}
        async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as http:
            for name in ("a", "b"):
                assert (await http.post(CONFIGS, json={"displayName": name})).status_code == 201
            page: dict[str, object] = (await http.get(CONFIGS)).json()
            return page

    page = asyncio.run(scenario())
    assert str(page["@odata.nextLink"]).startswith(f"http://test{CONFIGS}?")
    assert str(page["@odata.context"]).startswith("http://test/mock/beta/$metadata#")
