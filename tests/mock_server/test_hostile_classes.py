"""Each class of hostile or ambiguous request is refused with a Graph error and changes nothing.

Raw sockets (reliability.wire) where httpx would normalise the request (repeated headers, framing).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from ios_lob_kit.mock_server.runner import RunningServer
from ios_lob_kit.mock_server.validation import MAX_JSON_DEPTH
from reliability.wire import Answer, exchange, request_bytes

pytestmark = pytest.mark.slow

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
GROUP = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g-1"}
Send = Callable[..., Answer]


@pytest.fixture
def send(server: RunningServer) -> Send:
    """`send(method, path, headers, body=b"")`: a raw request below /beta, Host first, Content-Length last."""
    url = urlsplit(server.base_url)

    def run(method: str, path: str, headers: list[tuple[str, str]], body: bytes = b"") -> Answer:
        lines = [("Host", url.netloc), *headers]
        if body:
            lines.append(("Content-Length", str(len(body))))
        raw = request_bytes(method, url.path + path, lines, body)
        return exchange(url.hostname or "", url.port or 0, raw, head=method == "HEAD")

    return run


def _bearer(server: RunningServer, index: int = 0) -> tuple[str, str]:
    return ("Authorization", f"Bearer {server.tokens[index].token}")


def _refused(answer: Answer, status: int, *words: str) -> None:
    assert answer.status == status, (answer.status, answer.body[:300], answer.failure)
    assert answer.is_graph_error(), answer.body[:300]
    message = answer.json()["error"]["message"]
    for word in words:
        assert word in message, message


def _count(http: httpx.Client) -> int:
    answer = http.get(CONFIGS, params={"$count": "true", "$top": "0"})
    total: int = answer.json()["@odata.count"]
    return total


JSON = ("Content-Type", "application/json")


# 1. Nesting


@pytest.mark.parametrize("where", ["top", "target"])
def test_json_nested_past_the_limit_is_a_400_naming_it(
    send: Send, server: RunningServer, http: httpx.Client, config_id: str, where: str
) -> None:
    depth = MAX_JSON_DEPTH + 1 if where == "top" else 5000
    inner = "[" * depth + "]" * depth
    body = f'{{"displayName": {inner}}}' if where == "top" else f'{{"target": {{"groupId": {inner}}}}}'
    path = CONFIGS if where == "top" else f"{CONFIGS}/{config_id}/assignments"
    before = _count(http)
    _refused(send("POST", path, [_bearer(server), JSON], body.encode()), 400, str(MAX_JSON_DEPTH))
    assert _count(http) == before
    assert http.get(f"{CONFIGS}/{config_id}/assignments").json()["value"] == []


# 2. One reading of each header


@pytest.mark.parametrize("garbage_first", [True, False])
def test_two_authorization_headers_are_a_400_and_delete_nothing(
    send: Send, server: RunningServer, http: httpx.Client, config_id: str, garbage_first: bool
) -> None:
    pair = [("Authorization", "Bearer nope"), _bearer(server)]
    headers = pair if garbage_first else pair[::-1]
    _refused(send("DELETE", f"{CONFIGS}/{config_id}", headers), 400, "authorization", "more than once")
    assert http.get(f"{CONFIGS}/{config_id}").status_code == 200


def test_a_read_only_token_beside_a_write_token_writes_nothing(
    send: Send, server: RunningServer, http: httpx.Client, config_id: str
) -> None:
    headers = [_bearer(server, 1), _bearer(server, 0), JSON]
    answer = send("PATCH", f"{CONFIGS}/{config_id}", headers, b'{"displayName": "changed"}')
    _refused(answer, 400, "authorization")
    assert http.get(f"{CONFIGS}/{config_id}").json()["displayName"] != "changed"


@pytest.mark.parametrize(
    "headers",
    [
        [JSON, ("Content-Type", "text/plain")],
        [("Content-Type", "text/plain"), JSON],
        [JSON, JSON],
    ],
    ids=["json-then-text", "text-then-json", "same-twice"],
)
def test_two_content_types_are_a_400(
    send: Send, server: RunningServer, http: httpx.Client, headers: list[tuple[str, str]]
) -> None:
    before = _count(http)
    _refused(send("POST", CONFIGS, [_bearer(server), *headers], b'{"displayName": "x"}'), 400, "content-type")
    assert _count(http) == before


@pytest.mark.parametrize(
    "value",
    ["application/json; charset=utf-8; charset=latin-1", "application/json; charset=utf-8; CHARSET=utf-8"],
)
def test_a_repeated_media_type_parameter_is_a_400(
    send: Send, server: RunningServer, http: httpx.Client, value: str
) -> None:
    before = _count(http)
    answer = send("POST", CONFIGS, [_bearer(server), ("Content-Type", value)], b'{"displayName": "x"}')
    _refused(answer, 400, "charset", "twice")
    assert _count(http) == before


def test_two_client_request_ids_are_a_400_echoing_neither(send: Send, server: RunningServer) -> None:
    headers = [_bearer(server), ("client-request-id", "first"), ("client-request-id", "second")]
    answer = send("GET", CONFIGS, headers)
    _refused(answer, 400, "client-request-id")
    assert answer.headers["client-request-id"] not in ("first", "second")


# 3. Routing on the raw path


def test_an_encoded_slash_in_an_id_is_part_of_the_id(
    send: Send, server: RunningServer, http: httpx.Client, config_id: str, assignment_id: str
) -> None:
    odd = f"{config_id}%2Fassignments%2F{assignment_id}"
    _refused(send("DELETE", f"{CONFIGS}/{odd}", [_bearer(server)]), 404, f"{config_id}/assignments/{assignment_id}")
    assert http.get(f"{CONFIGS}/{config_id}/assignments/{assignment_id}").status_code == 200
    # Percent-encoded literal segments still route (only the separator is taken from the raw path).
    answer = send("GET", f"{CONFIGS}/{config_id}/assignments/%24count", [_bearer(server)])
    assert (answer.status, answer.body) == (200, b"1")


def test_a_path_that_is_not_utf8_is_a_400(send: Send, server: RunningServer) -> None:
    _refused(send("GET", f"{CONFIGS}/%FF%FE", [_bearer(server)]), 400, "UTF-8")


# 4. Content-Encoding


def test_a_compressed_body_is_a_415_and_identity_is_read(send: Send, server: RunningServer, http: httpx.Client) -> None:
    before = _count(http)
    packed = gzip.compress(b'{"displayName": "zipped"}')
    for coding in ("gzip", "deflate", "br", "gzip, identity"):
        answer = send("POST", CONFIGS, [_bearer(server), JSON, ("Content-Encoding", coding)], packed)
        _refused(answer, 415, "Content-Encoding")
    assert _count(http) == before
    answer = send("POST", CONFIGS, [_bearer(server), JSON, ("Content-Encoding", "identity")], b'{"displayName": "i"}')
    assert answer.status == 201, answer.body


# 5. The HTTP layer: RFC 9112-strict, refusals as Graph errors


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"get {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n\r\n", ()),
        (b"BREW {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n\r\n", ()),
        (b"GET {path} HTTP/1.1\r\nHost: {host}\r\nX-A: a\x01b\r\n{auth}\r\n\r\n", ()),
        (b"GET {path} HTTP/1.1\r\nHost: {host}\r\nHost: evil.example\r\n{auth}\r\n\r\n", ("Host",)),
        (b"GET {path} HTTP/1.1\r\n{auth}\r\n\r\n", ("Host",)),
        (b"GET {path} HTTP/2.0\r\nHost: {host}\r\n{auth}\r\n\r\n", ("HTTP/2.0",)),
        (
            b"POST {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n",
            ("Transfer-Encoding",),
        ),
        (
            b"POST {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n",
            (),  # httptools itself refuses this one
        ),
        (b"GET {path}?" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n\r\n", ()),
    ],
    ids=["lower-method", "unknown-method", "ctl-char", "two-hosts", "no-host", "http2", "te-gzip", "te-cl", "long-url"],
)
def test_the_http_layer_refuses_with_a_graph_400(
    server: RunningServer, http: httpx.Client, raw: bytes, words: tuple[str, ...]
) -> None:
    url = urlsplit(server.base_url)
    filled = (
        raw.replace(b"{path}", (url.path + CONFIGS).encode())
        .replace(b"{host}", url.netloc.encode())
        .replace(b"{auth}", ": ".join(_bearer(server)).encode())
        .replace(b"{{}}", b"{}")
    )
    before = _count(http)
    _refused(exchange(url.hostname or "", url.port or 0, filled), 400, *words)
    assert _count(http) == before


# 6. HEAD, duplicate keys, Int32


def test_head_answers_as_get_without_a_body(send: Send, server: RunningServer, config_id: str) -> None:
    got = send("GET", f"{CONFIGS}/{config_id}", [_bearer(server)])
    head = send("HEAD", f"{CONFIGS}/{config_id}", [_bearer(server)])
    assert (head.status, head.body) == (200, b"")
    assert head.headers["content-length"] == str(len(got.body))
    assert head.headers["content-type"] == got.headers["content-type"]
    missing = send("HEAD", f"{CONFIGS}/nope", [_bearer(server)])
    assert (missing.status, missing.body) == (404, b"")


@pytest.mark.parametrize(
    "body",
    [
        b'{"displayName": "a", "displayName": "b"}',
        b'{"displayName": "a", "roleScopeTagIds": [{"x": 1, "x": 1}]}',
        b'{"displayName": "a", "version": 1, "version": 2}',
    ],
)
def test_duplicate_keys_are_a_400_and_create_nothing(
    send: Send, server: RunningServer, http: httpx.Client, body: bytes
) -> None:
    before = _count(http)
    _refused(send("POST", CONFIGS, [_bearer(server), JSON], body), 400, "twice")
    assert _count(http) == before


def test_an_integral_number_in_an_int32_field_is_stored_as_an_integer(
    send: Send, server: RunningServer, http: httpx.Client
) -> None:
    for written in ("1.0", "2e0", "30.000"):
        answer = send("POST", CONFIGS, [_bearer(server), JSON], f'{{"version": {written}}}'.encode())
        assert answer.status == 201, answer.body
        created: dict[str, Any] = answer.json()
        expected = int(float(written))
        assert f'"version":{expected}' in answer.body.decode()
        echoed = http.get(f"{CONFIGS}/{created['id']}")
        assert f'"version":{expected}' in echoed.text
        assert json.loads(echoed.text)["version"] == expected
    before = _count(http)
    _refused(send("POST", CONFIGS, [_bearer(server), JSON], b'{"version": 1.5}'), 400, "version")
    assert _count(http) == before
