"""What the contract-level comparison finds, as data: `Change` (what changed) and `Finding` (and whom it breaks)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    """Where the changed thing travels: what the client writes, what the server writes, or neither."""

    REQUEST = "request"
    RESPONSE = "response"
    BOTH = "request+response"
    NONE = "n/a"  # an operation as a whole, a schema component, or a schema no operation uses

    @staticmethod
    def of(directions: set[Direction]) -> Direction:
        if Direction.BOTH in directions or {Direction.REQUEST, Direction.RESPONSE} <= directions:
            return Direction.BOTH
        return next(iter(directions - {Direction.NONE}), Direction.NONE)


class ChangeKind(StrEnum):
    ADDED = "added"  # a schema component: its uses are reported where they change
    ADDED_OPTIONAL = "added (optional)"
    ADDED_REQUIRED = "added (required)"
    REMOVED = "removed"
    BECAME_REQUIRED = "now required"
    BECAME_OPTIONAL = "now optional"
    WIDENED = "widened"  # more values are valid than before: an enum value, a target kind, a looser bound
    NARROWED = "narrowed"  # fewer values are valid than before
    INCOMPATIBLE = "changed"  # neither wider nor narrower, or a keyword no rule covers
    OPERATION_ADDED = "operation added"
    OPERATION_REMOVED = "operation removed"
    OPERATION_RENAMED = "operationId renamed"
    RENAMED = "renamed"  # a path parameter: the same request on the wire
    ERROR_STATUS_ADDED = "error status added"
    ERROR_STATUS_REMOVED = "error status removed"
    ANNOTATION = "annotation"  # a JSON Schema annotation (contentMediaType, ...): no validator enforces it
    DOCUMENTATION = "documentation"


@dataclass(frozen=True)
class Change:
    """One difference between two spec documents, before anyone judges it."""

    kind: ChangeKind
    subject: str  # what changed: "property", "enum value", "@odata.type", "parameter", "response status", ...
    location: str  # "groupAssignmentTarget.groupId", "createAssignment: request body", ...
    direction: Direction
    detail: str = ""


@dataclass(frozen=True)
class Finding:
    """A change, classified by `classify.classify` as breaking or not for each side."""

    kind: ChangeKind
    subject: str
    location: str
    direction: Direction
    detail: str
    breaking_for_clients: bool
    breaking_for_servers: bool

    @property
    def breaking(self) -> bool:
        return self.breaking_for_clients or self.breaking_for_servers

    @property
    def title(self) -> str:
        """A short phrase: "property removed", "enum value added", "description changed (documentation)"."""
        if self.kind in _SELF_NAMED:
            return str(self.kind)
        if self.kind in (ChangeKind.DOCUMENTATION, ChangeKind.ANNOTATION):
            return f"{self.subject} changed ({self.kind})"
        if self.subject in _COUNTABLE and self.kind in (ChangeKind.WIDENED, ChangeKind.NARROWED):
            return f"{self.subject} {'added' if self.kind is ChangeKind.WIDENED else 'removed'}"
        return f"{self.subject} {self.kind}"


_SELF_NAMED = {
    ChangeKind.OPERATION_ADDED,
    ChangeKind.OPERATION_REMOVED,
    ChangeKind.OPERATION_RENAMED,
    ChangeKind.ERROR_STATUS_ADDED,
    ChangeKind.ERROR_STATUS_REMOVED,
}
# Subjects whose widening is one more of them, and narrowing one fewer.
_COUNTABLE = {
    "enum value", "@odata.type value", "@odata.type", "union member", "media type", "response status",
    "security alternative",
}  # fmt: skip
