"""Every way the spec differs from Microsoft's CSDL, permissions file and reference pages, keyed.

A key is `category:subject` (for example `property-nullable:iosLobAppProvisioningConfiguration.displayName`),
stable across runs so a list of deliberate differences can name it; the value says what differs.
Categories: type-missing, property-missing, property-extra, property-type, property-nullable,
base-type, abstract, open-type, enum-members, navigation, navigation-type, navigation-extra,
operations, action-missing, action-parameter-missing, action-parameter-extra, action-parameter-type,
action-parameter-nullable, permissions.

OData collections are never null: for a `Collection(...)` the CSDL's `Nullable` is about the items,
and so is the comparison. A schema property marked `x-ms-navigationProperty` (as Microsoft's own OpenAPI
marks them: what `$expand` answers inline) is compared with the CSDL's navigation property of that name.
"""

from __future__ import annotations

import re
from typing import Any

from ios_lob_kit.openapi.upstream.csdl import Member, Model, unalias

__all__ = ["differences"]

_ODATA_TYPE = "@odata.type"
_METHODS = ("get", "put", "post", "patch", "delete")
_PARAMETER = re.compile(r"\{[^}]+\}")


def differences(spec: dict[str, Any], model: Model, sources: dict[str, Any]) -> dict[str, str]:
    """Every difference between `spec` and the upstream sources, by key."""
    found: dict[str, str] = {}
    _Types(spec, model, found).compare()
    _compare_enums(spec, model, found)
    for entity, entity_set in sources["entity_sets"].items():
        _compare_navigation(spec, model, entity, entity_set, found)
        _compare_actions(spec, model, entity, entity_set, found)
    _compare_operations(spec, sources["permissions"]["paths"], model, sources["entity_sets"], found)
    _compare_permissions(spec, sources["doc_permissions"], found)
    return found


# The spec side


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _ref_name(schema: dict[str, Any]) -> str | None:
    """The component a schema refers to; one that only wraps one `$ref` in `allOf` (to close it) is that `$ref`."""
    ref = schema.get("$ref")
    parts = schema.get("allOf", [])
    if ref is None and len(parts) == 1 and set(schema) <= {"allOf", "unevaluatedProperties", "description"}:
        ref = parts[0].get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _request_shape_of(spec: dict[str, Any], name: str) -> str | None:
    """The component a request shape stands for: `xRequest`, closed, is what a request sends of `x`."""
    schema = _schemas(spec)[name]
    closed = schema.get("unevaluatedProperties") is False
    return name.removesuffix("Request") if closed and name.removesuffix("Request") in _schemas(spec) else None


def _csdl_name(spec: dict[str, Any], name: str) -> str:
    return _request_shape_of(spec, name) or name


def _flat_properties(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """A component's properties, own and through `allOf`, without `@odata.type`."""
    schema = _schemas(spec)[name]
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        ref = _ref_name(part)
        found |= _flat_properties(spec, ref) if ref else dict(part.get("properties", {}))
    found |= schema.get("properties", {})
    found.pop(_ODATA_TYPE, None)
    return found


def _pins_odata_type(spec: dict[str, Any], name: str) -> bool:
    schema = _schemas(spec)[name]
    parts = [schema, *schema.get("allOf", [])]
    return any(_ODATA_TYPE in part.get("properties", {}) for part in parts if "$ref" not in part)


def _kinds(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[list[str], bool] | None:
    """The member components of a `oneOf` (through one `$ref`), and whether null is allowed."""
    ref = _ref_name(schema)
    if ref is not None:
        schema = _schemas(spec)[ref]
    if "oneOf" not in schema:
        return None
    members = [_csdl_name(spec, name) for branch in schema["oneOf"] if (name := _ref_name(branch))]
    return sorted(members), any(branch.get("type") == "null" for branch in schema["oneOf"])


def _describe(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[str, bool]:
    """A spec schema as a CSDL type name and whether it allows null (for an array: its items)."""
    kinds = _kinds(spec, schema)
    if kinds is not None:
        return f"oneOf({', '.join(kinds[0])})", kinds[1]
    ref = _ref_name(schema)
    if ref is not None:
        return f"graph.{_csdl_name(spec, ref)}", False
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    nullable = "null" in types
    rest = [t for t in types if t != "null"]
    if rest == ["array"]:
        inner, inner_nullable = _describe(spec, schema.get("items", {}))
        return f"Collection({inner})" + (" or null" if nullable else ""), inner_nullable
    if rest == ["string"]:
        if schema.get("contentEncoding") == "base64":
            return "Edm.Binary", nullable
        text_format = str(schema.get("format", ""))
        return {"": "Edm.String", "date-time": "Edm.DateTimeOffset"}.get(text_format, f"string/{text_format}"), nullable
    if rest == ["integer"]:
        return {"int32": "Edm.Int32", "int64": "Edm.Int64"}.get(str(schema.get("format", "")), "integer"), nullable
    if rest == ["boolean"]:
        return "Edm.Boolean", nullable
    return "/".join(rest) or "any", nullable


# The CSDL side


def _flat_members(model: Model, name: str) -> dict[str, Member]:
    """A structured type's properties, inherited ones first."""
    structured = model.types[name]
    inherited = _flat_members(model, structured.base) if structured.base in model.types else {}
    return inherited | structured.properties


def _expected(model: Model, member_type: str) -> str:
    """A CSDL type as `_describe` names its spec counterpart: a polymorphic type is the `oneOf` of its kinds."""
    if member_type.startswith("Collection("):
        return f"Collection({_expected(model, member_type[len('Collection(') : -1])})"
    if member_type.startswith("Edm."):
        return member_type
    name = unalias(member_type)
    if name in model.types and model.derived(name):
        return f"oneOf({', '.join(sorted({name, *model.derived(name)}))})"
    return f"graph.{name}"


def _compare_member(
    model: Model, spec: dict[str, Any], member: Member, schema: dict[str, Any], key: str, prefix: str
) -> dict[str, str]:
    found = {}
    expected = _expected(model, member.type)
    actual, nullable = _describe(spec, schema)
    if actual != expected:
        found[f"{prefix}-type:{key}"] = f"CSDL {member.type} (the spec's {expected}); the spec has {actual}"
    if nullable != member.nullable:
        says = "nullable" if member.nullable else "not nullable"
        found[f"{prefix}-nullable:{key}"] = f"CSDL says {says}; the spec {'allows' if nullable else 'refuses'} null"
    return found


class _Types:
    """Properties, inheritance, abstractness and openness of every structured type the CSDL has."""

    def __init__(self, spec: dict[str, Any], model: Model, found: dict[str, str]) -> None:
        self.spec, self.model, self.found = spec, model, found

    def compare(self) -> None:
        in_unions = {
            name for schema in _schemas(self.spec).values() for name in (_kinds(self.spec, schema) or ([],))[0]
        }
        for name, structured in self.model.types.items():
            if name not in _schemas(self.spec):
                self.found[f"type-missing:{name}"] = f"the CSDL's {structured.kind} {name} has no schema in the spec"
                continue
            for shape in [name, *(s for s in _schemas(self.spec) if _request_shape_of(self.spec, s) == name)]:
                self._properties(name, shape)  # the answer shape, and the request shape when it has one
            self._base(name)
            if structured.abstract and name in in_unions and _pins_odata_type(self.spec, name):
                self.found[f"abstract:{name}"] = "abstract in the CSDL; the spec accepts it as a kind of its own"
            if structured.open:
                self.found[f"open-type:{name}"] = "an OpenType in the CSDL; the spec refuses undeclared properties"

    def _properties(self, name: str, shape: str) -> None:
        upstream = _flat_members(self.model, name)
        ours = _flat_properties(self.spec, shape)
        for prop in [p for p, schema in ours.items() if schema.get("x-ms-navigationProperty") is True]:
            self._navigation(name, prop, ours.pop(prop))
        for prop, member in upstream.items():
            key = f"{name}.{prop}"
            if prop not in ours:
                self.found[f"property-missing:{key}"] = f"the CSDL has {member.type}; the spec does not define it"
            else:
                self.found |= _compare_member(self.model, self.spec, member, ours[prop], key, "property")
        for prop in ours.keys() - upstream.keys():
            self.found[f"property-extra:{name}.{prop}"] = "defined by the spec; the CSDL has no such property"

    def _navigation(self, name: str, prop: str, schema: dict[str, Any]) -> None:
        member = self.model.types[name].navigation.get(prop)
        if member is None:
            self.found[f"navigation-extra:{name}.{prop}"] = "a navigation property of the spec; the CSDL has none"
            return
        expected, actual = _expected(self.model, member.type), _describe(self.spec, schema)[0]
        if actual != expected:
            self.found[f"navigation-type:{name}.{prop}"] = f"the CSDL lists {expected}; the spec's property {actual}"

    def _base(self, name: str) -> None:
        base = self.model.types[name].base
        refs = [ref for part in _schemas(self.spec)[name].get("allOf", []) if (ref := _ref_name(part))]
        # A properties-only schema (no `@odata.type` of its own) may stand for the base's properties,
        # or, for a type without a base, for the type's own.
        wanted = set(_flat_members(self.model, base if base is not None else name))
        stand_ins = {
            r for r in refs if not _pins_odata_type(self.spec, r) and set(_flat_properties(self.spec, r)) == wanted
        }
        if set(refs) - stand_ins == ({base} if base is not None and not stand_ins else set()):
            return
        self.found[f"base-type:{name}"] = (
            f"the CSDL derives it from {base}; the spec from {', '.join(refs) or 'nothing'}"
        )


def _compare_enums(spec: dict[str, Any], model: Model, found: dict[str, str]) -> None:
    for name, members in model.enums.items():
        schema = _schemas(spec).get(name)
        if schema is None:
            found[f"type-missing:{name}"] = f"the CSDL's EnumType {name} has no schema in the spec"
        elif tuple(schema.get("enum", ())) != members:
            found[f"enum-members:{name}"] = f"the CSDL has {list(members)}; the spec {schema.get('enum')}"


# Paths


def _normal(path: str) -> str:
    """A path as Microsoft's permissions file writes it: lower case, every parameter `{id}`."""
    return _PARAMETER.sub("{id}", path).lower()


def _spec_methods(spec: dict[str, Any]) -> dict[str, set[str]]:
    return {_normal(path): {m.upper() for m in item if m in _METHODS} for path, item in spec["paths"].items()}


def _spec_path(spec: dict[str, Any], normal: str) -> dict[str, Any] | None:
    for path, item in spec["paths"].items():
        if _normal(path) == normal:
            found: dict[str, Any] = item
            return found
    return None


def _compare_navigation(
    spec: dict[str, Any], model: Model, entity: str, entity_set: str, found: dict[str, str]
) -> None:
    prefix = _normal(entity_set) + "/{id}/"
    structured = model.types[entity]
    actions = {a.name.lower() for a in model.actions if a.binding == entity}
    for name, member in structured.navigation.items():
        item = _spec_path(spec, prefix + name.lower())
        key = f"{entity}.{name}"
        if item is None:
            found[f"navigation:{key}"] = f"the CSDL has {member.type}; the spec has no path for it"
            continue
        listed = _collection_items(spec, item)
        expected = _expected(model, member.type)
        if listed != expected:
            found[f"navigation-type:{key}"] = f"the CSDL lists {expected}; the spec's GET answers {listed}"
    navigation = {name.lower() for name in structured.navigation} | actions
    for path in _spec_methods(spec):
        if path.startswith(prefix):
            segment = path[len(prefix) :].split("/")[0]
            if segment not in navigation:
                found[f"navigation-extra:{entity}.{segment}"] = "a path of the spec; the CSDL has no such navigation"


def _collection_items(spec: dict[str, Any], item: dict[str, Any]) -> str:
    """What a collection path's GET 200 lists, described like a CSDL collection type."""
    try:
        schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        value = _schemas(spec)[_ref_name(schema) or ""]["properties"]["value"]
    except KeyError:
        return "no collection"
    return _describe(spec, value)[0]


def _compare_operations(
    spec: dict[str, Any],
    upstream: dict[str, list[str]],
    model: Model,
    entity_sets: dict[str, str],
    found: dict[str, str],
) -> None:
    """Methods on the navigation paths the spec has, against Microsoft's permissions file."""
    ours = _spec_methods(spec)
    prefixes = tuple(_normal(entity_sets[entity]) + "/{id}/" for entity in entity_sets)
    paths = {p for p in ours if p.startswith(prefixes) and not p.endswith("/$count")}
    actions = {a.name.lower() for a in model.actions}
    paths = {p for p in paths if p.rsplit("/", 1)[-1] not in actions}
    for path in sorted(paths | {p for p in upstream if p.removesuffix("/{id}") in paths}):
        theirs, mine = set(upstream.get(path, [])), ours.get(path, set())
        if theirs != mine:
            parts = []
            if mine - theirs:
                parts.append(
                    f"the spec has {', '.join(sorted(mine - theirs))}, which the permissions file does not list"
                )
            if theirs - mine:
                parts.append(f"the permissions file lists {', '.join(sorted(theirs - mine))}, which the spec lacks")
            found[f"operations:{path}"] = "; ".join(parts)


def _compare_actions(spec: dict[str, Any], model: Model, entity: str, entity_set: str, found: dict[str, str]) -> None:
    for action in (a for a in model.actions if a.binding == entity):
        item = _spec_path(spec, f"{_normal(entity_set)}/{{id}}/{action.name.lower()}")
        if item is None or "post" not in item:
            found[f"action-missing:{action.name}"] = (
                f"the CSDL binds {action.name} to {entity}; the spec has no POST for it"
            )
            continue
        schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
        ours = _flat_properties(spec, _ref_name(schema) or "") if _ref_name(schema) else schema.get("properties", {})
        for name, member in action.parameters.items():
            key = f"{action.name}.{name}"
            if name not in ours:
                found[f"action-parameter-missing:{key}"] = f"the CSDL has {member.type}; the spec's body lacks it"
            else:
                found |= _compare_member(model, spec, member, ours[name], key, "action-parameter")
        for name in ours.keys() - action.parameters.keys():
            found[f"action-parameter-extra:{action.name}.{name}"] = "in the spec's body; the CSDL has no such parameter"


def _compare_permissions(spec: dict[str, Any], pages: dict[str, Any], found: dict[str, str]) -> None:
    operations = {op["operationId"]: op for item in spec["paths"].values() for m, op in item.items() if m in _METHODS}
    for operation_id, page in pages.items():
        operation = operations.get(operation_id)
        if operation is None:
            continue
        documented = set(page["scopes"])
        for scheme, scopes in operation.get("x-ms-permissions", {}).items():
            if set(scopes) != documented:
                found[f"permissions:{operation_id}.{scheme}"] = (
                    f"the reference page {page['page']} lists {sorted(documented)}; the spec {sorted(scopes)}"
                )
