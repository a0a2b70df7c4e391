"""What a call through `contract_client` raises instead of returning a wrong value.

    ContractError                 anything this layer raises
     ├── GraphError               a documented OData error answer (status, code, message, request-id)
     └── ContractViolation        an answer the contract does not allow; names what was wrong
          ├── UndocumentedStatus  a status the operation does not document, or no standard status (599)
          ├── MalformedBody       no or wrong Content-Type (an HTML page), empty, truncated or invalid JSON
          └── UnexpectedShape     a body that does not validate against the documented schema, or a
               │                  success carrying an OData error
               ├── UnknownTargetKind   an `@odata.type` none of the documented kinds has
               └── UnknownEnumValue    a value outside a documented enum (Graph enums grow)

Every message says what arrived and what the contract documents.
"""

from __future__ import annotations

from ios_lob_kit.openapi.index import is_standard

__all__ = [
    "ContractError",
    "ContractViolation",
    "GraphError",
    "MalformedBody",
    "UndocumentedStatus",
    "UnexpectedShape",
    "UnknownEnumValue",
    "UnknownTargetKind",
]


class ContractError(Exception):
    """Base of everything `contract_client` raises; `operation` is the spec's operationId."""

    def __init__(self, operation: str, status: int, message: str) -> None:
        super().__init__(f"{operation} answered {status}: {message}")
        self.operation = operation
        self.status = status


class GraphError(ContractError):
    """A documented error answer: an OData error the caller branches on by `code`."""

    def __init__(self, operation: str, status: int, code: str, message: str, request_id: str | None) -> None:
        super().__init__(operation, status, f"{code}: {message} (request-id {request_id or 'absent'})")
        self.code = code
        self.error_message = message
        self.request_id = request_id


class ContractViolation(ContractError):
    """An answer outside the contract."""


class UndocumentedStatus(ContractViolation):
    def __init__(self, operation: str, status: int, documented: tuple[str, ...]) -> None:
        kind = "an undocumented status" if is_standard(status) else "a non-standard HTTP status"
        super().__init__(operation, status, f"{kind}; the contract documents {', '.join(documented)}")
        self.documented = documented


class MalformedBody(ContractViolation):
    """The body cannot be read as the documented media type."""


class UnexpectedShape(ContractViolation):
    """The body parses but breaks the documented schema at `path` (a JSON pointer)."""

    def __init__(self, operation: str, status: int, path: str, message: str) -> None:
        super().__init__(operation, status, f"at {path or '/'}: {message}")
        self.path = path


class UnknownTargetKind(UnexpectedShape):
    def __init__(self, operation: str, status: int, path: str, value: object, known: tuple[str, ...]) -> None:
        message = f"unknown @odata.type {value!r}; the contract documents {', '.join(known)}"
        super().__init__(operation, status, path, message)
        self.value = value


class UnknownEnumValue(UnexpectedShape):
    def __init__(self, operation: str, status: int, path: str, value: object, allowed: tuple[object, ...]) -> None:
        message = f"unknown enum value {value!r}; the contract documents {', '.join(map(str, allowed))}"
        super().__init__(operation, status, path, message)
        self.value = value
