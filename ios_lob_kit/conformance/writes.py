"""The run's writes: what they created (deleted when the run ends) and the `--max-writes N` budget.

Every request the run sends (the Graph scenarios', schemathesis' cases and undocumented-method probes and
its `ignored_auth` probes, the client side's end-to-end calls, the run's own configuration, the clean-up)
is admitted just before it is sent (`WriteBudget.admit`) and its answer noted after (`Leftovers.note`); a
retry after `Retry-After` is admitted again. A write is any method but the safe ones
(`ios_lob_kit.openapi.index.is_write`).

`Leftovers` holds the resources the run created and has not deleted: a POST answered 2xx with an `id`, or
the seed's collection PATCH without a body `id` answered 200. What is created inside one of them (the
assignments of a configuration the run made) is not held: deleting the configuration deletes it. A DELETE
the target answered 2xx or 404 lets go of what it deleted, so the final clean-up sends only what is needed.

Clean-up deletes count against the budget, and are reserved: a write that may create something is sent only
while the budget holds its own unit and one for deleting what it creates, and every resource held keeps one
unit aside until it is deleted. So the run can always delete what it made, and the target never receives
more than N writes in all.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

import httpx

from ios_lob_kit.conformance.checks.api import DOT_SEGMENTS, REQUEST_ERRORS
from ios_lob_kit.conformance.credentials import FreshBearer, TokenSource
from ios_lob_kit.conformance.errors import BudgetSpent
from ios_lob_kit.conformance.markers import MARKED, marked_configurations
from ios_lob_kit.conformance.markers import NAME as MARKED_NAME
from ios_lob_kit.openapi.index import is_write

UNSENT = "not sent: the write budget"


def _key(url: str) -> str:
    """A URL's path as one string to compare: no query, no trailing slash, ids unquoted."""
    return unquote(httpx.URL(url).path).rstrip("/")


def _creates(method: str, path: str, request_body: bytes | None) -> bool:
    """Whether a request may create a resource: a POST (but the assign action), or the seed's collection
    PATCH when its body has no `id` (with one it updates that assignment; without a body given, unknown)."""
    if method == "POST":
        return not path.endswith("/assign")
    if method != "PATCH" or not path.endswith("/assignments"):
        return False
    try:
        sent = json.loads(request_body) if request_body else None
    except (ValueError, RecursionError):  # a hostile body nested deeper than Python's stack
        return False
    return isinstance(sent, dict) and "id" not in sent


def id_of(content: bytes) -> str | None:
    """The `id` an answer's JSON body gives, when it is usable as a path segment."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return None
    created_id = body.get("id") if isinstance(body, dict) else None
    usable = isinstance(created_id, str) and created_id and created_id not in DOT_SEGMENTS
    return created_id if usable else None


def created_id(method: str, url: str, status: int, body: bytes, request_body: bytes | None = None) -> str | None:
    """The id of what an answered request created (a reproduction makes it again; `Leftovers` deletes it)."""
    method, path = method.upper(), _key(url)
    created = (method == "POST" and 200 <= status < 300) or (method == "PATCH" and status == 200)
    return id_of(body) if created and _creates(method, path, request_body) else None


class Leftovers:
    """The resources the run created and still holds: path -> the URL to delete it at."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        # Creates whose answer never came (a Ctrl-C or a dropped connection while in flight): the collection
        # URL and the marked displayName sent; the target may have made them all the same.
        self.unanswered: list[tuple[str, str]] = []

    def note(self, method: str, url: str, status: int, body: bytes, request_body: bytes | None = None) -> None:
        """Remember what an answered request created, and forget what an answered DELETE removed."""
        method, path, base = method.upper(), _key(url), url.split("?", 1)[0].rstrip("/")
        if method == "DELETE" and (200 <= status < 300 or status == 404):
            self.urls = {held: at for held, at in self.urls.items() if held != path and not held.startswith(path + "/")}
            return
        found = created_id(method, url, status, body, request_body)
        if found is not None and not self._inside(path):
            self.urls[f"{path}/{found}"] = f"{base}/{quote(found, safe='')}"

    def note_unanswered(self, method: str, url: str, request_body: bytes | None) -> None:
        """Remember a create that got no answer, when it carried a run's marker (only then can it be found)."""
        if not self.may_create(method, url, request_body):
            return
        try:
            sent = json.loads(request_body) if request_body else None
        except ValueError:
            return
        name = sent.get(MARKED_NAME) if isinstance(sent, dict) else None
        if isinstance(name, str) and MARKED.match(name):
            self.unanswered.append((url.split("?", 1)[0].rstrip("/"), name))

    def pending(self) -> int:
        return len(self.urls)

    def holds(self, url: str) -> bool:
        return _key(url) in self.urls

    def may_create(self, method: str, url: str, request_body: bytes | None = None) -> bool:
        """Whether the request may create something the run would have to delete itself."""
        path = _key(url)
        body = request_body if request_body is not None else b"{}"  # unknown: assume it creates
        return _creates(method.upper(), path, body) and not self._inside(path)

    def _inside(self, path: str) -> bool:
        return any(path.startswith(held + "/") for held in self.urls)

    def clean_up(self, client: httpx.Client) -> list[str]:
        """Delete what the run still holds (errors ignored); the URLs left behind."""
        for url in list(self.urls.values()):
            with contextlib.suppress(*REQUEST_ERRORS, BudgetSpent):
                client.delete(url)
        for collection, name in self.unanswered:
            with contextlib.suppress(*REQUEST_ERRORS, BudgetSpent, ValueError, KeyError, TypeError):
                self._delete_named(client, collection, name)
        return list(self.urls.values())

    @staticmethod
    def _delete_named(client: httpx.Client, collection: str, name: str) -> None:
        """Delete the items of `collection` named `name` (a marked name: only runs of this seed use it)."""
        for found in marked_configurations(client, collection):
            if found.name == name:
                client.delete(found.url)


class WriteBudget:
    """Counts the run's writes; refuses one that would leave no unit for the clean-up it owes."""

    def __init__(self, limit: int | None, leftovers: Leftovers) -> None:
        self.limit = limit  # None: no budget (writes are still counted)
        self.leftovers = leftovers
        self.sent = 0
        self.refused = 0
        self._lock = threading.Lock()  # admitting is one step even if a sender runs in another thread

    def admit(self, method: str, url: str, request_body: bytes | None = None, *, count: int = 1) -> None:
        """Count a write about to be sent (`count` alike), or raise `BudgetSpent` (and count the refusal)."""
        if not is_write(method):
            return
        with self._lock:
            reserved = self.leftovers.pending()
            if method.upper() == "DELETE" and self.leftovers.holds(url):
                reserved -= 1  # its unit was set aside when what it deletes was created
            elif self.leftovers.may_create(method, url, request_body):
                reserved += count  # what they create must be deletable
            if self.limit is not None and self.sent + count + reserved > self.limit:
                self.refused += count
                raise BudgetSpent(f"{UNSENT} (--max-writes {self.limit}) is spent")
            self.sent += count

    def release(self, count: int) -> None:
        """Writes admitted but never sent (a check that sent fewer probes than it might have)."""
        with self._lock:
            self.sent -= count

    def exchange(self, request: httpx.Request, send: Any) -> httpx.Response:
        """`send(request)` within the budget, its answer read and noted."""
        self.admit(request.method, str(request.url), request.content)
        try:
            response: httpx.Response = send(request)
            response.read()
        except BaseException:  # Ctrl-C included: the target may have acted on it
            self.leftovers.note_unanswered(request.method, str(request.url), request.content)
            raise
        self.leftovers.note(request.method, str(request.url), response.status_code, response.content, request.content)
        return response

    def line(self) -> str:
        """What the report says about the run's writes."""
        if self.limit is None:
            return f"writes: {self.sent} (no --max-writes budget)"
        unsent = f"; {self.refused} not sent: the budget was spent" if self.refused else ""
        return f"writes: {self.sent} of {self.limit} budget{unsent}"


class BudgetTransport(httpx.BaseTransport):
    """An httpx transport whose every request goes through the run's `WriteBudget`."""

    def __init__(self, budget: WriteBudget, inner: httpx.BaseTransport | None = None) -> None:
        self._budget = budget
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._budget.exchange(request, self._inner.handle_request)

    def close(self) -> None:
        self._inner.close()


@contextlib.contextmanager
def cleaning_client(budget: WriteBudget, credential: TokenSource) -> Iterator[httpx.Client]:
    """A client for the run's clean-up: a token asked for at each call, every request through the budget."""
    with httpx.Client(auth=FreshBearer(credential), timeout=30.0, transport=BudgetTransport(budget)) as client:
        yield client
