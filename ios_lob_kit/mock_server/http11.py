"""The HTTP/1.1 layer: uvicorn's httptools protocol, made RFC 9112-strict and Graph-shaped.

uvicorn answers what its parser refuses (a lower-case method, broken framing, a control character in
a header) with a `text/plain` "Invalid HTTP request received."; here that answer is a Graph OData
error. It also lets through requests RFC 9112 says a server must refuse or may not guess at; here
they are refused with a 400 before the app sees them:
- two `Host` headers, or none on HTTP/1.1 (RFC 9112 section 3.2: MUST answer 400);
- a version other than HTTP/1.0 or HTTP/1.1 in an HTTP/1 request line (`HTTP/2.0`);
- a `Transfer-Encoding` other than exactly `chunked` (`gzip, chunked`), or together with a
  `Content-Length` (section 6.1: the framing is ambiguous, a request-smuggling vector).
RFC 9112 allows 501 and 505 for the last two; the kit answers 400, as a client's mistake is never a 5xx.
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ios_lob_kit.mock_server.errors import ApiError, bad_request, error_body
from ios_lob_kit.mock_server.ids import request_id

__all__ = ["StrictHttpToolsProtocol", "framing_problem"]

_GENERIC = "The request is not valid HTTP/1.1 (RFC 9112) and was not read."


def framing_problem(http_version: str, headers: list[tuple[bytes, bytes]]) -> str | None:
    """Why a parsed request's framing is refused (RFC 9112), or None. `headers` have lower-case names."""
    if http_version not in ("1.0", "1.1"):
        return f"HTTP/{http_version} is not an HTTP/1 version; send HTTP/1.1."
    hosts = sum(1 for name, _ in headers if name == b"host")
    if hosts > 1:
        return "The Host header is sent more than once; send it once."
    if hosts == 0 and http_version == "1.1":
        return "An HTTP/1.1 request needs a Host header."
    codings = [
        coding.strip().lower()
        for name, value in headers
        if name == b"transfer-encoding"
        for coding in value.split(b",")
    ]
    if codings and codings != [b"chunked"]:
        shown = ", ".join(coding.decode("latin-1") for coding in codings)
        return f"Transfer-Encoding '{shown}' is not supported; only 'chunked' is."
    if codings and any(name == b"content-length" for name, _ in headers):
        return "Transfer-Encoding and Content-Length are both sent; send one."
    return None


class StrictHttpToolsProtocol(HttpToolsProtocol):
    """Pass as `uvicorn.Config(http=StrictHttpToolsProtocol)`."""

    _refusal: str | None = None

    def on_headers_complete(self) -> None:
        problem = framing_problem(self.parser.get_http_version(), self.headers)
        if problem is not None:
            self._refusal = problem
            raise ValueError(problem)  # the parser fails the request: data_received sends the 400 below
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        answer_id = request_id()
        error: ApiError = bad_request(self._refusal or _GENERIC)
        body = error_body(error, answer_id, answer_id)
        head = [
            b"HTTP/1.1 400 Bad Request",
            b"content-type: application/json",
            b"content-length: " + str(len(body)).encode("ascii"),
            b"request-id: " + answer_id.encode("ascii"),
            b"client-request-id: " + answer_id.encode("ascii"),
            b"connection: close",
        ]
        head += [name + b": " + value for name, value in self.server_state.default_headers]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()
