from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment,
)
from ...models.ios_lob_app_provisioning_configuration_assignment_request import (
    IosLobAppProvisioningConfigurationAssignmentRequest,
)
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    body: IosLobAppProvisioningConfigurationAssignmentRequest,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/deviceAppManagement/iosLobAppProvisioningConfigurations/{ios_lob_app_provisioning_configuration_id}/assignments/{ios_lob_app_provisioning_configuration_assignment_id}".format(
            ios_lob_app_provisioning_configuration_id=quote(
                str(ios_lob_app_provisioning_configuration_id), safe=""
            ),
            ios_lob_app_provisioning_configuration_assignment_id=quote(
                str(ios_lob_app_provisioning_configuration_assignment_id), safe=""
            ),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    if response.status_code == 200:
        response_200 = IosLobAppProvisioningConfigurationAssignment.from_dict(
            response.json()
        )

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | IosLobAppProvisioningConfigurationAssignment | ODataError]:
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
    body: IosLobAppProvisioningConfigurationAssignmentRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[Any | IosLobAppProvisioningConfigurationAssignment | ODataError]:
    """Update an assignment

     Updates the assignment on its item path (the official reference's update). Properties the
    body leaves out are kept; `target`, when present, is replaced as a whole. Answers 200 with the
    updated assignment (the official reference); 204 is documented because real Intune update
    endpoints answer it.

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationAssignmentRequest): What a create or update of an
            assignment sends. In the seed's collection PATCH, `id` names the
            assignment to update; elsewhere it is server-set. Closed, `target` included: a property
            its type
            does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | IosLobAppProvisioningConfigurationAssignment | ODataError]
    """

    kwargs = _get_kwargs(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
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
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationAssignmentRequest,
    client_request_id: str | Unset = UNSET,
) -> Any | IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    """Update an assignment

     Updates the assignment on its item path (the official reference's update). Properties the
    body leaves out are kept; `target`, when present, is replaced as a whole. Answers 200 with the
    updated assignment (the official reference); 204 is documented because real Intune update
    endpoints answer it.

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationAssignmentRequest): What a create or update of an
            assignment sends. In the seed's collection PATCH, `id` names the
            assignment to update; elsewhere it is server-set. Closed, `target` included: a property
            its type
            does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | IosLobAppProvisioningConfigurationAssignment | ODataError
    """

    return sync_detailed(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
        client=client,
        body=body,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationAssignmentRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[Any | IosLobAppProvisioningConfigurationAssignment | ODataError]:
    """Update an assignment

     Updates the assignment on its item path (the official reference's update). Properties the
    body leaves out are kept; `target`, when present, is replaced as a whole. Answers 200 with the
    updated assignment (the official reference); 204 is documented because real Intune update
    endpoints answer it.

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationAssignmentRequest): What a create or update of an
            assignment sends. In the seed's collection PATCH, `id` names the
            assignment to update; elsewhere it is server-set. Closed, `target` included: a property
            its type
            does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | IosLobAppProvisioningConfigurationAssignment | ODataError]
    """

    kwargs = _get_kwargs(
        ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
        ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
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
    ios_lob_app_provisioning_configuration_id: str,
    ios_lob_app_provisioning_configuration_assignment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: IosLobAppProvisioningConfigurationAssignmentRequest,
    client_request_id: str | Unset = UNSET,
) -> Any | IosLobAppProvisioningConfigurationAssignment | ODataError | None:
    """Update an assignment

     Updates the assignment on its item path (the official reference's update). Properties the
    body leaves out are kept; `target`, when present, is replaced as a whole. Answers 200 with the
    updated assignment (the official reference); 204 is documented because real Intune update
    endpoints answer it.

    Args:
        ios_lob_app_provisioning_configuration_id (str):
        ios_lob_app_provisioning_configuration_assignment_id (str):
        client_request_id (str | Unset):
        body (IosLobAppProvisioningConfigurationAssignmentRequest): What a create or update of an
            assignment sends. In the seed's collection PATCH, `id` names the
            assignment to update; elsewhere it is server-set. Closed, `target` included: a property
            its type
            does not declare is refused (400).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | IosLobAppProvisioningConfigurationAssignment | ODataError
    """

    return (
        await asyncio_detailed(
            ios_lob_app_provisioning_configuration_id=ios_lob_app_provisioning_configuration_id,
            ios_lob_app_provisioning_configuration_assignment_id=ios_lob_app_provisioning_configuration_assignment_id,
            client=client,
            body=body,
            client_request_id=client_request_id,
        )
    ).parsed
