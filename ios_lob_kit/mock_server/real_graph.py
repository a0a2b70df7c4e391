"""Where real Microsoft Graph is documented to answer differently from the contract (`--as-graph`), so a
suite run against the reference server rehearses a run against Graph.

- `updateAssignments`, the seed's PATCH on the assignments collection: no official source routes it
  (Microsoft's permissions file and the official SDK's collection builder have only GET and POST), and
  Graph answers a verb/route pair it does not serve with 400 `No method match route template`, naming
  the OData template (the reference facts, "What the real service answers").
"""

from __future__ import annotations

from ios_lob_kit.mock_server.errors import ApiError

__all__ = ["UNROUTED_OPERATIONS", "no_route"]

UNROUTED_OPERATIONS = frozenset({"updateAssignments"})


def no_route(method: str, path: str, template: str, headers: dict[str, str] | None = None) -> ApiError:
    """Graph's answer to a verb on a route it does not serve, naming the route's OData template
    (`~/singleton/navigation/key/navigation`, see route_templates.py)."""
    return ApiError(
        400,
        "No method match route template",
        f"No OData route exists that match template {template} with http verb {method} for request {path}.",
        headers=headers,
    )
