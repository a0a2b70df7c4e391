"""One HTTP/1.1 exchange over a raw socket: the request bytes exactly as given (no client library to
normalise them), the answer parsed with h11. A reset or a closed connection without an answer is an
outcome, not an exception.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from typing import Any

import h11

__all__ = ["Answer", "exchange", "request_bytes"]


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (reset, closed, unparsable, timed out)
    headers: dict[str, str]  # lower-case names; a repeated header keeps its last value
    body: bytes
    failure: str | None = None  # why there is no answer

    def json(self) -> Any:
        return json.loads(self.body)

    def is_graph_error(self) -> bool:
        """A Graph OData error: JSON `{"error": {"code", "message", "innerError": {"request-id"}}}` whose
        request id matches the `request-id` header."""
        if not self.headers.get("content-type", "").startswith("application/json"):
            return False
        try:
            error = self.json()["error"]
            inner = error["innerError"]
            return (
                isinstance(error["code"], str)
                and bool(error["code"])
                and isinstance(error["message"], str)
                and inner["request-id"] == self.headers.get("request-id")
            )
        except (ValueError, KeyError, TypeError):
            return False


def request_bytes(method: str, target: str, headers: list[tuple[str, str]], body: bytes = b"") -> bytes:
    """A request as bytes, headers in the order given (add `Content-Length` yourself when needed)."""
    lines = [f"{method} {target} HTTP/1.1", *(f"{name}: {value}" for name, value in headers)]
    return "\r\n".join(lines).encode("latin-1", "replace") + b"\r\n\r\n" + body


def exchange(host: str, port: int, raw: bytes, *, head: bool = False, timeout: float = 30.0) -> Answer:
    """Send `raw` on a new connection and read one answer (`head`: the request was a HEAD)."""
    reader = h11.Connection(h11.CLIENT)
    # h11 reads an answer only after a request: a stand-in one (never sent) sets its state.
    reader.send(h11.Request(method="HEAD" if head else "GET", target="/", headers=[("Host", "x")]))
    reader.send(h11.EndOfMessage())
    status: int | None = None
    headers: dict[str, str] = {}
    body = bytearray()
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(raw)
            while True:
                event = reader.next_event()
                if event is h11.NEED_DATA:
                    try:
                        reader.receive_data(sock.recv(65536))
                    except ConnectionResetError:
                        return Answer(status, headers, bytes(body), "connection reset")
                    continue
                if isinstance(event, h11.Response):
                    status = event.status_code
                    headers = {name.decode().lower(): value.decode("latin-1") for name, value in event.headers}
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    return Answer(status, headers, bytes(body))
                elif isinstance(event, h11.ConnectionClosed):
                    return Answer(None, headers, bytes(body), "closed without an answer")
    except h11.RemoteProtocolError as exc:
        return Answer(None, headers, bytes(body), f"unparsable answer: {exc}")
    except TimeoutError:
        return Answer(None, headers, bytes(body), "timed out")
    except OSError as exc:
        return Answer(None, headers, bytes(body), f"socket error: {exc}")
