"""OData error bodies, and the exception handlers raise to answer with one."""

from __future__ import annotations

import time
from typing import Any

from ios_lob_kit.mock_server.jsonio import dump_bytes

__all__ = ["ApiError", "bad_request", "error_body", "not_found"]


class ApiError(Exception):
    """A request the server refuses: becomes `{"error": {...}}` with this status and code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        target: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.target = target
        self.headers = headers or {}


def bad_request(message: str, target: str | None = None) -> ApiError:
    return ApiError(400, "BadRequest", message, target=target)


def not_found(message: str) -> ApiError:
    return ApiError(404, "ResourceNotFound", message)


def error_body(error: ApiError, request_id: str, client_request_id: str) -> bytes:
    main: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.target is not None:
        main["target"] = error.target
    main["innerError"] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),  # as Graph writes it: UTC, no offset
        "request-id": request_id,
        "client-request-id": client_request_id,
    }
    return dump_bytes({"error": main})
