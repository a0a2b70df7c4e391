"""Everything a run creates is recognisable: configurations carry a display-name prefix with the run's seed,
so what an interrupted run left behind can be found and removed later, and nothing else is ever touched.

Assignments need no marker: the suite only creates them inside configurations it created itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx

MARKER = re.compile(r"^\[conformance seed (\d+)\] ")


def marker(seed: int) -> str:
    return f"[conformance seed {seed}] "


def marked(display_name: str, seed: int) -> str:
    """`display_name` with the run's marker in front (once)."""
    return display_name if MARKER.match(display_name) else marker(seed) + display_name


def mark_body(body: Any, seed: int) -> Any:
    """A configuration's request body with its display name marked; any other value is left as it is."""
    if isinstance(body, dict) and isinstance(body.get("displayName"), str):
        return {**body, "displayName": marked(body["displayName"], seed)}
    return body


def is_marked(display_name: object, seed: int | None = None) -> bool:
    """Whether a run made this (the run with `seed`, or any run)."""
    found = MARKER.match(display_name) if isinstance(display_name, str) else None
    return found is not None and (seed is None or int(found.group(1)) == seed)


def _configurations(client: httpx.Client, url: str) -> Iterator[dict[str, Any]]:
    next_url: str | None = url
    while next_url:
        answer = client.get(next_url)
        answer.raise_for_status()
        page = answer.json()
        yield from (item for item in page.get("value", []) if isinstance(item, dict))
        next_url = page.get("@odata.nextLink")


def remove_marked(client: httpx.Client, base_url: str, seed: int | None = None) -> list[str]:
    """Delete every configuration a run left (all runs', or the run with `seed`); their ids."""
    collection = f"{base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations"
    left = [item["id"] for item in _configurations(client, collection) if is_marked(item.get("displayName"), seed)]
    removed = []
    for configuration_id in left:
        answer = client.delete(f"{collection}/{configuration_id}")
        if answer.status_code in (204, 404):
            removed.append(configuration_id)
    return removed
