"""The suite follows `@odata.nextLink` only within the service under test: its token never goes elsewhere."""

from __future__ import annotations

import httpx
import pytest

from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.errors import CheckFailed

BASE = "http://127.0.0.1:8000/beta/"


def _api(seen: list[httpx.Request]) -> Api:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"value": []})

    return Api(httpx.Client(base_url=BASE, transport=httpx.MockTransport(answer)), fixed("secret-token"))


@pytest.mark.parametrize(
    "link",
    [
        "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations?$skiptoken=x",
        "http://127.0.0.2:8000/beta/deviceAppManagement/iosLobAppProvisioningConfigurations",
        "http://127.0.0.1:8001/beta/deviceAppManagement/iosLobAppProvisioningConfigurations",
        "https://127.0.0.1:8000/beta/deviceAppManagement/iosLobAppProvisioningConfigurations",
    ],
)
def test_a_link_to_another_origin_is_a_finding_and_is_never_sent(link: str) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(CheckFailed, match="leaves the service"):
        _api(seen).follow("listConfigurations", link)
    assert seen == []


def test_a_link_within_the_service_is_followed_with_the_token() -> None:
    seen: list[httpx.Request] = []
    _api(seen).follow("listConfigurations", BASE + "deviceAppManagement/iosLobAppProvisioningConfigurations?$skip=4")
    assert [request.headers["authorization"] for request in seen] == ["Bearer secret-token"]
