"""A request as a handler sees it, and the reply it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ios_lob_kit.mock_server.odata import Query
from ios_lob_kit.mock_server.operations import Operation

__all__ = ["Call", "Reply"]


@dataclass(slots=True)
class Call:
    operation: Operation
    tenant: str
    params: dict[str, str]  # path parameters
    query: Query
    body: Any  # validated and projected: only what the spec defines, no server-set property; None without a body
    server_set: dict[
        str, Any
    ]  # the server-set properties the body carried: ignored, but the seed's PATCH names by `id`
    root: str  # the service root, e.g. http://127.0.0.1:8000/beta
    url: str  # this request's absolute URL without its query


@dataclass(frozen=True)
class Reply:
    status: int
    payload: dict[str, Any] | str | None = None  # JSON object, text/plain, or no body
