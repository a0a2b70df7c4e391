"""A failure's reproduction: curl lines that paste and run when the report is read.

The run deletes what it created when it ends, so a failing request that names a resource the run created
(its configuration, an assignment a scenario made) is preceded by the requests that created it, each
keeping the new id in a shell variable (`CONFIGURATION_ID=$(curl ...)`) the later lines use. A resource
the run did not create (a `--configuration-id`) still exists and is named as is. Tokens are read from the
environment variables the suite takes them from (`token_variable`, see `checks.exchange.curl`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from urllib.parse import unquote

from ios_lob_kit.conformance.checks.exchange import Exchange, curl
from ios_lob_kit.conformance.writes import created_id

# Reads the id out of a create's answer (Python is there wherever the kit runs; jq may not be).
ID_READER = """python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'"""


def reproduction(
    steps: Exchange | Sequence[Exchange], before: Sequence[Exchange], token_variable: Callable[[str], str | None]
) -> str:
    """Curl lines that send `steps` again (the failing request, or the checked one and then the one that showed
    the failure), after recreating what they name that `before` created."""
    steps = (steps,) if isinstance(steps, Exchange) else tuple(steps)
    creations = {found: ex for ex in before if (found := _created(ex)) is not None}
    needed: list[str] = []

    def need(ex: Exchange) -> None:  # what `ex` names, what that names in turn (a configuration first)
        for named, creation in creations.items():
            if named not in needed and creation is not ex and _names(ex, named):
                need(creation)
                needed.append(named)

    for step in steps:
        need(step)
    variables: dict[str, str] = {}
    lines = []
    for named in needed:
        variable = _variable(creations[named], variables)
        sent = curl(creations[named], token_variable, ids=variables, silent=True)
        lines.append(f"{variable}=$({sent} | {ID_READER})")
        variables[named] = variable
    lines += [curl(step, token_variable, ids=variables) for step in steps]
    return "\n".join(lines)


def _created(ex: Exchange) -> str | None:
    return created_id(ex.method, ex.url, ex.status, ex.response_body, ex.request_body)


def _names(ex: Exchange, resource_id: str) -> bool:
    path = ex.url.split("?", 1)[0]
    if resource_id in (unquote(segment) for segment in path.split("/")):
        return True
    return bool(ex.request_body) and json.dumps(resource_id) in (ex.request_body or b"").decode("utf-8", "replace")


def _variable(creation: Exchange, taken: dict[str, str]) -> str:
    """CONFIGURATION_ID or ASSIGNMENT_ID (numbered from the second of a kind)."""
    kind = "ASSIGNMENT_ID" if "/assignments" in creation.url else "CONFIGURATION_ID"
    count = sum(1 for variable in taken.values() if variable.startswith(kind))
    return kind if count == 0 else f"{kind}_{count + 1}"
