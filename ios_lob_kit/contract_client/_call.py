"""Make a generated client that speaks only the contract, and call its operations with narrowed types."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar, cast

import httpx

from ios_lob_kit.contract_client._exceptions import GraphError
from ios_lob_kit.contract_client._transport import ContractTransport
from ios_lob_kit.generated_client import AuthenticatedClient
from ios_lob_kit.generated_client.models import ODataError
from ios_lob_kit.generated_client.types import Response

__all__ = ["acall", "call", "connect"]

P = ParamSpec("P")
T = TypeVar("T")


def connect(
    base_url: str,
    token: str,
    *,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    **client_args: Any,
) -> AuthenticatedClient:
    """A generated `AuthenticatedClient` whose every answer is judged by the spec first.

    Through it the generated api functions return only documented successes; anything else raises a
    `ContractError`. `transport` is what really sends (default: the network); `client_args` go to the
    generated client (e.g. `timeout`).
    """
    httpx_args = {"transport": ContractTransport(base_url, transport)}
    return AuthenticatedClient(base_url=base_url, token=token, httpx_args=httpx_args, **client_args)


def call(endpoint: Callable[P, Response[T | ODataError]], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Call a generated `sync_detailed` and return its parsed success value, typed without `ODataError`.

    `call(get_assignment.sync_detailed, configuration_id, assignment_id, client=connect(url, token))`
    """
    return _success(endpoint(*args, **kwargs), endpoint)


async def acall(endpoint: Callable[P, Awaitable[Response[T | ODataError]]], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`call` for a generated `asyncio_detailed`."""
    return _success(await endpoint(*args, **kwargs), endpoint)


def _success(response: Response[T | ODataError], endpoint: Callable[..., object]) -> T:
    parsed = response.parsed
    if isinstance(parsed, ODataError):  # only without `connect`, whose transport raises first
        operation = endpoint.__module__.rsplit(".", 1)[-1]
        error = parsed.error
        request_id = response.headers.get("request-id")
        raise GraphError(operation, int(response.status_code), error.code, error.message, request_id)
    return cast(T, parsed)
