from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ios_lob_app_provisioning_configuration import (
    IosLobAppProvisioningConfiguration,
)
from ...models.ios_lob_app_provisioning_configuration_request import (
    IosLobAppProvisioningConfigurationRequest,
)
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: IosLobAppProvisioningConfigurationRequest,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/deviceAppManagement/iosLobAppProvisioningConfigurations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IosLobAppProvisioningConfiguration | ODataError | None:
    if response.status_code == 201:
        response_201 = IosLobAppProvisioningConfiguration.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ODataError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ODataError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ODataError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ODataError.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ODataError.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ODataError.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ODataError.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ODataError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IosLobAppProvisioningConfiguration | ODataError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfiguration | ODataError]:
    """Create an iOS LOB app provisioning configuration

     Creates a configuration. The server assigns `id`, `createdDateTime` and `lastModifiedDateTime`.

    Args:
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationRequest): What a create or update of a
            configuration sends: the configuration's properties, none required.
            Closed: a property the type does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfiguration | ODataError]
    """

    kwargs = _get_kwargs(
        body=body,
        client_request_id=client_request_id,
    )

    http = client.get_httpx_client()
    # Kit change: join the base URL here; httpx's merge of a relative URL costs about 25 us a call.
    base = str(http.base_url)
    if base:
        kwargs["url"] = base.rstrip("/") + kwargs["url"]
    response = http.request(**kwargs)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationRequest,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfiguration | ODataError | None:
    """Create an iOS LOB app provisioning configuration

     Creates a configuration. The server assigns `id`, `createdDateTime` and `lastModifiedDateTime`.

    Args:
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationRequest): What a create or update of a
            configuration sends: the configuration's properties, none required.
            Closed: a property the type does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfiguration | ODataError
    """

    return sync_detailed(
        client=client,
        body=body,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfiguration | ODataError]:
    """Create an iOS LOB app provisioning configuration

     Creates a configuration. The server assigns `id`, `createdDateTime` and `lastModifiedDateTime`.

    Args:
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationRequest): What a create or update of a
            configuration sends: the configuration's properties, none required.
            Closed: a property the type does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfiguration | ODataError]
    """

    kwargs = _get_kwargs(
        body=body,
        client_request_id=client_request_id,
    )

    http = client.get_async_httpx_client()
    # Kit change: as in sync_detailed.
    base = str(http.base_url)
    if base:
        kwargs["url"] = base.rstrip("/") + kwargs["url"]
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationRequest,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfiguration | ODataError | None:
    """Create an iOS LOB app provisioning configuration

     Creates a configuration. The server assigns `id`, `createdDateTime` and `lastModifiedDateTime`.

    Args:
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationRequest): What a create or update of a
            configuration sends: the configuration's properties, none required.
            Closed: a property the type does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfiguration | ODataError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            client_request_id=client_request_id,
        )
    ).parsed
