"""OData: the query options ($top, $skip, $count, $select, $filter, $orderby, $expand), checked before the
handler runs, and the answers' OData shape (an entity or a page of them, with context URL, count and next link).
`$filter` and `$orderby` become SQL the store runs in its own query (filtering.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ios_lob_kit.mock_server.errors import bad_request
from ios_lob_kit.mock_server.filtering import Condition, Dialect, order_by, where
from ios_lob_kit.mock_server.operations import Operation
from ios_lob_kit.mock_server.store import Page
from ios_lob_kit.openapi.index import spec_index

if TYPE_CHECKING:
    from ios_lob_kit.mock_server.calls import Call

__all__ = ["Navigate", "Query", "context_url", "entity", "next_link", "page", "parse_query", "select"]

# Graph beta accepts system query options without their `$`; any other plain name is a custom option (ignored).
_SYSTEM_OPTIONS = frozenset(
    {"apply", "compute", "count", "deltatoken", "expand", "filter", "format"}
    | {"orderby", "search", "select", "skip", "skiptoken", "top"}
)
_COMPILED = ("$filter", "$orderby")  # read by filtering.py before their pattern is checked


@dataclass
class Query:
    values: dict[str, Any] = field(default_factory=dict)  # typed, by canonical name ("$top")
    raw: dict[str, str] = field(default_factory=dict)  # as sent, for next links
    where: Condition | None = None  # `$filter` as SQL
    order: str | None = None  # `$orderby` as SQL

    @property
    def top(self) -> int | None:
        top = self.values.get("$top")
        return top if isinstance(top, int) else None

    @property
    def skip(self) -> int:
        return int(self.values.get("$skip", 0))

    @property
    def count(self) -> bool:
        return self.values.get("$count") is True

    @property
    def select(self) -> list[str] | None:
        chosen = self.values.get("$select")  # validated against the spec's comma-separated pattern
        return chosen.split(",") if isinstance(chosen, str) and chosen else None

    @property
    def expand(self) -> list[str]:
        chosen = self.values.get("$expand")  # validated against the spec's comma-separated pattern
        return list(dict.fromkeys(chosen.split(","))) if isinstance(chosen, str) else []


def parse_query(operation: Operation, items: Iterable[tuple[str, str]], dialect: Dialect) -> Query:
    """Check the query string against the operation's documented options; 400 naming the option."""
    query = Query()
    for name, raw in items:
        key = name.lower()
        if key not in operation.query and key in _SYSTEM_OPTIONS:
            key = "$" + key
        rule = operation.query.get(key)
        if rule is None:
            if key.startswith("$"):
                raise bad_request(f"Query option '{name}' is not supported by this operation.", name)
            continue
        if key in query.raw:
            if rule.kind != "array":
                raise bad_request(f"Query option '{rule.name}' is specified more than once.", rule.name)
            # An array parameter sent exploded (`a=1&a=2`) means `a=1,2`.
            raw = f"{query.raw[key]},{raw}"
        query.raw[key] = raw
    # Read first, for a message naming the problem; then held to the forms the spec documents.
    if "$filter" in query.raw:
        query.where = where(query.raw["$filter"], operation.properties, dialect)
    if "$orderby" in query.raw:
        query.order = order_by(query.raw["$orderby"], operation.properties, dialect)
    for key, raw in query.raw.items():
        rule = operation.query[key]
        if key in _COMPILED and not rule.validator.is_valid(raw):
            raise bad_request(f"{rule.name}: {raw!r} is OData, but not of the forms the spec documents.", rule.name)
        query.values[key] = rule.value(raw)
    for key, rule in operation.query.items():
        if rule.required and key not in query.values:
            raise bad_request(f"Query option '{rule.name}' is required.", rule.name)
    return query


@functools.cache
def _always_answered() -> frozenset[str]:
    """What an entity answer carries even under `$select`: what the spec's answer schemas of entities require."""
    entities = (s for s in spec_index().answer_shapes if "id" in (s.properties or {}))
    return frozenset[str]().union(*(s.required for s in entities))


def select(doc: dict[str, Any], chosen: list[str] | None) -> dict[str, Any]:
    if chosen is None:
        return doc
    return {key: value for key, value in doc.items() if key in chosen or key in _always_answered()}


@functools.cache
def _segments(path: str) -> tuple[str, ...]:
    return tuple(path.strip("/").split("/"))


def context_url(root: str, path: str, params: dict[str, str], chosen: list[str] | None, entity: bool) -> str:
    """`{root}/$metadata#deviceAppManagement/x('{id}')/assignments[(select)][/$entity]` from the spec path
    (expanded navigation properties without options of their own are not listed, as OData 4.0 writes it)."""
    segments = list(_segments(path))
    if entity and segments[-1].startswith("{"):
        segments.pop()  # an item's context names its collection
    text = ""
    for segment in segments:
        if segment.startswith("{"):
            key = params[segment[1:-1]].replace("'", "''")
            text += f"('{key}')"
        else:
            text += f"/{segment}" if text else segment
    if chosen is not None:
        text += f"({','.join(chosen)})"
    return f"{root}/$metadata#{text}" + ("/$entity" if entity else "")


def next_link(url: str, query: Query, skip: int, top: int | None) -> str:
    """The absolute URL of the next page: the same options, with `$skip` (and `$top`) moved on."""
    parts = [
        f"{name}={quote(raw, safe=chr(39) + ',')}" for name, raw in query.raw.items() if name not in ("$skip", "$top")
    ]
    if top is not None:
        parts.append(f"$top={top}")
    parts.append(f"$skip={skip}")
    return f"{url}?{'&'.join(parts)}"


Navigate = Callable[[str, dict[str, Any]], list[dict[str, Any]]]  # (navigation property, entity) -> its items


def _shaped(doc: dict[str, Any], query: Query, navigate: Navigate | None) -> dict[str, Any]:
    """What `$select` keeps of a stored document, then each `$expand`ed navigation property in full."""
    shaped = select(doc, query.select)
    if navigate is None or not query.expand:
        return shaped
    return {**shaped, **{name: navigate(name, doc) for name in query.expand}}


def entity(call: Call, doc: dict[str, Any], navigate: Navigate | None = None) -> dict[str, Any]:
    """One entity as answered: its context URL, then the document as `$select` and `$expand` shape it."""
    context = context_url(call.root, call.operation.path, call.params, call.query.select, entity=True)
    return {"@odata.context": context, **_shaped(doc, call.query, navigate)}


def page(call: Call, page_size: int, fetch: Callable[..., Page], navigate: Navigate | None = None) -> dict[str, Any]:
    """A page of a collection as answered: context URL, `@odata.count`, `@odata.nextLink`, `value`.

    `fetch(where=, order=, skip=, limit=, with_count=)` reads the store; one item more than the page tells
    whether there is a next page.
    """
    query = call.query
    top = query.top
    limit = page_size if top is None else min(page_size, top)
    docs, total = fetch(where=query.where, order=query.order, skip=query.skip, limit=limit + 1, with_count=query.count)
    payload: dict[str, Any] = {
        "@odata.context": context_url(call.root, call.operation.path, call.params, query.select, entity=False)
    }
    if total is not None:
        payload["@odata.count"] = total
    if len(docs) > limit and (top is None or top > limit):
        remaining = None if top is None else top - limit
        payload["@odata.nextLink"] = next_link(call.url, query, query.skip + limit, remaining)
    payload["value"] = [_shaped(doc, query, navigate) for doc in docs[:limit]]
    return payload
