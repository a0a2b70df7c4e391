"""The suite's own requests wait out 429/503 with Retry-After, resend the same request, and count it."""

from __future__ import annotations

import httpx
import pytest

from ios_lob_kit.conformance.retry import MAX_RETRIES, RetryAfterTransport, retry_after


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("3", 3.0), (" 0 ", 0.0), ("Thu, 01 Jan 1970 00:00:10 GMT", 10.0), ("soon", None), ("", None), (None, None)],
)
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    assert retry_after(value, now=lambda: 0.0) == seconds


def _client(statuses: list[tuple[int, dict[str, str]]]) -> tuple[httpx.Client, list[bytes], list[float], list[float]]:
    bodies: list[bytes] = []
    waits: list[float] = []
    counted: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        status, headers = statuses.pop(0) if statuses else (200, {})
        return httpx.Response(status, headers=headers, json={})

    transport = RetryAfterTransport(
        httpx.MockTransport(answer), on_retry=lambda _request, wait: counted.append(wait), sleep=waits.append
    )
    return httpx.Client(transport=transport, base_url="http://api"), bodies, waits, counted


def test_a_throttled_write_is_sent_again_after_the_wait_and_counted() -> None:
    client, bodies, waits, counted = _client([(429, {"Retry-After": "2"}), (503, {"Retry-After": "1"})])
    assert client.post("/x", json={"displayName": "a"}).status_code == 200
    assert bodies == [b'{"displayName":"a"}'] * 3  # the same request, three times
    assert waits == counted == [2.0, 1.0]


@pytest.mark.parametrize("headers", [{}, {"Retry-After": "later"}, {"Retry-After": "3600"}])
def test_a_throttle_without_a_usable_wait_is_the_answer(headers: dict[str, str]) -> None:
    client, bodies, waits, _ = _client([(429, headers)])
    assert client.get("/x").status_code == 429
    assert len(bodies) == 1
    assert waits == []


def test_retries_are_bounded() -> None:
    client, bodies, _, counted = _client([(429, {"Retry-After": "0"})] * 20)
    assert client.get("/x").status_code == 429
    assert len(bodies) == MAX_RETRIES + 1
    assert len(counted) == MAX_RETRIES
