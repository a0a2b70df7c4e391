"""One index of the contract: its operations, schemas, scopes and `@odata.type` spellings, read once.

This is the only code that walks the document's `paths`, `components`, `allOf` and `$ref`; the server,
the typed client and the suite ask it. Built once per document (`spec_index()` caches the kit's own),
from plain data: importing it compiles nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ios_lob_kit.openapi import SPEC_PATH, load_spec, locate

__all__ = [
    "ODATA_TYPE",
    "Body",
    "Index",
    "Link",
    "Operation",
    "Parameter",
    "Response",
    "Schema",
    "build_index",
    "canonical_type",
    "is_standard",
    "is_write",
    "spec_index",
]

ODATA_TYPE = "@odata.type"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SAFE = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})  # RFC 9110: these never change state
_STANDARD = frozenset(member.value for member in HTTPStatus)


def is_write(method: str) -> bool:
    """Whether a request with this method may change state: any method but RFC 9110's safe ones."""
    return method.upper() not in _SAFE


def is_standard(status: int) -> bool:
    """A status `http.HTTPStatus` knows (599 is not)."""
    return status in _STANDARD


def canonical_type(value: Any) -> Any:
    """`microsoft.graph.x` and `#microsoft.graph.x` name the same type; this is the `#` spelling."""
    return "#" + value if isinstance(value, str) and not value.startswith("#") else value


@dataclass(frozen=True, eq=False)  # compared by identity: one object per schema location
class Schema:
    """A schema as the kit reads it: `$ref`s followed, the properties of its `allOf` parts merged."""

    pointer: str  # where it is written, e.g. `#/components/schemas/entity`
    node: Mapping[str, Any]  # as written there (its `$ref`s not followed)
    name: str | None  # the component's name, when it is one
    title: str | None  # a component's title: the generated model class (None for an inline schema)
    types: tuple[str, ...]  # `type` as a tuple, "object" when it only has properties
    properties: Mapping[str, Schema] | None  # None: it describes no object
    required: frozenset[str]
    items: Schema | None
    one_of: tuple[Schema, ...]  # the members of a `oneOf`/`anyOf` (a `{type: null}` member sets `nullable`)
    kinds: Mapping[str, Schema]  # union: each `@odata.type` spelling a member pins -> that member
    nullable: bool
    enum: tuple[Any, ...] | None
    format: str | None
    server_set: bool  # `x-server-set`: the server assigns it and ignores it in create and update bodies
    closed: bool  # `unevaluatedProperties: false` (or `additionalProperties: false`): a request shape

    @functools.cached_property
    def odata_types(self) -> tuple[str, ...]:
        """The `@odata.type` spellings this object pins (its enum), e.g. both spellings of one type."""
        pinned = (self.properties or {}).get(ODATA_TYPE)
        return tuple(v for v in (pinned.enum or ()) if isinstance(v, str)) if pinned is not None else ()

    @functools.cached_property
    def odata_type(self) -> str | None:
        """The canonical (`#`) spelling of the `@odata.type` it pins."""
        return next((v for v in self.odata_types if v.startswith("#")), None)

    @property
    def written(self) -> Mapping[str, Any]:
        """How to refer to it inside the document: a `$ref` for a component, else the node itself."""
        return {"$ref": self.pointer} if self.name is not None else self.node


@dataclass(frozen=True, eq=False)
class Parameter:
    name: str  # as in the spec, e.g. `$select` or `iosLobAppProvisioningConfigurationId`
    location: str  # path, query or header
    required: bool
    style: str
    explode: bool
    schema: Schema

    @property
    def kind(self) -> str:
        """The schema's type ("integer", "boolean", "array", ...); "string" when it names none."""
        return self.schema.types[0] if self.schema.types else "string"


@dataclass(frozen=True, eq=False)
class Body:
    """A request body."""

    required: bool
    media_type: str
    schema: Schema
    examples: Mapping[str, Any]  # name -> value


@dataclass(frozen=True)
class Link:
    """An OpenAPI link: values of this answer (runtime expressions) that feed another operation's parameters."""

    operation_id: str
    parameters: Mapping[str, str]  # parameter name -> e.g. `$response.body#/id`, `$request.path.x`


@dataclass(frozen=True, eq=False)
class Response:
    """One documented answer, with the concrete statuses it stands for."""

    key: str  # as in the spec: "200", "5XX", "default"
    statuses: tuple[int, ...]
    media_type: str | None  # None: documented without a body
    schema: Schema | None
    examples: Mapping[str, Any]
    links: tuple[Link, ...] = ()

    @property
    def is_success(self) -> bool:
        return self.key.startswith("2")


@dataclass(frozen=True, eq=False)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. `/deviceAppManagement/.../{iosLobAppProvisioningConfigurationId}`
    tag: str | None
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    scopes: frozenset[str]  # `x-ms-permissions`: any one of them grants the operation
    writes: bool  # not a safe method (RFC 9110): changes state, needs a write scope
    pattern: re.Pattern[str]  # matches a request's URL path after the base path

    @property
    def path_parameters(self) -> tuple[str, ...]:
        """The `{names}` in the path, in order."""
        return tuple(re.findall(r"\{([^}]+)\}", self.path))

    def parameters_in(self, location: str) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)

    def response_for(self, status: int) -> Response | None:
        """The documented answer for `status`; ranges (`5XX`) cover only standard statuses."""
        by_key = {r.key: r for r in self.responses}
        found = by_key.get(str(status))
        if found is None and is_standard(status):
            found = by_key.get(f"{status // 100}XX")
        return found or by_key.get("default")


@dataclass(frozen=True, eq=False)
class Index:
    operations: tuple[Operation, ...]  # in the spec's order
    schemas: Mapping[str, Schema]  # the components, by name
    located: Mapping[str, Schema]  # every schema read, by pointer

    @functools.cached_property
    def _by_id(self) -> dict[str, Operation]:
        return {op.operation_id: op for op in self.operations}

    def operation(self, operation_id: str) -> Operation:
        return self._by_id[operation_id]

    @functools.cached_property
    def _by_specificity(self) -> tuple[Operation, ...]:
        # Literal segments win over parameters: `.../assignments/$count` before `.../assignments/{id}`.
        return tuple(sorted(self.operations, key=lambda op: len(op.path_parameters)))

    def match(self, method: str, path: str) -> Operation | None:
        """The operation a request is for; `path` is the URL path after the base path, still percent-encoded."""
        method = method.upper()
        return next((op for op in self._by_specificity if op.method == method and op.pattern.match(path)), None)

    @functools.cached_property
    def _titles(self) -> dict[str, Schema]:
        return {s.title: s for s in self.schemas.values() if s.title is not None}

    def by_title(self, title: str) -> Schema | None:
        """The component whose title is `title` (the generated model class)."""
        return self._titles.get(title)

    def properties_of(self, title: str) -> frozenset[str]:
        """The properties the component titled `title` defines (through `allOf`); none for an unknown title."""
        schema = self._titles.get(title)
        return frozenset(schema.properties or {}) if schema is not None else frozenset()

    @functools.cached_property
    def date_time_properties(self) -> frozenset[str]:
        """The names of the properties typed `format: date-time`, in any schema."""
        return frozenset(
            n for s in self.located.values() for n, p in (s.properties or {}).items() if p.format == "date-time"
        )

    @functools.cached_property
    def answer_shapes(self) -> tuple[Schema, ...]:
        """The components that are not closed request shapes (`...Request`): what answers carry."""
        return tuple(s for s in self.schemas.values() if not s.closed)

    def answer_shape(self, schema: Schema) -> Schema:
        """The answer shape a request shape stands for (the component pinning the same `@odata.type`); any other
        schema is its own."""
        return self.kinds.get(schema.odata_type or "", schema) if schema.closed else schema

    @functools.cached_property
    def kinds(self) -> dict[str, Schema]:
        """Every `@odata.type` spelling an answer's component pins -> that component (its answer shape)."""
        return {spelling: schema for schema in self.answer_shapes for spelling in schema.odata_types}

    @functools.cached_property
    def bare_spellings(self) -> dict[str, str]:
        """Each spelling without `#` the pins allow -> its canonical `#` spelling."""
        return {s: "#" + s for s in self.kinds if not s.startswith("#") and "#" + s in self.kinds}

    @functools.cached_property
    def server_set(self) -> frozenset[str]:
        """The names of the properties marked `x-server-set`, in any schema."""
        return frozenset(n for s in self.located.values() for n, p in (s.properties or {}).items() if p.server_set)

    @functools.cached_property
    def target(self) -> Schema:
        """What an assignment's `target` holds: a choice of target kinds (`oneOf`) told apart by `@odata.type`."""
        return next(p for s in self.answer_shapes for n, p in (s.properties or {}).items() if n == "target" and p.kinds)

    @functools.cached_property
    def unions(self) -> tuple[Schema, ...]:
        """Every component that is a choice of kinds told apart by `@odata.type` (e.g. `assignmentTarget`)."""
        return tuple(s for s in self.schemas.values() if s.kinds)

    @functools.cached_property
    def writes(self) -> tuple[Operation, ...]:
        return tuple(op for op in self.operations if op.writes)


class _Reader:
    """Walks one document; every schema location is read once and shared."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.located: dict[str, Schema] = {}
        self._reading: set[str] = set()

    def follow(self, node: Any, pointer: str) -> tuple[Any, str]:
        """`node` with its `$ref`s followed, and the pointer where it is finally written."""
        node, located = locate(node, self.document)
        return node, located or pointer

    def schema(self, node: Any, pointer: str) -> Schema:
        node, pointer = self.follow(node, pointer)
        if pointer in self.located:
            return self.located[pointer]
        if pointer in self._reading:
            raise ValueError(f"{pointer}: a schema that contains itself is not supported")
        self._reading.add(pointer)
        parts = [self.schema(part, f"{pointer}/allOf/{i}") for i, part in enumerate(node.get("allOf", []))]
        properties: dict[str, Schema] | None = None
        for part in parts:
            if part.properties is not None:
                properties = {**(properties or {}), **part.properties}
        if "properties" in node:
            own = {k: self.schema(v, f"{pointer}/properties/{_escape(k)}") for k, v in node["properties"].items()}
            properties = {**(properties or {}), **own}
        choices = node.get("oneOf") or node.get("anyOf") or []
        key = "oneOf" if "oneOf" in node else "anyOf"
        members = [self.schema(m, f"{pointer}/{key}/{i}") for i, m in enumerate(choices)]
        one_of = tuple(m for m in members if m.types != ("null",))
        written = node.get("type", "object" if properties is not None else ())
        types = (written,) if isinstance(written, str) else tuple(written)
        name = pointer.removeprefix("#/components/schemas/") if pointer.startswith("#/components/schemas/") else None
        schema = Schema(
            pointer=pointer,
            node=node,
            name=name if name is not None and "/" not in name else None,
            title=node.get("title") if name is not None and "/" not in name else None,
            types=types,
            properties=properties,
            required=frozenset(node.get("required", [])).union(*(p.required for p in parts)),
            items=self.schema(node["items"], f"{pointer}/items") if "items" in node else None,
            one_of=one_of,
            kinds={spelling: m for m in one_of for spelling in m.odata_types},
            nullable="null" in types or len(one_of) < len(members),
            enum=tuple(node["enum"]) if "enum" in node else None,
            format=node.get("format"),
            server_set=node.get("x-server-set") is True,
            closed=node.get("unevaluatedProperties") is False or node.get("additionalProperties") is False,
        )
        self._reading.discard(pointer)
        self.located[pointer] = schema
        return schema

    def parameter(self, node: Any, pointer: str) -> Parameter:
        node, pointer = self.follow(node, pointer)
        location = node["in"]
        style = node.get("style", "form" if location in ("query", "cookie") else "simple")
        return Parameter(
            name=node["name"],
            location=location,
            required=bool(node.get("required", False)),
            style=style,
            explode=bool(node.get("explode", style == "form")),
            schema=self.schema(node["schema"], f"{pointer}/schema"),
        )

    def body(self, node: Any, pointer: str) -> Body:
        node, pointer = self.follow(node, pointer)
        media_type, media = next(iter(node["content"].items()))
        at = f"{pointer}/content/{_escape(media_type)}"
        return Body(
            required=bool(node.get("required", False)),
            media_type=media_type,
            schema=self.schema(media["schema"], f"{at}/schema"),
            examples=self.examples(media),
        )

    def response(self, key: str, node: Any, pointer: str) -> Response:
        node, pointer = self.follow(node, pointer)
        content = node.get("content") or {}
        links = tuple(
            Link(link["operationId"], dict(link.get("parameters", {})))
            for link in (self.follow(value, "")[0] for value in (node.get("links") or {}).values())
        )
        if not content:
            return Response(key, _statuses(key), None, None, {}, links)
        media_type, media = next(iter(content.items()))
        schema = self.schema(media["schema"], f"{pointer}/content/{_escape(media_type)}/schema")
        return Response(key, _statuses(key), media_type, schema, self.examples(media), links)

    def examples(self, media: Mapping[str, Any]) -> dict[str, Any]:
        return {name: self.follow(example, "")[0]["value"] for name, example in (media.get("examples") or {}).items()}

    def operation(self, path: str, method: str, item: Mapping[str, Any]) -> Operation:
        node = item[method]
        at = f"#/paths/{_escape(path)}"
        parameters: dict[tuple[str, str], Parameter] = {}
        for where, entries in ((at, item.get("parameters", [])), (f"{at}/{method}", node.get("parameters", []))):
            for i, entry in enumerate(entries):
                parameter = self.parameter(entry, f"{where}/parameters/{i}")
                parameters[(parameter.location, parameter.name)] = parameter  # the operation's own win
        permissions = node.get("x-ms-permissions")
        if not isinstance(permissions, Mapping):
            raise ValueError(f"{method.upper()} {path}: no x-ms-permissions")
        body = node.get("requestBody")
        return Operation(
            operation_id=node["operationId"],
            method=method.upper(),
            path=path,
            tag=(node.get("tags") or [None])[0],
            parameters=tuple(parameters.values()),
            body=self.body(body, f"{at}/{method}/requestBody") if body is not None else None,
            responses=tuple(
                self.response(str(key), value, f"{at}/{method}/responses/{_escape(str(key))}")
                for key, value in node["responses"].items()
            ),
            scopes=frozenset(scope for scopes in permissions.values() for scope in scopes),
            writes=is_write(method),
            pattern=_pattern(path),
        )


def _escape(key: str) -> str:
    """A key as a JSON pointer token."""
    return key.replace("~", "~0").replace("/", "~1")


def _statuses(key: str) -> tuple[int, ...]:
    if key.upper().endswith("XX"):  # a range: every standard status in it
        return tuple(s.value for s in HTTPStatus if s.value // 100 == int(key[0]))
    return (int(key),) if key.isdigit() else ()


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]+\}", template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


def build_index(document: dict[str, Any]) -> Index:
    """The index of an OpenAPI document (the kit's own: `spec_index()`)."""
    reader = _Reader(document)
    schemas = {
        name: reader.schema(node, f"#/components/schemas/{_escape(name)}")
        for name, node in document.get("components", {}).get("schemas", {}).items()
    }
    operations = tuple(
        reader.operation(path, method, item)
        for path, item in document["paths"].items()
        for method in item
        if method in _METHODS
    )
    return Index(operations, schemas, reader.located)


@functools.cache
def spec_index(path: Path = SPEC_PATH) -> Index:
    """The index of the kit's spec (or another spec file), built once per process."""
    return build_index(load_spec(path))
