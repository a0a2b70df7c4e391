"""Whom a contract change breaks: one rule per kind of change and direction.

A request is written by the client and read by the server; a response the other way round. A change
breaks the *reader* when it lets the writer send more than before (the reader must now understand
it), and breaks the *writer* when it forbids something the writer may already send. Objects are open
(the spec's "Unknown properties" policy), so an extra property alone never breaks a reader that
ignores it; a new *meaning* the server must honour does.

| change                                  | in a request          | in a response |
|-----------------------------------------|-----------------------|---------------|
| added (optional): property, parameter,  | servers (must honour  | nobody        |
|   header, request body                  | it)                   |               |
| added (required)                        | clients and servers   | servers       |
| removed                                 | clients               | clients       |
| became required                         | clients               | servers       |
| became optional                         | servers               | clients       |
| widened: enum value or target kind      | servers               | clients (strict clients, such as
|   (`@odata.type`) added, type or bound  |                       | the generated one, reject the new
|   loosened, media type or success       |                       | value)        |
|   status added                          |                       |               |
| narrowed: the opposites                 | clients               | servers       |
| changed incompatibly, or a keyword no   | clients and servers   | clients and servers |
|   rule covers (review by hand)          |                       |               |
| error status (4XX, 5XX, default) added  | -                     | nobody (clients already handle
|   or removed                            |                       | undocumented errors; servers may
|                                         |                       | answer any error that fits) |
| path parameter renamed                  | nobody (the same URL on the wire; the generated function's
|                                         | keyword is renamed, which the client level reports) |
| annotation changed (contentMediaType,   | nobody                | nobody (JSON Schema 2020-12
|   contentEncoding, contentSchema)       |                       | annotations, not assertions) |
| documentation only                      | nobody                | nobody        |
| schema or security scheme added, removed | nobody (its uses are reported where they change) |

Operations and error statuses, whatever the direction: an operation added breaks servers (they must
implement it); removed breaks clients; a renamed `operationId` changes nothing on the wire (the
generated function's module is renamed, which the client level reports, as griffe finds it).
Security requirements are request-side: an alternative added breaks servers, one removed clients. A
schema used in both directions gets both columns; a schema no operation uses breaks nobody.

Both columns are reported. The verdict, the exit code and the version bump (`report`) follow the
clients column only: a change that breaks servers alone is a new obligation for them (servers
implementing the previous contract do not conform until they add it), additive for everyone else.
"""

from __future__ import annotations

from collections.abc import Iterable

from ios_lob_kit.regeneration.changes.findings import Change, ChangeKind, Direction, Finding

NOBODY, CLIENTS, SERVERS, BOTH = (False, False), (True, False), (False, True), (True, True)

# kind -> ((clients, servers) broken in a request, (clients, servers) broken in a response)
RULES: dict[ChangeKind, tuple[tuple[bool, bool], tuple[bool, bool]]] = {
    ChangeKind.ADDED: (NOBODY, NOBODY),
    ChangeKind.ADDED_OPTIONAL: (SERVERS, NOBODY),
    ChangeKind.ADDED_REQUIRED: (BOTH, SERVERS),
    ChangeKind.REMOVED: (CLIENTS, CLIENTS),
    ChangeKind.BECAME_REQUIRED: (CLIENTS, SERVERS),
    ChangeKind.BECAME_OPTIONAL: (SERVERS, CLIENTS),
    ChangeKind.WIDENED: (SERVERS, CLIENTS),
    ChangeKind.NARROWED: (CLIENTS, SERVERS),
    ChangeKind.INCOMPATIBLE: (BOTH, BOTH),
    ChangeKind.RENAMED: (NOBODY, NOBODY),
    ChangeKind.ANNOTATION: (NOBODY, NOBODY),
    ChangeKind.DOCUMENTATION: (NOBODY, NOBODY),
}
OPERATION_RULES: dict[ChangeKind, tuple[bool, bool]] = {
    ChangeKind.OPERATION_ADDED: SERVERS,
    ChangeKind.OPERATION_REMOVED: CLIENTS,
    ChangeKind.OPERATION_RENAMED: NOBODY,
    ChangeKind.ERROR_STATUS_ADDED: NOBODY,
    ChangeKind.ERROR_STATUS_REMOVED: NOBODY,
}


def breaks(change: Change) -> tuple[bool, bool]:
    """(breaks clients, breaks servers) for one change."""
    if change.kind in OPERATION_RULES:
        return OPERATION_RULES[change.kind]
    in_request, in_response = RULES[change.kind]
    match change.direction:
        case Direction.REQUEST:
            return in_request
        case Direction.RESPONSE:
            return in_response
        case Direction.BOTH:
            return in_request[0] or in_response[0], in_request[1] or in_response[1]
        case Direction.NONE:
            return NOBODY
    raise AssertionError(change.direction)


def classify(changes: Iterable[Change]) -> list[Finding]:
    findings = []
    for change in changes:
        clients, servers = breaks(change)
        findings.append(
            Finding(
                kind=change.kind,
                subject=change.subject,
                location=change.location,
                direction=change.direction,
                detail=change.detail,
                breaking_for_clients=clients,
                breaking_for_servers=servers,
            )
        )
    return findings
