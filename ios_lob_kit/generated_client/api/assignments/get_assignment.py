from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment,
)
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    select: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    params: dict[str, Any] = {}

    params["$select"] = select

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/deviceAppManagement/iosLobAppProvisioningConfigurations/{ios_lob_app_provisioning_configuration_id}/assignments/{ios_lob_app_provisioning_configuration_assignment_id}".format(
            ios_lob_app_provisioning_configuration_id=quote(
                str(ios_lob_app_provisioning_configuration_id), safe=""
            ),
            ios_lob_app_provisioning_configuration_assignment_id=quote(
                str(ios_lob_app_provisioning_configuration_assignment_id), safe=""
            ),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    if response.status_code == 200:
        response_200 = IosLobAppProvisioningConfigurationAssignment.from_dict(
            response.json()
        )

        return response_200

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
) -> Response[IosLobAppProvisioningConfigurationAssignment | ODataError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    select: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfigurationAssignment | ODataError]:
    """Get an assignment

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        select (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfigurationAssignment | ODataError]
    """

    kwargs = _get_kwargs(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
        select=select,
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
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    select: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    """Get an assignment

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        select (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfigurationAssignment | ODataError
    """

    return sync_detailed(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
        client=client,
        select=select,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    select: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfigurationAssignment | ODataError]:
    """Get an assignment

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        select (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfigurationAssignment | ODataError]
    """

    kwargs = _get_kwargs(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
        select=select,
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
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    select: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    """Get an assignment

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        select (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfigurationAssignment | ODataError
    """

    return (
        await asyncio_detailed(
            ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
            ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
            client=client,
            select=select,
            client_request_id=client_request_id,
        )
    ).parsed
