"""What a Graph check looks at: one request and its answer (a check raises
`ios_lob_kit.conformance.errors.CheckFailed`)."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

_NO_JSON = object()
MAX_BODY_SHOWN = 2000


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, transport-neutral (built from schemathesis or httpx objects)."""

    operation_id: str
    method: str
    url: str
    request_headers: Mapping[str, str]  # lower-case names
    request_body: bytes | None
    status: int
    response_headers: Mapping[str, str]  # lower-case names
    response_body: bytes
    # The request's headers as sent, repeated ones each on their own (an ambiguous request's point); () = as
    # `request_headers`. And whether it was sent while a failure was on its way out (a clean-up's request).
    request_header_items: tuple[tuple[str, str], ...] = ()
    sent_while_failing: bool = False

    @property
    def media_type(self) -> str:
        return self.response_headers.get("content-type", "").split(";")[0].strip().lower()

    def response_json(self) -> Any:
        """The answer's JSON, or `_NO_JSON` when it is not JSON."""
        return _loads(self.response_body)

    def request_json(self) -> Any:
        return _loads(self.request_body or b"")


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # JSON nested deeper than Python's stack is not JSON a check can read
        return _NO_JSON


def is_json(value: Any) -> bool:
    return value is not _NO_JSON


def missing_header(*names: str) -> str:
    """The defect of an answer without these headers (schemathesis' `response_headers_conformance` and the
    Graph `request_id` check both see it)."""
    return "response header missing: " + ", ".join(sorted(name.lower() for name in names))


def lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


# Left out of a reproduction: what curl sets itself (or would make it print a compressed body), and the id
# schemathesis gives each case.
_NOT_REPLAYED = frozenset(
    {"host", "content-length", "connection", "accept-encoding", "user-agent", "x-schemathesis-testcaseid"}
)
_BEARER = re.compile(r"(?i)bearer\s+(\S+)")


def curl(
    ex: Exchange,
    token_variable: Callable[[str], str | None] = lambda _token: None,
    *,
    ids: Mapping[str, str] | None = None,
    silent: bool = False,
) -> str:
    """A curl command that sends the request again. A token the run was given is read from the environment
    variable the suite takes it from (`token_variable`: token -> name, e.g. CONFORMANCE_TOKEN), so the line
    pastes and runs once it is exported; any other credential is left to the redactor. Each id in `ids` is
    written as its shell variable (`"${CONFIGURATION_ID}"`). `silent`: the answer's body only (`-s`)."""
    parts = [f"curl {'-s' if silent else '-i'} -X {ex.method} {_shell(ex.url, ids or {})}"]
    for name, value in ex.request_header_items or tuple(ex.request_headers.items()):
        if name.lower() in _NOT_REPLAYED:
            continue
        token = _BEARER.fullmatch(value.strip())
        variable = token_variable(token.group(1)) if token else None
        if variable is not None:
            parts.append(f'-H "{name}: Bearer ${variable}"')
        else:
            parts.append(f"-H {_shell(f'{name}: {value}', {})}")
    if ex.request_body:
        parts.append(f"--data-binary {_shell(ex.request_body.decode('utf-8', 'replace'), ids or {})}")
    return " ".join(parts)


def _shell(text: str, ids: Mapping[str, str]) -> str:
    """`text` as one shell word: single-quoted, or double-quoted with each id in `ids` as its variable."""
    used = [resource_id for resource_id in ids if resource_id in text]
    if not used:
        return "'" + text.replace("'", "'\\''") + "'"
    escaped = "".join("\\" + char if char in '\\"$`' else char for char in text)
    for resource_id in used:
        escaped = escaped.replace(resource_id, "${" + ids[resource_id] + "}")
    return f'"{escaped}"'


def describe(ex: Exchange) -> str:
    """The request and its answer, headers included, as a failure's example (JSON bodies indented, each cut at
    2,000 characters)."""
    sent = ex.request_header_items or tuple(ex.request_headers.items())
    lines = [f"{ex.method} {ex.url}", *(f"{name}: {value}" for name, value in sent)]
    if ex.request_body:
        lines += ["", _shown(ex.request_body)]
    lines += ["", f"-> {ex.status}", *(f"{name}: {value}" for name, value in ex.response_headers.items())]
    if ex.response_body:
        lines += ["", _shown(ex.response_body)]
    return "\n".join(lines)


def _shown(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    with contextlib.suppress(ValueError, RecursionError):  # shown as sent when it cannot be indented
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    return text[:MAX_BODY_SHOWN]
