"""The marker on everything a run creates, and the clean-up of what earlier runs left.

A run names every configuration it creates or renames `conformance-run-<seed> <name>` (its displayName: the
only name a configuration has; its assignments live inside it and go with it). The run deletes what it
created when it ends, also after Ctrl-C or a crash of the suite; a run killed outright leaves its
configurations behind, and `scripts/conformance --cleanup` finds them by that prefix and deletes them, and
nothing else: a configuration whose displayName does not start with the marker is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.credentials import FreshBearer, TokenSource

NAME = "displayName"  # the property that carries the marker
MARKED = re.compile(r"conformance-run-(-?[0-9]+)(?: |$)")
MAX_PAGES = 1000


def marker(seed: int) -> str:
    return f"conformance-run-{seed} "


def marked(name: str, seed: int) -> str:
    """`name` with the run's marker in front (once: a name already marked keeps its own)."""
    return name if MARKED.match(name) else marker(seed) + name


def mark_body(operation_id: str, body: Any, seed: int) -> Any:
    """The body with its displayName marked, when the operation's body has one and it is a string; a create
    that leaves it out gets the marker alone. Any other body (a negative case's number) is sent as it is."""
    schema = spec.request_schema(operation_id)
    if not isinstance(body, dict) or schema is None or NAME not in spec.properties(schema):
        return body
    name = body.get(NAME)
    if isinstance(name, str):
        return {**body, NAME: marked(name, seed)}
    if NAME not in body and spec.operations()[operation_id][0] == "POST":
        return {**body, NAME: marker(seed).rstrip()}
    return body


@dataclass(frozen=True)
class Found:
    id: str
    name: str
    url: str


def configurations_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/{spec.operations()['listConfigurations'][1].lstrip('/')}"


def marked_configurations(client: httpx.Client, collection: str) -> Iterator[Found]:
    """Every configuration in `collection` (the tenant's configurations URL) whose displayName carries a run's
    marker (listing page by page)."""
    url: str | None = collection
    for _ in range(MAX_PAGES):
        if url is None:
            return
        response = client.get(url)
        response.raise_for_status()
        page = response.json()
        for item in page.get("value", []):
            name, item_id = item.get(NAME), item.get("id")
            if isinstance(name, str) and isinstance(item_id, str) and MARKED.match(name):
                yield Found(item_id, name, f"{collection}/{quote(item_id, safe='')}")
        url = page.get("@odata.nextLink")


def clean_up(base_url: str, credential: TokenSource, *, dry_run: bool, say: Any) -> int:
    """Delete (or with `dry_run` only list) the configurations earlier runs left; the number that could not be
    deleted. Raises `httpx.HTTPError` when the listing fails."""
    failed = 0
    with httpx.Client(auth=FreshBearer(credential), timeout=30.0) as client:
        found = list(marked_configurations(client, configurations_url(base_url)))
        for item in found:
            if dry_run:
                say(f"would delete {item.id} ({item.name!r})")
                continue
            try:
                status = client.delete(item.url).status_code
            except httpx.HTTPError as exc:
                status, failed = 0, failed + 1
                say(f"not deleted: {item.id} ({item.name!r}): {type(exc).__name__}")
                continue
            if 200 <= status < 300 or status == 404:
                say(f"deleted {item.id} ({item.name!r})")
            else:
                failed += 1
                say(f"not deleted: {item.id} ({item.name!r}): {status}")
    say(f"{len(found)} configuration(s) left by earlier runs{' (dry run: nothing deleted)' if dry_run else ''}")
    return failed
