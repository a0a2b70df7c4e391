from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ios_lob_app_provisioning_configuration_collection_response import (
    IosLobAppProvisioningConfigurationCollectionResponse,
)
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    count: bool | Unset = UNSET,
    filter_: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    select: str | Unset = UNSET,
    expand: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    params: dict[str, Any] = {}

    params["$top"] = top

    params["$skip"] = skip

    params["$count"] = count

    params["$filter"] = filter_

    params["$orderby"] = orderby

    params["$select"] = select

    params["$expand"] = expand

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/deviceAppManagement/iosLobAppProvisioningConfigurations",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IosLobAppProvisioningConfigurationCollectionResponse | ODataError | None:
    if response.status_code == 200:
        response_200 = IosLobAppProvisioningConfigurationCollectionResponse.from_dict(
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
) -> Response[IosLobAppProvisioningConfigurationCollectionResponse | ODataError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    count: bool | Unset = UNSET,
    filter_: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    select: str | Unset = UNSET,
    expand: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfigurationCollectionResponse | ODataError]:
    """List iOS LOB app provisioning configurations

     Returns a page of configurations. Larger sets are paged with an absolute `@odata.nextLink`.

    Args:
        top (int | Unset):
        skip (int | Unset):
        count (bool | Unset):
        filter_ (str | Unset):
        orderby (str | Unset):
        select (str | Unset):
        expand (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfigurationCollectionResponse | ODataError]
    """

    kwargs = _get_kwargs(
        top=top,
        skip=skip,
        count=count,
        filter_=filter_,
        orderby=orderby,
        select=select,
        expand=expand,
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
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    count: bool | Unset = UNSET,
    filter_: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    select: str | Unset = UNSET,
    expand: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfigurationCollectionResponse | ODataError | None:
    """List iOS LOB app provisioning configurations

     Returns a page of configurations. Larger sets are paged with an absolute `@odata.nextLink`.

    Args:
        top (int | Unset):
        skip (int | Unset):
        count (bool | Unset):
        filter_ (str | Unset):
        orderby (str | Unset):
        select (str | Unset):
        expand (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfigurationCollectionResponse | ODataError
    """

    return sync_detailed(
        client=client,
        top=top,
        skip=skip,
        count=count,
        filter_=filter_,
        orderby=orderby,
        select=select,
        expand=expand,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    count: bool | Unset = UNSET,
    filter_: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    select: str | Unset = UNSET,
    expand: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[IosLobAppProvisioningConfigurationCollectionResponse | ODataError]:
    """List iOS LOB app provisioning configurations

     Returns a page of configurations. Larger sets are paged with an absolute `@odata.nextLink`.

    Args:
        top (int | Unset):
        skip (int | Unset):
        count (bool | Unset):
        filter_ (str | Unset):
        orderby (str | Unset):
        select (str | Unset):
        expand (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IosLobAppProvisioningConfigurationCollectionResponse | ODataError]
    """

    kwargs = _get_kwargs(
        top=top,
        skip=skip,
        count=count,
        filter_=filter_,
        orderby=orderby,
        select=select,
        expand=expand,
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
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    count: bool | Unset = UNSET,
    filter_: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    select: str | Unset = UNSET,
    expand: str | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> IosLobAppProvisioningConfigurationCollectionResponse | ODataError | None:
    """List iOS LOB app provisioning configurations

     Returns a page of configurations. Larger sets are paged with an absolute `@odata.nextLink`.

    Args:
        top (int | Unset):
        skip (int | Unset):
        count (bool | Unset):
        filter_ (str | Unset):
        orderby (str | Unset):
        select (str | Unset):
        expand (str | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IosLobAppProvisioningConfigurationCollectionResponse | ODataError
    """

    return (
        await asyncio_detailed(
            client=client,
            top=top,
            skip=skip,
            count=count,
            filter_=filter_,
            orderby=orderby,
            select=select,
            expand=expand,
            client_request_id=client_request_id,
        )
    ).parsed
