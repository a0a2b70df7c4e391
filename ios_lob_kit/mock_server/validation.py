"""Request checks compiled from the spec's own schemas, once per operation; errors name the field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from ios_lob_kit.mock_server.errors import ApiError, bad_request
from ios_lob_kit.mock_server.jsonio import DuplicateKeyError, load_text
from ios_lob_kit.mock_server.shapes import project, server_set_values
from ios_lob_kit.openapi.index import ODATA_TYPE, Parameter, Schema
from ios_lob_kit.openapi.schemas import validator_for_pointer

__all__ = ["MAX_JSON_DEPTH", "BodyRule", "ParamRule", "dotted", "parse_json", "undeclared"]

_INTEGER = re.compile(r"-?[0-9]+")
# Objects and arrays nested deeper than this are refused before any schema sees them (the limit
# System.Text.Json and Json.NET apply by default); the spec's own bodies nest 4 levels.
MAX_JSON_DEPTH = 64
_TOO_DEEP = f"The request body is nested deeper than {MAX_JSON_DEPTH} levels of objects and arrays (the limit)."


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays nest more than `limit` levels (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def dotted(path: list[str | int] | tuple[str | int, ...]) -> str:
    """`['a', 0, 'target']` -> `a[0].target`: how messages and `error.target` name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def parse_json(raw: bytes) -> Any:
    """The request body as JSON; 400 naming the problem when it is not."""
    if not raw.strip():
        raise bad_request("The request body is empty; this operation needs a JSON body.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request("The request body is not UTF-8 text.") from None
    try:
        value = load_text(text)
    except DuplicateKeyError as exc:
        raise bad_request(f"The request body names the key '{exc.key}' twice in one object; send it once.") from None
    except ValueError as exc:
        raise bad_request(f"The request body is not valid JSON: {exc}") from None
    except RecursionError:  # the decoder gave up long before the limit below would
        raise bad_request(_TOO_DEEP) from None
    if _deeper_than(value, MAX_JSON_DEPTH):
        raise bad_request(_TOO_DEEP)
    if "\\u" in text:  # an escaped lone surrogate parses, but is no Unicode text
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise bad_request("The request body contains an unpaired surrogate (\\uD800-\\uDFFF).") from None
    return value


@dataclass(frozen=True)
class ParamRule:
    """One documented parameter: its name, where it goes, how its text becomes a value, its validator."""

    name: str
    key: str  # the name in lower case: how query and header names are looked up
    location: str  # "query", "header" or "path"
    required: bool
    kind: str  # the schema's type: "integer", "boolean", "array" or "string"
    validator: jsonschema_rs.Validator

    @classmethod
    def compile(cls, parameter: Parameter) -> ParamRule:
        kind = parameter.kind
        if kind == "array" and (parameter.style != "form" or parameter.explode):
            raise ValueError(f"{parameter.name}: only form, non-exploded arrays are supported")
        return cls(
            name=parameter.name,
            key=parameter.name.lower(),
            location=parameter.location,
            required=parameter.required,
            kind=kind,
            validator=validator_for_pointer(parameter.schema.pointer),
        )

    def value(self, raw: str) -> Any:
        """The typed value of the parameter's text; 400 naming the parameter when it is invalid."""
        value: Any = raw
        if self.kind == "integer":
            if not _INTEGER.fullmatch(raw):
                raise bad_request(f"{self.name}: {raw!r} is not an integer.", self.name)
            value = int(raw)
        elif self.kind == "boolean":
            if raw not in ("true", "false"):
                raise bad_request(f"{self.name}: {raw!r} is not a boolean (true or false).", self.name)
            value = raw == "true"
        elif self.kind == "array":
            value = raw.split(",") if raw else []  # form style: an empty array is sent as `name=`
        try:
            if self.validator.is_valid(value):
                return value
            error = next(self.validator.iter_errors(value))
        except ValueError:  # e.g. a lone surrogate the validator cannot take
            raise bad_request(f"{self.name}: the value is not valid text.", self.name) from None
        raise bad_request(f"{self.name}: {error.message}.", self.name)


def undeclared(
    path: list[str | int], error: jsonschema_rs.ValidationError, schema: Schema | None, action: str
) -> ApiError:
    """A property a closed request shape does not declare, named with its type as Graph names them.

    Intune's wording and code for an entity's property (microsoft/Intune-PowerShell-SDK#98, 2021: "The property
    'wifiBlocked' does not exist on type '...'. Make sure to only use property names that are defined by the
    type.", `ModelValidationFailure`), with the contract's type name; an action's body has parameters, named as
    Microsoft.OData.Core names them.
    """
    unexpected = getattr(error.kind, "unexpected", None) or ["?"]
    name = str(sorted(map(str, unexpected))[0])
    where = dotted([*path, name])
    pinned = schema.odata_type if schema is not None else None
    if pinned is not None:
        message = (
            f"The property '{name}' does not exist on type '{pinned.removeprefix('#')}'."
            " Make sure to only use property names that are defined by the type."
        )
    else:
        message = (
            f"The parameter '{name}' in the request payload is not a valid parameter for the operation '{action}'."
        )
    return ApiError(400, "ModelValidationFailure", message, target=where)


@dataclass(frozen=True)
class BodyRule:
    """A request body: the validator of its schema, and the schema that projects it to known properties."""

    required: bool
    validator: jsonschema_rs.Validator
    schema: Schema
    action: str  # how error messages name the operation: the last segment of its path (e.g. `assign`)

    def check(self, body: Any) -> tuple[Any, dict[str, Any]]:
        """The body as stored (see `shapes.project`) and the server-set properties it carried; 400 naming the
        first offending field."""
        try:
            valid = self.validator.is_valid(body)
        except ValueError:  # the validator cannot take the value (a lone surrogate in a string)
            raise bad_request("The request body contains text that is not valid Unicode.") from None
        if not valid:
            error = next(self.validator.iter_errors(body))
            raise self._explain(error)
        return project(self.schema, body), server_set_values(self.schema, body)

    def _explain(self, error: jsonschema_rs.ValidationError) -> ApiError:
        path: list[str | int] = list(error.instance_path)
        schema: Schema | None = self.schema
        for key in path:
            if schema is not None:
                schema = schema.items if isinstance(key, int) else (schema.properties or {}).get(key)
        if (
            schema is not None
            and schema.kinds
            and isinstance(error.kind, jsonschema_rs.ValidationErrorKind.OneOfNotValid)
        ):
            return self._explain_kind(path, error.instance, schema)
        if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.UnevaluatedProperties):
            return undeclared(path, error, schema, self.action)
        if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
            path.append(str(error.kind.property))
        where = dotted(path)
        return bad_request(f"{where}: {error.message}." if where else f"{error.message}.", where or None)

    def _explain_kind(self, path: list[str | int], instance: Any, union: Schema) -> ApiError:
        """A readable reason a polymorphic value (e.g. `target`) matches none of its kinds."""
        where = dotted(path)
        label = path[-1] if path and isinstance(path[-1], str) else "allowed"
        kinds = ", ".join(dict.fromkeys(s for s in union.kinds if s.startswith("#")))
        if not isinstance(instance, dict):
            return bad_request(f"{where}: {json.dumps(instance)} is not an object with {ODATA_TYPE}.", where)
        type_path = f"{where}.{ODATA_TYPE}"
        if ODATA_TYPE not in instance:
            return bad_request(f"{type_path} is required: one of the {label} kinds ({kinds}).", type_path)
        odata_type = instance[ODATA_TYPE]
        kind = union.kinds.get(odata_type) if isinstance(odata_type, str) else None
        if kind is None:
            shown = repr(odata_type) if isinstance(odata_type, str) else json.dumps(odata_type)
            return bad_request(f"{type_path}: {shown} is not one of the {label} kinds ({kinds}).", type_path)
        error = next(validator_for_pointer(kind.pointer).iter_errors(instance), None)
        if error is None:  # cannot happen for an exclusive oneOf; say what we know
            return bad_request(f"{where}: matches none of the {label} kinds.", where)
        inner = list(error.instance_path)
        if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.UnevaluatedProperties) and not inner:
            return undeclared(path, error, kind, self.action)
        if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
            inner.append(str(error.kind.property))
        full = dotted([*path, *inner])
        return bad_request(f"{full}: {error.message}.", full)
