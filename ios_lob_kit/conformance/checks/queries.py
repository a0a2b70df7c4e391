"""OData query options and paging, judged against a model of the expected answer (not only status and shape).

A scratch configuration gets `ITEMS` assignments. The listing walked page by page without options is the
model: every created id exactly once, in the order the server lists them. Each query option the spec
documents on the operation, and the combinations a client uses, is then asked and its walked answer
compared with what the model says: which ids in which order, what `@odata.count`, which properties.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.api import Api
from ios_lob_kit.conformance.checks.scenarios import (
    ALL_DEVICES,
    GROUP_TARGET,
    MAX_PAGES,
    Scenario,
    ScenarioContext,
    expect,
    new_assignment,
    scratch_configuration,
)
from ios_lob_kit.conformance.errors import CheckFailed, NotExercised

ITEMS = 9  # enough to span pages on a server paging by a few, and to leave one item on a last page
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


@dataclass
class Walk:
    """A listing read to its end: the items of every page, the first page's `@odata.count` and size."""

    items: list[Any] = field(default_factory=list)
    count: Any = None
    first_page: int = 0
    pages: int = 0

    @property
    def ids(self) -> list[Any]:
        return [item.get("id") if isinstance(item, dict) else item for item in self.items]


def walk(api: Api, operation: str, config: str, params: dict[str, str]) -> Walk:
    page = expect(api.call(operation, config=config, params=params), 200)
    result = Walk(count=page.get("@odata.count"), first_page=len(page.get("value", [])))
    for _ in range(MAX_PAGES):
        result.items += page.get("value", [])
        result.pages += 1
        link = page.get("@odata.nextLink")
        if not link:
            return result
        if not isinstance(link, str) or urlsplit(link).scheme not in ("http", "https"):
            raise CheckFailed("@odata.nextLink is not an absolute URL", f"{link!r} (asked with {params})")
        page = expect(api.follow(operation, link), 200)
    raise CheckFailed("Endless paging", f"{operation} with {params} still pages after {MAX_PAGES} pages")


@contextlib.contextmanager
def populated(ctx: ScenarioContext) -> Iterator[tuple[str, list[str]]]:
    """A scratch configuration with `ITEMS` assignments, and their ids in the order they were created."""
    with scratch_configuration(ctx) as created:
        config = created["id"]
        targets = (GROUP_TARGET, ALL_DEVICES)
        yield config, [new_assignment(ctx, targets[i % 2], config=config)["id"] for i in range(ITEMS)]


def each_once(listed: list[Any], created: list[str], where: str) -> None:
    repeated = sorted({str(i) for i in listed if listed.count(i) > 1})
    if repeated:
        raise CheckFailed("Item listed twice", f"{where} lists {repeated} more than once")
    missing = [i for i in created if i not in listed]
    if missing:
        raise CheckFailed(
            "Created item unreachable", f"{where} never lists {missing} ({len(listed)} of {len(created)})"
        )
    extra = [i for i in listed if i not in created]
    if extra:
        raise CheckFailed("Unknown item listed", f"{where} lists {extra}, which this configuration does not hold")


# -- paging: every item reachable exactly once, the last one included ----------------------------------


def paging_reaches_every_item(ctx: ScenarioContext) -> None:
    operation = "listAssignments"
    options = spec.query_options(operation)
    with populated(ctx) as (config, created):
        full = walk(ctx.api, operation, config, {})
        each_once(full.ids, created, "the listing, walked to its end,")
        if full.pages == 1:
            raise NotExercised(f"the server answered all {len(created)} items on one page: paging not exercised")
        size = full.first_page
        # Ask so that exactly one item is left after the first page, both ways a client can.
        asks = []
        if "$skip" in options and len(created) > size:
            asks.append(({"$skip": str(len(created) - size - 1)}, full.ids[len(created) - size - 1 :]))
        if "$top" in options:
            asks.append(({"$top": str(size + 1)}, full.ids[: size + 1]))
        for params, expected in asks:
            got = walk(ctx.api, operation, config, params)
            if got.ids != expected:
                raise CheckFailed("Item unreachable by paging", f"{params}: expected {expected}, walked {got.ids}")


# -- query options against the model -------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    params: dict[str, str]
    ids: list[Any]  # the ids the walked answer must list, in order
    count: int | None = None  # the `@odata.count` the first page must carry
    select: frozenset[str] | None = None  # the properties items may carry (`id` always allowed)


def asks(operation: str, ids: list[Any], page_size: int | None, *, whole: bool = True) -> Iterator[Ask]:
    """What a client asks with the options `operation` documents, and what the model answers. `whole`: `ids`
    are the whole collection; else (a tenant's shared collection) only asks whose answer `ids` decide."""
    options = spec.query_options(operation)
    n = len(ids)
    if "$top" in options:
        for top in sorted({0, 1, n - 1, n, n + 1, *((page_size, page_size + 1) if page_size else ())}):
            yield Ask({"$top": str(top)}, ids[:top])
    if "$skip" in options:
        for skip in sorted({1, n - 1, n, n + 1}):
            yield Ask({"$skip": str(skip)}, ids[skip:])
        if "$top" in options:
            yield Ask({"$skip": "1", "$top": "2"}, ids[1:3])
    picked = ids[n // 2]
    filtered = "$filter" in options and isinstance(picked, str) and "'" not in picked
    if filtered:
        yield Ask({"$filter": f"id eq '{picked}'"}, [picked])
        yield Ask({"$filter": f"id eq '{UNKNOWN_ID}'"}, [])
        first, last = ids[0], ids[-1]
        logical = (
            (f"id eq '{last}' or id eq '{first}'", [i for i in ids if i in (first, last)]),
            (f"id ne '{picked}' and not (id eq '{first}')", [i for i in ids if i not in (picked, first)]),
        )
        if not whole:  # a `ne` would reach the tenant's other items
            logical = (
                (f"id eq '{UNKNOWN_ID}' or id eq '{picked}'", [picked]),
                (f"id eq '{picked}' and not (id eq '{picked}')", []),
            )
        for text, kept in logical:
            if spec.accepts(operation, "$filter", text) and "'" not in f"{first}{last}":
                yield Ask({"$filter": text}, kept)
    if "$count" in options:
        yield Ask({"$count": "true"}, ids, count=n)
        if "$top" in options:
            yield Ask({"$count": "true", "$top": "1"}, ids[:1], count=n)
        if "$skip" in options:
            yield Ask({"$count": "true", "$skip": "2"}, ids[2:], count=n)
        if filtered:
            yield Ask({"$count": "true", "$filter": f"id eq '{picked}'"}, [picked], count=1)
    if "$select" in options and spec.accepts(operation, "$select", "id"):
        yield Ask({"$select": "id"}, ids, select=frozenset({"id"}))
        if filtered:
            yield Ask({"$select": "id", "$filter": f"id eq '{picked}'"}, [picked], select=frozenset({"id"}))
    if "$orderby" in options:
        for text, ordered in (("id", sorted(ids)), ("id desc", sorted(ids, reverse=True))):
            if spec.accepts(operation, "$orderby", text):
                yield Ask({"$orderby": text}, ordered)


def judge(ask: Ask, got: Walk) -> None:
    if got.ids != ask.ids:
        raise CheckFailed("Query answered other items", f"{ask.params}: expected {ask.ids}, walked {got.ids}")
    if ask.count is not None and got.count != ask.count:
        raise CheckFailed("Wrong @odata.count", f"{ask.params}: expected {ask.count}, answered {got.count!r}")
    if ask.select is not None:
        for item in got.items:
            properties = {key for key in item if not key.startswith("@odata.")}
            if not properties <= ask.select | {"id"} or not ask.select <= properties:
                raise CheckFailed("$select not applied", f"{ask.params}: an item carries {sorted(properties)}")


def assignment_queries_follow_the_model(ctx: ScenarioContext) -> None:
    operation = "listAssignments"
    with populated(ctx) as (config, created):
        full = walk(ctx.api, operation, config, {})
        each_once(full.ids, created, "the listing")
        for ask in asks(operation, full.ids, full.first_page if full.pages > 1 else None):
            judge(ask, walk(ctx.api, operation, config, ask.params))


def configuration_queries_follow_the_model(ctx: ScenarioContext) -> None:
    """Other configurations of the tenant may come and go: the model holds for the run's own, by `$filter`."""
    operation = "listConfigurations"
    options = spec.query_options(operation)
    if "$filter" not in options:
        raise NotExercised("listConfigurations documents no $filter: nothing to model in a shared collection")
    mine = ctx.configuration_id
    for ask in asks(operation, [mine], None, whole=False):
        if "$filter" in ask.params:
            judge(ask, walk(ctx.api, operation, "", ask.params))
    if "$select" in options and spec.accepts(operation, "$select", "id,displayName"):
        chosen = frozenset({"id", "displayName"})
        ask = Ask({"$filter": f"id eq '{mine}'", "$select": "id,displayName"}, [mine], select=chosen)
        judge(ask, walk(ctx.api, operation, "", ask.params))


def expansion_follows_the_model(ctx: ScenarioContext) -> None:
    """`$expand=assignments` answers a configuration's assignments inline: every one created, no other."""
    operation = "getConfiguration"
    if not spec.accepts(operation, "$expand", "assignments"):
        raise NotExercised(f"{operation} documents no $expand=assignments")
    with populated(ctx) as (config, created):
        model = sorted(created)
        answers = [expect(ctx.api.call(operation, config=config, params={"$expand": "assignments"}), 200)]
        if spec.accepts("listConfigurations", "$expand", "assignments") and "'" not in config:
            params = {"$filter": f"id eq '{config}'", "$expand": "assignments"}
            answers += walk(ctx.api, "listConfigurations", "", params).items
        for answer in answers:
            expanded = answer.get("assignments") if isinstance(answer, dict) else None
            if not isinstance(expanded, list):
                raise CheckFailed("$expand not applied", f"no `assignments` list in {str(answer)[:200]}")
            got = sorted(str(item.get("id")) if isinstance(item, dict) else str(item) for item in expanded)
            if got != model:
                raise CheckFailed("$expand answered other items", f"expected {model}, expanded {got}")


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("paging", "listAssignments", paging_reaches_every_item),
    Scenario("query_options", "listAssignments", assignment_queries_follow_the_model),
    Scenario("query_options", "listConfigurations", configuration_queries_follow_the_model),
    Scenario("query_options", "getConfiguration", expansion_follows_the_model),
)
