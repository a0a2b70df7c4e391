"""`$filter` and `$orderby` as SQL the store runs inside its own query over the stored JSON documents.

`$filter` is parsed by odata-query (a maintained OData parser) and written out by a subclass of its SQL
transpiler: comparisons (`eq ne gt ge lt le`) of one of the entity's scalar properties with a value of its
type, `eq`/`ne null`, `startswith`/`endswith`/`contains` on strings, joined with `and`, `or`, `not` and
parentheses. Anything else is a 400 naming `$filter` and the problem. Property names come from the spec
(never from the request) and every value is a `?` parameter, so request text never becomes SQL text.

The same answers on both backends: strings compare by code point (PostgreSQL `COLLATE "C"`, SQLite's
binary order), date-times as instants to the microsecond (`kit_instant`, the same function on both), nulls
sort first. A document whose text holds an escaped NUL (`\\u0000`, which PostgreSQL text cannot hold) has
no comparable properties: it matches no comparison on either backend.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from odata_query import ast, exceptions
from odata_query.grammar import ODataLexer, ODataParser
from odata_query.sql.base import AstToSqlVisitor

from ios_lob_kit.mock_server.errors import ApiError, bad_request

__all__ = ["POSTGRES_FUNCTIONS", "Condition", "Dialect", "Kind", "instant", "order_by", "where"]

Dialect = Literal["sqlite", "postgresql"]
Kind = Literal["string", "integer", "date-time"]


@dataclass(frozen=True)
class Condition:
    """A compiled `$filter`: an SQL condition with `?` placeholders, and their values in order."""

    sql: str
    args: tuple[Any, ...]


_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]+)?)?"
    r"(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))"
)
_MAX_OFFSET_HOURS = 15  # PostgreSQL refuses larger UTC offsets; so does kit_instant, on both backends


def instant(text: object) -> int | None:
    """Microseconds since 1970 of an RFC 3339 date-time, None when it is not one; as PostgreSQL's
    `timestamptz` reads it (fraction rounded half-even to the microsecond, second 60 rolls over)."""
    match = _RFC3339.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    if hour > 23 or minute > 59 or second > 60:
        return None
    offset = 0
    if match.group(8):
        hours, minutes = int(match.group(9)), int(match.group(10))
        if hours > _MAX_OFFSET_HOURS or minutes > 59:
            return None
        offset = (hours * 3600 + minutes * 60) * (-1 if match.group(8) == "-" else 1)
    fraction = match.group(7)
    micros = round(float("0" + fraction) * 1_000_000) if fraction else 0  # C's rint(strtod(...) * 1e6)
    return (calendar.timegm((year, month, day, hour, minute, second)) - offset) * 1_000_000 + micros


# kit_instant on PostgreSQL (created with the tables): NULL where the cast fails, as on SQLite.
POSTGRES_FUNCTIONS = """CREATE OR REPLACE FUNCTION kit_instant(value text) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
    RETURN CAST(extract(epoch FROM CAST(value AS timestamptz)) * 1000000 AS bigint);
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$"""


def _value(dialect: Dialect, name: str) -> str:
    """The stored JSON value of property `name` (a name from the spec) as SQL text, NULL when absent."""
    if dialect == "postgresql":
        return f"CASE WHEN strpos(doc, '\\u0000') > 0 THEN NULL ELSE doc::json ->> '{name}' END"
    return f"CASE WHEN instr(doc, '\\u0000') > 0 THEN NULL ELSE json_extract(doc, '$.\"{name}\"') END"


def _column(dialect: Dialect, name: str, kind: Kind) -> str:
    """The property as SQL compares and sorts it."""
    value = _value(dialect, name)
    if kind == "date-time":
        return f"kit_instant({value})"
    if dialect == "postgresql":
        return f'({value}) COLLATE "C"' if kind == "string" else f"CAST({value} AS bigint)"
    return f"({value})"


def _refused(reason: str) -> ApiError:
    return bad_request(f"$filter: {reason}.", "$filter")


_LITERALS: dict[Kind, tuple[type[ast._Node], ...]] = {
    "string": (ast.String,),
    "integer": (ast.Integer,),
    "date-time": (ast.DateTime,),
}
_FUNCTIONS = ("startswith", "endswith", "contains")
_CONDITIONS = (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Call)
_INT64 = range(-(2**63), 2**63)


class _Where(AstToSqlVisitor):
    """odata-query's SQL transpiler with the entity's properties as columns and every value a parameter."""

    def __init__(self, properties: Mapping[str, Kind], dialect: Dialect) -> None:
        super().__init__()
        self._properties = properties
        self._dialect = dialect
        self.args: list[Any] = []

    def condition(self, node: ast._Node) -> str:
        if not isinstance(node, _CONDITIONS):
            raise _refused(f"expected a condition, found {_shown(node)}")
        sql: str = self.visit(node)
        return sql

    def _property(self, node: ast._Node) -> tuple[str, Kind]:
        if isinstance(node, ast.Attribute):
            raise _refused(f"'{_shown(node)}': only the entity's own scalar properties can be compared")
        if isinstance(node, ast.Call):
            raise _refused(
                f"{node.func.name}() is not supported in a comparison: a comparison needs a property and a value"
                f" ({', '.join(_FUNCTIONS)} stand alone as conditions)"
            )
        if not isinstance(node, ast.Identifier):
            raise _refused(f"a comparison needs a property and a value, found {_shown(node)}")
        if node.namespace or node.name not in self._properties:
            raise _refused(f"no property '{node.name}' to filter on (filterable: {', '.join(self._properties)})")
        return node.name, self._properties[node.name]

    def _literal(self, name: str, kind: Kind, node: ast._Node) -> Any:
        if not isinstance(node, (ast.String, ast.Integer, ast.DateTime)) or not isinstance(node, _LITERALS[kind]):
            raise _refused(f"'{name}' holds {kind} values; it cannot be compared with {_shown(node)}")
        if kind == "integer":
            number = int(node.val)
            if number not in _INT64:
                raise _refused(f"the number {node.val} is out of range")
            return number
        if kind == "date-time":
            moment = instant(node.val)
            if moment is None:
                raise _refused(f"{node.val} is not a date-time (RFC 3339, with Z or an offset)")
            return moment
        if "\x00" in node.val:
            raise _refused("a string value cannot hold NUL")
        return node.val

    # Nodes: conditions joined by and/or/not; anything else is refused.

    def visit_BoolOp(self, node: ast.BoolOp) -> str:
        """A chain of one operator (`a and b and ...`, parsed left-deep) as a balanced tree: a long filter
        stays within SQLite's expression depth, and within Python's recursion limit here."""
        operands: list[str] = []
        pending: list[ast._Node] = [node]
        while pending:
            item = pending.pop()
            if isinstance(item, ast.BoolOp) and type(item.op) is type(node.op):
                pending += [item.right, item.left]  # the left one first: values keep the text's order
            else:
                operands.append(self.condition(item))
        operator: str = self.visit(node.op)
        while len(operands) > 1:
            pairs = [operands[i : i + 2] for i in range(0, len(operands), 2)]
            operands = [f"({p[0]}) {operator} ({p[1]})" if len(p) == 2 else p[0] for p in pairs]
        return operands[0]

    def visit_UnaryOp(self, node: ast.UnaryOp) -> str:
        if not isinstance(node.op, ast.Not):
            raise _refused("arithmetic is not supported")
        return f"NOT ({self.condition(node.operand)})"

    def visit_Compare(self, node: ast.Compare) -> str:
        if isinstance(node.comparator, ast.In):
            raise _refused("'in' is not supported; join comparisons with 'or'")
        left_is_property = isinstance(node.left, (ast.Identifier, ast.Attribute, ast.Call))
        prop, value = (node.left, node.right) if left_is_property else (node.right, node.left)
        name, kind = self._property(prop)
        operator: str = self.visit(node.comparator)
        raw = _value(self._dialect, name)
        if isinstance(value, ast.Null):
            if not isinstance(node.comparator, (ast.Eq, ast.NotEq)):
                raise _refused("null compares with eq or ne only")
            return f"{raw} IS {'NOT ' if isinstance(node.comparator, ast.NotEq) else ''}NULL"
        column = _column(self._dialect, name, kind)
        self.args.append(self._literal(name, kind, value))
        return f"{column} {operator} ?" if left_is_property else f"? {operator} {column}"

    def visit_Call(self, node: ast.Call) -> str:
        function = node.func.name.lower()
        if function not in _FUNCTIONS:
            raise _refused(f"the function {node.func.name}() is not supported (supported: {', '.join(_FUNCTIONS)})")
        if len(node.args) != 2:
            raise _refused(f"{function}() takes a property and a string")
        name, kind = self._property(node.args[0])
        if kind != "string":
            raise _refused(f"{function}() applies to strings; '{name}' holds {kind} values")
        text = self._literal(name, "string", node.args[1])
        column = _column(self._dialect, name, "string")
        length = "length(CAST(? AS TEXT))"
        if function == "contains":
            sql, uses = f"{'strpos' if self._dialect == 'postgresql' else 'instr'}({column}, ?) > 0", 1
        elif function == "startswith":
            sql, uses = f"substr({column}, 1, {length}) = ?", 2
        else:
            sql, uses = f"length({column}) >= {length} AND substr({column}, length({column}) - {length} + 1) = ?", 3
        self.args += [text] * uses
        return sql

    def generic_visit(self, node: ast._Node) -> str:
        raise _refused(f"{_shown(node)} is not supported here")


def _shown(node: ast._Node) -> str:
    if isinstance(node, ast.Identifier):
        return f"the property '{node.name}'"
    if isinstance(node, ast.Attribute):
        return f"{_shown(node.owner).removeprefix('the property ')[1:-1]}/{node.attr}"
    if isinstance(node, ast._Literal):
        return f"a {type(node).__name__.lower()} ({vars(node).get('val')})"
    return type(node).__name__.lower()


def where(text: str, properties: Mapping[str, Kind], dialect: Dialect) -> Condition:
    """The SQL condition of `$filter=text` over the entity's `properties`; 400 naming the problem."""
    try:
        tree = ODataParser().parse(ODataLexer().tokenize(text))
    except exceptions.ODataException as error:
        raise _refused(f"cannot read {text!r} ({error})") from None
    except Exception:  # the parser's own errors are not all ODataExceptions (an empty text, deep nesting)
        raise _refused(f"cannot read {text!r}") from None
    visitor = _Where(properties, dialect)
    try:
        sql = visitor.condition(tree)
    except RecursionError:
        raise _refused("parentheses or not (...) nested too deeply") from None
    return Condition(sql, tuple(visitor.args))


_ORDER_TERM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?: +(asc|desc))?")


def order_by(text: str, properties: Mapping[str, Kind], dialect: Dialect) -> str:
    """The SQL `ORDER BY` terms of `$orderby=text` (`name [asc|desc]`, comma-separated); nulls first."""
    terms = []
    for item in text.split(","):
        match = _ORDER_TERM.fullmatch(item.strip())
        if match is None:
            raise bad_request(f"$orderby: cannot read {item!r} (expected a property, then asc or desc).", "$orderby")
        name, direction = match.group(1), match.group(2) or "asc"
        if name not in properties:
            listed = ", ".join(properties)
            raise bad_request(f"$orderby: no property '{name}' to order by (sortable: {listed}).", "$orderby")
        nulls = "FIRST" if direction == "asc" else "LAST"
        terms.append(f"{_column(dialect, name, properties[name])} {direction.upper()} NULLS {nulls}")
    return ", ".join(terms)
