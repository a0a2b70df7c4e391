"""Contract-level differences between two OpenAPI documents, as `Change`s (`classify` judges them).

Operations are matched by method and path, path parameters' names aside (`/a/{id}` and `/a/{aId}` are
one path: a renamed path parameter changes nothing on the wire); an operationId found under another
method or path is a move. Parameters are matched by location and name (path parameters by position);
responses by status, an error status (4XX, 5XX, `default`) added or removed told from a success status.
Every component is compared once, at its own name, with the direction of the operations that use it;
where both sides reference the same component the reference is not followed again. Inside a schema,
`allOf` parts are merged (a property inherited from a referenced part is reported at that part only),
and `oneOf`/`anyOf` members are told apart by their `@odata.type` values, so a new member is a new
target kind. Whether an inherited property is required belongs to the schema that merges it in, and is
compared there.

A document `diff_specs` cannot walk (a dangling `$ref`, a path item that is not a mapping) raises
`MalformedSpec`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ios_lob_kit.regeneration.changes.findings import Change, ChangeKind, Direction

JSON = Any
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords that change what people read, not what may be sent (`title` renames generated classes:
# the client-level report shows that).
DOC_KEYWORDS = frozenset(
    {"description", "summary", "title", "example", "examples", "externalDocs", "deprecated", "links", "tags",
     "$comment", "contact", "license", "termsOfService", "x-ms-docs-page", "bearerFormat"}
)  # fmt: skip
LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})
# Adding one of these can only forbid values; removing it can only allow more.
ASSERTIONS = frozenset({"format", "pattern", "multipleOf", "uniqueItems", "additionalProperties"})
# JSON Schema 2020-12 annotations: they describe a string's content; no validator enforces them.
ANNOTATIONS = frozenset({"contentEncoding", "contentMediaType", "contentSchema"})
_PATH_PARAMETER = re.compile(r"\{([^}/]*)\}")
NO_RULE = "no rule for this keyword: treated as breaking, review by hand"


class MalformedSpec(ValueError):
    """A document the comparison cannot walk: not the OpenAPI shape it expects."""


def diff_specs(old: JSON, new: JSON) -> list[Change]:
    """Every contract-level change from `old` to `new` (two parsed OpenAPI 3.1 documents)."""
    try:
        differ = _SpecDiff(old, new)
        differ.operations()
        differ.components()
        differ.security("security (operations without their own)", old.get("security"), new.get("security"))
        differ.leftovers("document", old, new, {"paths", "components", "info", "security"}, Direction.BOTH)
        differ.leftovers("info", old.get("info", {}), new.get("info", {}), {"version"}, Direction.BOTH)
    except MalformedSpec:
        raise
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as error:  # a node of the wrong shape
        raise MalformedSpec(f"not a well-formed OpenAPI document ({type(error).__name__}: {error})") from error
    return differ.changes


# Not `openapi.resolve`: that one also follows a `$ref` with sibling keywords (here a schema part that
# `_flatten` merges, siblings included) and does not tell external or circular references apart.
def resolve(node: JSON, doc: JSON) -> JSON:
    """Follow local `$ref`s until a node that is not a pure reference."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(node) == 1:
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            raise MalformedSpec(f"unsupported $ref (external or circular): {ref}")
        seen.add(ref)
        node = doc
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or (key := part.replace("~1", "/").replace("~0", "~")) not in node:
                raise MalformedSpec(f"dangling $ref: {ref}")
            node = node[key]
    return node


def usage(doc: JSON) -> dict[str, set[Direction]]:
    """For each `$ref` target, the directions of the operations that reach it."""
    found: dict[str, set[Direction]] = defaultdict(set)

    def walk(node: JSON, direction: Direction) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and direction not in found[ref]:
                found[ref].add(direction)
                walk(resolve({"$ref": ref}, doc), direction)
            for key, value in node.items():
                if key not in ("example", "examples", "links"):
                    walk(value, direction)
        elif isinstance(node, list):
            for item in node:
                walk(item, direction)

    for path_item in doc.get("paths", {}).values():
        walk(path_item.get("parameters", []), Direction.REQUEST)
        for method in METHODS:
            if operation := path_item.get(method):
                walk(operation.get("parameters", []), Direction.REQUEST)
                walk(operation.get("requestBody", {}), Direction.REQUEST)
                walk(operation.get("responses", {}), Direction.RESPONSE)
    return found


@dataclass
class _Flat:
    """A schema with its `allOf` parts merged in."""

    types: frozenset[str] | None = None  # None: any type
    enum: list[JSON] | None = None
    properties: dict[str, tuple[JSON, str]] = field(default_factory=dict)  # name -> (schema, owner; "" = own)
    bases: set[str] = field(default_factory=set)  # the referenced parts (owners) merged in
    required: dict[str, set[str]] = field(default_factory=dict)  # name -> the owners that require it
    variants: dict[str, JSON] | None = None  # oneOf/anyOf members by identity
    items: JSON = None
    keywords: dict[str, JSON] = field(default_factory=dict)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _same_ref(old: JSON, new: JSON) -> bool:
    return isinstance(old, dict) and isinstance(new, dict) and "$ref" in old and old == new


def _show_types(types: frozenset[str] | None) -> str:
    return " | ".join(sorted(types)) if types is not None else "any"


class _SpecDiff:
    def __init__(self, old: JSON, new: JSON) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        old_usage, new_usage = usage(old), usage(new)
        self.usage = {ref: old_usage.get(ref, set()) | new_usage.get(ref, set()) for ref in {*old_usage, *new_usage}}
        self._active: set[tuple[int, int]] = set()

    def add(self, kind: ChangeKind, subject: str, location: str, direction: Direction, detail: str = "") -> None:
        self.changes.append(Change(kind, subject, location, direction, detail))

    def direction_of(self, ref: str) -> Direction:
        return Direction.of(self.usage.get(ref, set()))

    # -- operations -------------------------------------------------------------------------------

    def operations(self) -> None:
        renamed = _renamed_paths(self.old.get("paths", {}), self.new.get("paths", {}))  # old -> new path
        original = {new_path: old_path for old_path, new_path in renamed.items()}
        old_ops = {
            (method, renamed.get(path, path)): found for (method, path), found in _index_operations(self.old).items()
        }
        new_ops = _index_operations(self.new)
        new_by_id = {op.get("operationId"): key for key, (op, _) in new_ops.items() if op.get("operationId")}
        pairs, moved_to = [], set()
        for key, (op, _) in old_ops.items():
            name = op.get("operationId") or " ".join(key)
            if key in new_ops:
                pairs.append((key, key))
            elif (target := new_by_id.get(op.get("operationId"))) and target not in old_ops:
                pairs.append((key, target))
                moved_to.add(target)
                moved = f"{' '.join(key)} → {' '.join(target)}"
                self.add(ChangeKind.INCOMPATIBLE, "operation path", name, Direction.BOTH, moved)
            else:
                self.add(ChangeKind.OPERATION_REMOVED, "operation", name, Direction.NONE, " ".join(key))
        for key, (op, _) in new_ops.items():
            if key not in old_ops and key not in moved_to:
                name = op.get("operationId") or " ".join(key)
                self.add(ChangeKind.OPERATION_ADDED, "operation", name, Direction.NONE, " ".join(key))
        for old_key, new_key in pairs:
            (old_op, old_item), (new_op, new_item) = old_ops[old_key], new_ops[new_key]
            name = new_op.get("operationId") or " ".join(new_key)
            if old_op.get("operationId") != new_op.get("operationId"):
                detail = f"{old_op.get('operationId')} → {new_op.get('operationId')} ({' '.join(new_key)})"
                self.add(ChangeKind.OPERATION_RENAMED, "operation", name, Direction.NONE, detail)
            names = self.path_parameters(name, original.get(old_key[1], old_key[1]), new_key[1])
            old_parameters = {  # renamed path parameters under their new names: compared as one
                (where, names.get(key, key) if where == "path" else key): parameter
                for (where, key), parameter in _parameters(old_op, old_item, self.old).items()
            }
            self.parameters(name, old_parameters, _parameters(new_op, new_item, self.new))
            self.request_body(f"{name}: request body", old_op.get("requestBody"), new_op.get("requestBody"))
            self.responses(name, old_op.get("responses", {}), new_op.get("responses", {}))
            if "security" in old_op or "security" in new_op:
                self.security(name, old_op.get("security", self.old.get("security")),
                              new_op.get("security", self.new.get("security")))  # fmt: skip
            handled = {"operationId", "parameters", "requestBody", "responses", "security"}
            self.leftovers(name, old_op, new_op, handled, Direction.BOTH)
        for path, new_item in sorted(self.new.get("paths", {}).items()):
            if (old_item := self.old.get("paths", {}).get(original.get(path, path))) is not None:
                self.leftovers(f"path {path}", old_item, new_item, {*METHODS, "parameters"}, Direction.BOTH)

    def path_parameters(self, name: str, old_path: str, new_path: str) -> dict[str, str]:
        """Path parameters renamed between two paths of the same shape (old name -> new name), each reported."""
        was, now = _PATH_PARAMETER.findall(old_path), _PATH_PARAMETER.findall(new_path)
        names = dict(zip(was, now, strict=True)) if _shape(old_path) == _shape(new_path) else {}
        for old_name, new_name in names.items():
            if old_name != new_name:
                detail = f"{{{old_name}}} → {{{new_name}}}: the same URL on the wire; a keyword renamed in the client"
                self.add(
                    ChangeKind.RENAMED,
                    "path parameter",
                    f"{name}: path parameter {new_name}",
                    Direction.REQUEST,
                    detail,
                )
        return names

    def parameters(self, name: str, old: dict[tuple[str, str], JSON], new: dict[tuple[str, str], JSON]) -> None:
        """`old` has renamed path parameters under their new names (the rename is reported apart)."""
        for key in sorted(old.keys() | new.keys()):
            location = f"{name}: {key[0]} parameter {key[1]}"
            if key not in old:
                required = resolve(new[key], self.new).get("required", False)
                kind = ChangeKind.ADDED_REQUIRED if required else ChangeKind.ADDED_OPTIONAL
                self.add(kind, "parameter", location, Direction.REQUEST)
            elif key not in new:
                self.add(ChangeKind.REMOVED, "parameter", location, Direction.REQUEST)
            elif not _same_ref(old[key], new[key]):
                self.parameter(location, old[key], new[key], Direction.REQUEST)

    def parameter(self, location: str, old: JSON, new: JSON, direction: Direction, subject: str = "parameter") -> None:
        """A parameter or a header (same shape: required, schema)."""
        old, new = resolve(old, self.old), resolve(new, self.new)
        self.required(subject, location, old.get("required", False), new.get("required", False), direction)
        self.schema(location, old.get("schema", {}), new.get("schema", {}), direction)
        self.leftovers(location, old, new, {"name", "in", "required", "schema"}, direction)

    def request_body(self, location: str, old: JSON, new: JSON, direction: Direction = Direction.REQUEST) -> None:
        if (old is None and new is None) or _same_ref(old, new):
            return
        if old is None:
            required = resolve(new, self.new).get("required", False)
            kind = ChangeKind.ADDED_REQUIRED if required else ChangeKind.ADDED_OPTIONAL
            self.add(kind, "request body", location, direction)
            return
        if new is None:
            self.add(ChangeKind.REMOVED, "request body", location, direction)
            return
        old, new = resolve(old, self.old), resolve(new, self.new)
        self.required("request body", location, old.get("required", False), new.get("required", False), direction)
        self.content(location, old.get("content", {}), new.get("content", {}), direction)
        self.leftovers(location, old, new, {"required", "content"}, direction)

    def responses(self, name: str, old: JSON, new: JSON) -> None:
        # YAML reads `201:` as an int and `'201':` as a str: the same status.
        old, new = {str(key): value for key, value in old.items()}, {str(key): value for key, value in new.items()}
        for status in sorted(old.keys() | new.keys()):
            location = f"{name}: response {status}"
            if status not in old and _is_error(status):
                self.add(ChangeKind.ERROR_STATUS_ADDED, "error status", location, Direction.RESPONSE, status)
            elif status not in new and _is_error(status):
                self.add(ChangeKind.ERROR_STATUS_REMOVED, "error status", location, Direction.RESPONSE, status)
            elif status not in old:
                self.add(ChangeKind.WIDENED, "response status", location, Direction.RESPONSE, status)
            elif status not in new:
                self.add(ChangeKind.NARROWED, "response status", location, Direction.RESPONSE, status)
            elif not _same_ref(old[status], new[status]):
                self.response(location, old[status], new[status], Direction.RESPONSE)

    def response(self, location: str, old: JSON, new: JSON, direction: Direction) -> None:
        old, new = resolve(old, self.old), resolve(new, self.new)
        old_headers = {name.lower(): (name, value) for name, value in old.get("headers", {}).items()}
        new_headers = {name.lower(): (name, value) for name, value in new.get("headers", {}).items()}
        for key in sorted(old_headers.keys() | new_headers.keys()):
            where = f"{location} header {(new_headers.get(key) or old_headers[key])[0]}"
            if key not in old_headers:
                required = resolve(new_headers[key][1], self.new).get("required", False)
                kind = ChangeKind.ADDED_REQUIRED if required else ChangeKind.ADDED_OPTIONAL
                self.add(kind, "header", where, direction)
            elif key not in new_headers:
                self.add(ChangeKind.REMOVED, "header", where, direction)
            elif not _same_ref(old_headers[key][1], new_headers[key][1]):
                self.parameter(where, old_headers[key][1], new_headers[key][1], direction, subject="header")
        self.content(location, old.get("content", {}), new.get("content", {}), direction)
        self.leftovers(location, old, new, {"headers", "content"}, direction)

    def content(self, location: str, old: JSON, new: JSON, direction: Direction) -> None:
        for media in sorted(old.keys() | new.keys()):
            if media not in old:
                self.add(ChangeKind.WIDENED, "media type", location, direction, media)
            elif media not in new:
                self.add(ChangeKind.NARROWED, "media type", location, direction, media)
            else:
                where = location if media == "application/json" else f"{location} ({media})"
                self.schema(where, old[media].get("schema", {}), new[media].get("schema", {}), direction)
                self.leftovers(where, old[media], new[media], {"schema"}, direction)

    def required(self, subject: str, location: str, was: bool, now: bool, direction: Direction) -> None:
        if was != now:
            kind = ChangeKind.BECAME_REQUIRED if now else ChangeKind.BECAME_OPTIONAL
            self.add(kind, subject, location, direction)

    # -- components -------------------------------------------------------------------------------

    def components(self) -> None:
        old, new = self.old.get("components", {}), self.new.get("components", {})
        old_schemas, new_schemas = old.get("schemas", {}), new.get("schemas", {})
        for name in [*old_schemas, *(name for name in new_schemas if name not in old_schemas)]:
            direction = self.direction_of(f"#/components/schemas/{name}")
            if name not in new_schemas:
                self.add(ChangeKind.REMOVED, "schema", name, Direction.NONE, "its uses are reported where they changed")
            elif name not in old_schemas:
                self.add(ChangeKind.ADDED, "schema", name, Direction.NONE, "its uses are reported where they appear")
            else:
                self.schema(name, old_schemas[name], new_schemas[name], direction)
        for section in ("parameters", "headers", "responses", "requestBodies"):
            olds, news = old.get(section, {}), new.get(section, {})
            for name in sorted(olds.keys() & news.keys()):
                direction = self.direction_of(f"#/components/{section}/{name}")
                location = f"components.{section}.{name}"
                if section == "parameters":
                    self.parameter(location, olds[name], news[name], direction)
                elif section == "headers":
                    self.parameter(location, olds[name], news[name], direction, subject="header")
                elif section == "responses":
                    self.response(location, olds[name], news[name], direction)
                else:
                    self.request_body(location, olds[name], news[name], direction)
        old_schemes, new_schemes = old.get("securitySchemes", {}), new.get("securitySchemes", {})
        for name in sorted(old_schemes.keys() | new_schemes.keys()):
            if name not in old_schemes:
                self.add(ChangeKind.ADDED, "security scheme", name, Direction.NONE, "its uses are reported where used")
            elif name not in new_schemes:
                self.add(
                    ChangeKind.REMOVED, "security scheme", name, Direction.NONE, "its uses are reported where used"
                )
            else:
                where = f"components.securitySchemes.{name}"
                self.leftovers(where, old_schemes[name], new_schemes[name], set(), Direction.REQUEST)
        handled = {"schemas", "parameters", "headers", "responses", "requestBodies", "securitySchemes"}
        self.leftovers("components", old, new, handled, Direction.BOTH)

    def security(self, location: str, old: JSON, new: JSON) -> None:
        """Security requirements: alternatives (a client satisfies one), each schemes used together.

        An alternative added is one more way servers must accept; one removed (or changed: more
        schemes, other scopes) is a way some clients authenticate that stops working, unless a remaining
        alternative asks for part of it only (anonymous access, say).
        """
        was, now = _alternatives(old), _alternatives(new)
        for alternative in sorted(now - was):
            self.add(ChangeKind.WIDENED, _SECURITY, location, Direction.REQUEST, _show_security(alternative))
        for alternative in sorted(was - now):
            if any(set(kept) <= set(alternative) for kept in now):  # its clients satisfy a remaining one
                continue
            self.add(ChangeKind.NARROWED, _SECURITY, location, Direction.REQUEST, _show_security(alternative))

    # -- schemas ----------------------------------------------------------------------------------

    def schema(self, location: str, old: JSON, new: JSON, direction: Direction) -> None:
        if old == new:
            return
        old, new = resolve(old, self.old), resolve(new, self.new)
        pair = (id(old), id(new))
        if pair in self._active:  # a recursive schema met again
            return
        self._active.add(pair)
        try:
            self._schema(location, _flatten(old, self.old), _flatten(new, self.new), direction)
        finally:
            self._active.discard(pair)

    def _schema(self, location: str, old: _Flat, new: _Flat, direction: Direction) -> None:
        retyped = False
        if old.types != new.types:
            detail = f"type {_show_types(old.types)} → {_show_types(new.types)}"
            if new.types is None or (old.types is not None and new.types > old.types):
                self.add(ChangeKind.WIDENED, "type", location, direction, detail)
            elif old.types is None or new.types < old.types:
                self.add(ChangeKind.NARROWED, "type", location, direction, detail)
            else:
                retyped = True
                self.add(ChangeKind.INCOMPATIBLE, "type", location, direction, detail)
        self.enum(location, old.enum, new.enum, direction)
        for name in [*old.properties, *(name for name in new.properties if name not in old.properties)]:
            where = f"{location}.{name}"
            was, now = old.properties.get(name), new.properties.get(name)
            if owner := _inherited(name, old, new):  # its schema is compared at the owner; required-ness here
                was_required, now_required = _required_here(name, old, owner), _required_here(name, new, owner)
                self.required("property", where, was_required, now_required, direction)
                continue
            if was is None:
                kind = ChangeKind.ADDED_REQUIRED if name in new.required else ChangeKind.ADDED_OPTIONAL
                self.add(kind, "property", where, direction)
            elif now is None:
                self.add(ChangeKind.REMOVED, "property", where, direction)
            else:
                self.required("property", where, name in old.required, name in new.required, direction)
                self.schema(where, was[0], now[0], direction)
        if old.items is not None or new.items is not None:
            self.schema(f"{location}[]", old.items or {}, new.items or {}, direction)
        if old.variants is not None or new.variants is not None:
            self.variants(location, old.variants or {}, new.variants or {}, direction)
        if retyped:  # the old type's bounds and formats say nothing about the new type
            old.keywords = {key: value for key, value in old.keywords.items() if key in DOC_KEYWORDS}
            new.keywords = {key: value for key, value in new.keywords.items() if key in DOC_KEYWORDS}
        self.keywords(location, old.keywords, new.keywords, direction)

    def enum(self, location: str, old: list[JSON] | None, new: list[JSON] | None, direction: Direction) -> None:
        subject = "@odata.type value" if location.endswith(".@odata.type") else "enum value"
        if old is None and new is not None:
            self.add(ChangeKind.NARROWED, "enum", location, direction, f"values now limited to {new!r}")
        elif old is not None and new is None:
            self.add(ChangeKind.WIDENED, "enum", location, direction, f"no longer limited to {old!r}")
        elif old is not None and new is not None:
            for value in new:
                if value not in old:
                    self.add(ChangeKind.WIDENED, subject, location, direction, repr(value))
            for value in old:
                if value not in new:
                    self.add(ChangeKind.NARROWED, subject, location, direction, repr(value))

    def variants(self, location: str, old: dict[str, JSON], new: dict[str, JSON], direction: Direction) -> None:
        for identity, member in new.items():
            if identity not in old:
                self.add(ChangeKind.WIDENED, _variant_subject(identity), location, direction, _show(identity, member))
        for identity, member in old.items():
            if identity not in new:
                self.add(ChangeKind.NARROWED, _variant_subject(identity), location, direction, _show(identity, member))
            else:
                self.schema(f"{location}<{identity}>", member, new[identity], direction)

    def keywords(self, location: str, old: dict[str, JSON], new: dict[str, JSON], direction: Direction) -> None:
        for keyword in [*old, *(key for key in new if key not in old)]:
            was, now = old.get(keyword), new.get(keyword)
            if was == now:
                continue
            detail = f"{keyword}: {was!r} → {now!r}"
            if keyword in DOC_KEYWORDS:
                self.add(ChangeKind.DOCUMENTATION, keyword, location, direction)
            elif keyword in ANNOTATIONS:
                self.add(ChangeKind.ANNOTATION, keyword, location, direction, detail)
            elif keyword in LOWER_BOUNDS | UPPER_BOUNDS:
                self.add(_bound_change(keyword in LOWER_BOUNDS, was, now), keyword, location, direction, detail)
            elif keyword in ASSERTIONS:
                self.add(_assertion_change(was, now), keyword, location, direction, detail)
            else:
                self.add(ChangeKind.INCOMPATIBLE, keyword, location, direction, f"{detail} ({NO_RULE})")

    def leftovers(self, location: str, old: JSON, new: JSON, handled: set[str], direction: Direction) -> None:
        """Keys no method above compares: documentation, or changes no rule covers."""
        for key in sorted((old.keys() | new.keys()) - handled):
            if old.get(key) == new.get(key):
                continue
            if key in DOC_KEYWORDS:
                self.add(ChangeKind.DOCUMENTATION, key, location, direction)
            else:
                self.add(ChangeKind.INCOMPATIBLE, key, location, direction, NO_RULE)


_SECURITY = "security alternative"
Requirement = tuple[tuple[str, tuple[str, ...]], ...]  # (scheme, scopes) pairs, sorted


def _alternatives(security: JSON) -> set[Requirement]:
    """A `security` list as a set of alternatives; none, or an empty list, is anonymous access: `()`."""
    if not security:
        return {()}
    return {tuple(sorted((scheme, tuple(sorted(scopes))) for scheme, scopes in item.items())) for item in security}


def _show_security(alternative: Requirement) -> str:
    if not alternative:
        return "anonymous access"
    return " and ".join(f"{scheme}{list(scopes) if scopes else ''}" for scheme, scopes in alternative)


def _assertion_change(was: JSON, now: JSON) -> ChangeKind:
    if was is None:
        return ChangeKind.NARROWED
    return ChangeKind.WIDENED if now is None else ChangeKind.INCOMPATIBLE


def _bound_change(lower: bool, was: JSON, now: JSON) -> ChangeKind:
    if was is None:
        return ChangeKind.NARROWED
    if now is None:
        return ChangeKind.WIDENED
    if not (isinstance(was, int | float) and isinstance(now, int | float)):
        return ChangeKind.INCOMPATIBLE
    return ChangeKind.NARROWED if (now > was) == lower else ChangeKind.WIDENED


def _is_error(status: str) -> bool:
    """4xx, 5xx, a 4XX/5XX range or `default` (what the operation answers when it fails)."""
    return status == "default" or status[:1] in ("4", "5")


def _shape(path: str) -> str:
    """A path template without its parameters' names: `/a/{}/b`."""
    return _PATH_PARAMETER.sub("{}", path)


def _renamed_paths(old: Iterable[str], new: Iterable[str]) -> dict[str, str]:
    """Old path -> new path, for paths that differ only in their parameters' names (the same URLs)."""
    gone, came = set(old) - set(new), set(new) - set(old)
    by_shape = {_shape(path): path for path in came}
    return {path: by_shape[_shape(path)] for path in sorted(gone) if _shape(path) in by_shape}


def _index_operations(doc: JSON) -> dict[tuple[str, str], tuple[JSON, JSON]]:
    """(METHOD, path) -> (operation, its path item)."""
    return {
        (method.upper(), path): (item[method], item)
        for path, item in doc.get("paths", {}).items()
        for method in METHODS
        if method in item
    }


def _parameters(operation: JSON, path_item: JSON, doc: JSON) -> dict[tuple[str, str], JSON]:
    """(in, name) -> the parameter as written (maybe a `$ref`); the operation's override the path item's."""
    found = {}
    for parameter in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        resolved = resolve(parameter, doc)
        found[(resolved["in"], resolved["name"])] = parameter
    return found


def _flatten(schema: JSON, doc: JSON, owner: str = "") -> _Flat:
    flat = _Flat()
    parts: Iterable[JSON] = schema.get("allOf", [])
    if "$ref" in schema:  # a reference with sibling keywords (OpenAPI 3.1): one more part
        parts = [{"$ref": schema["$ref"]}, *parts]
    for part in parts:
        part_owner = owner or (_ref_name(part["$ref"]) if "$ref" in part else "")
        _merge(flat, _flatten(resolve(part, doc), doc, part_owner))
        flat.bases |= {part_owner} - {""}
    for key, value in schema.items():
        if key in ("allOf", "$ref"):
            continue
        if key == "type":
            flat.types = frozenset([value] if isinstance(value, str) else value)
        elif key in ("enum", "const"):
            flat.enum = list(value) if key == "enum" else [value]
        elif key == "properties":
            flat.properties.update({name: (sub, owner) for name, sub in value.items()})
        elif key == "required":
            for name in value:
                flat.required.setdefault(name, set()).add(owner)
        elif key in ("oneOf", "anyOf"):
            flat.variants = {_variant_id(member, doc, index): member for index, member in enumerate(value)}
        elif key == "items":
            flat.items = value
        else:
            flat.keywords[key] = value
    return flat


def _merge(into: _Flat, part: _Flat) -> None:
    if part.types is not None:
        into.types = part.types if into.types is None else into.types & part.types
    into.enum = into.enum if into.enum is not None else part.enum
    into.properties.update(part.properties)
    for name, owners in part.required.items():
        into.required.setdefault(name, set()).update(owners)
    into.bases |= part.bases
    into.variants = into.variants if into.variants is not None else part.variants
    into.items = into.items if into.items is not None else part.items
    into.keywords = {**part.keywords, **into.keywords}


def _inherited(name: str, old: _Flat, new: _Flat) -> str:
    """The referenced part both sides merge `name` in from ("" if none): its schema is reported there, once."""
    owners = {flat.properties[name][1] for flat in (old, new) if name in flat.properties}
    owner = owners.pop() if len(owners) == 1 else ""
    return owner if owner != "" and owner in old.bases and owner in new.bases else ""


def _required_here(name: str, flat: _Flat, owner: str) -> bool:
    """Required by the merging schema (or another of its parts), not only by `owner`, which reports its own."""
    return bool(flat.required.get(name, set()) - {owner})


def _variant_id(member: JSON, doc: JSON, index: int) -> str:
    """A union member's identity: its canonical `@odata.type`, else its schema's name, else its position."""
    flat = _flatten(resolve(member, doc), doc)
    if (odata := flat.properties.get("@odata.type")) and (values := _flatten(resolve(odata[0], doc), doc).enum):
        return next((value for value in values if str(value).startswith("#")), str(values[0]))
    if "$ref" in member:
        return _ref_name(member["$ref"])
    if flat.types == frozenset({"null"}):
        return "null"
    return f"member {index}"


def _variant_subject(identity: str) -> str:
    return "@odata.type" if identity.startswith("#") else "union member"


def _show(identity: str, member: JSON) -> str:
    return f"{identity} ({_ref_name(member['$ref'])})" if "$ref" in member else identity
