"""OData route templates, as Intune names them when it refuses a verb: `~/singleton/navigation/key/navigation`."""

from __future__ import annotations

__all__ = ["route_template"]


def route_template(path: str, actions: frozenset[str]) -> str:
    """The OData template of a spec path: the first segment is the singleton (`deviceAppManagement`), then
    each segment a navigation, `{parameter}` a key, `$count` itself, and a bound action's name `action`."""
    kinds = []
    for index, segment in enumerate(path.strip("/").split("/")):
        if index == 0:
            kinds.append("singleton")
        elif segment.startswith("{"):
            kinds.append("key")
        elif segment.startswith("$"):
            kinds.append(segment)
        else:
            kinds.append("action" if segment in actions else "navigation")
    return "~/" + "/".join(kinds)
