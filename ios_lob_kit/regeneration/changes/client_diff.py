"""Client-level differences: two generated packages compared with griffe.

griffe judges what breaks (`griffe.find_breaking_changes`). Two gaps it leaves on this client:
- attrs models have no written `__init__`. `AttrsInit`, a griffe extension, writes the constructor
  attrs will make from the annotated fields, so griffe judges constructors like any function (a new
  required field, a removed one). The kit's models are `kw_only`: their parameters are keyword-only,
  so the order of properties in the spec is no part of the API.
- griffe does not compare annotations or values yet (a property's new type, an enum's `Literal`).
  Those show up in the listing as "changed", without a verdict; the contract level judges them.
The listing (added, removed, changed modules, classes, functions, attributes) reads griffe's trees.
Both the breakages and the listing name objects under the new package's name (the old client is
generated into a scratch folder whose package name may differ, e.g. with `--client-dir`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import griffe

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FILE_PREFIX = re.compile(r"^\S+:\d+: ")  # "path/to/file.py:12: ", a temporary directory's path


@dataclass(frozen=True)
class ClientBreakage:
    kind: str  # griffe's wording: "Public object was removed", "Parameter was added as required", ...
    location: str  # dotted path of the object
    module: str  # dotted path of its module
    detail: str  # griffe's one-line explanation, from inside the module: "Class.__init__(name): Parameter was removed"


@dataclass(frozen=True)
class ApiChange:
    change: str  # "added", "removed" or "changed"
    kind: str  # "module", "class", "function" or "attribute"
    path: str
    detail: str = ""


@dataclass(frozen=True)
class ClientDiff:
    breakages: list[ClientBreakage]
    api: list[ApiChange]
    package: str = "generated_client"  # the name every path above starts with: the new client's

    @property
    def breaking(self) -> bool:
        return bool(self.breakages)

    @property
    def is_empty(self) -> bool:
        return not (self.breakages or self.api)


class AttrsInit(griffe.Extension):
    """Gives each `@attrs.define` class the `__init__` attrs generates from its annotated fields."""

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        define = next((d.value for d in cls.decorators if _is_attrs_define(d.value)), None)
        if define is None or "__init__" in cls.members:
            return
        kind = griffe.ParameterKind.keyword_only if _kw_only(define) else griffe.ParameterKind.positional_or_keyword
        parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
        for member in cls.members.values():
            if member.is_alias or not isinstance(member, griffe.Attribute) or member.annotation is None:
                continue
            if "property" in member.labels or _not_in_init(member.value):
                continue
            parameters.append(
                griffe.Parameter(
                    member.name,
                    annotation=member.annotation,
                    kind=kind,
                    default=member.value,  # None: required
                )
            )
        init = griffe.Function("__init__", lineno=cls.lineno, parameters=griffe.Parameters(*parameters), returns="None")
        cls.set_member("__init__", init)


def _is_attrs_define(value: str | griffe.Expr) -> bool:
    """`@attrs.define` or `@attrs.define(...)`."""
    function = value.function if isinstance(value, griffe.ExprCall) else value
    return getattr(function, "canonical_path", None) == "attrs.define"


def _kw_only(value: str | griffe.Expr) -> bool:
    """`@attrs.define(kw_only=True)`: every constructor parameter is keyword-only (the kit's model template)."""
    return isinstance(value, griffe.ExprCall) and any(
        isinstance(arg, griffe.ExprKeyword) and arg.name == "kw_only" and str(arg.value) == "True"
        for arg in value.arguments
    )


def _not_in_init(value: str | griffe.Expr | None) -> bool:
    """`attrs.field(init=False, ...)`."""
    return (
        isinstance(value, griffe.ExprCall)
        and getattr(value.function, "canonical_path", None) == "attrs.field"
        and any(
            isinstance(arg, griffe.ExprKeyword) and arg.name == "init" and str(arg.value) == "False"
            for arg in value.arguments
        )
    )


def load_package(package_dir: Path) -> griffe.Object | griffe.Alias:
    """The griffe tree of one generated package; each load gets its own collections, so two packages
    of the same name (old and new client) never mix."""
    return griffe.load(
        package_dir.name,
        search_paths=[package_dir.parent],
        try_relative_path=False,  # else a `ios_lob_kit/generated_client/` in the working directory wins
        modules_collection=griffe.ModulesCollection(),
        lines_collection=griffe.LinesCollection(),
        extensions=griffe.load_extensions(AttrsInit()),
    )


def compare_clients(old_dir: Path, new_dir: Path) -> ClientDiff:
    """Breaking changes (griffe's verdict) and the API listing, from the package in `old_dir` to `new_dir`."""
    old, new = load_package(old_dir), load_package(new_dir)

    def named(path: str) -> str:  # an object of either package, named under the new package
        for package in (old.name, new.name):
            if path == package or path.startswith(f"{package}."):
                return new.name + path[len(package) :]
        return path

    breakages = [
        ClientBreakage(
            kind=breakage.kind.value,
            location=named(breakage.obj.path),
            module=named(
                (breakage.obj.parent if breakage.obj.is_alias and breakage.obj.parent else breakage.obj).module.path
            ),
            detail=_FILE_PREFIX.sub("", _ANSI.sub("", breakage.explain(griffe.ExplanationStyle.ONE_LINE))),
        )
        for breakage in griffe.find_breaking_changes(old, new)
    ]
    return ClientDiff(breakages=breakages, api=_listing(_api(old), _api(new), new.name), package=new.name)


def _api(package: griffe.Object | griffe.Alias) -> dict[str, tuple[str, griffe.Object]]:
    """Public objects by path below the package: relative path -> (kind, object). Imports are skipped."""
    found: dict[str, tuple[str, griffe.Object]] = {}

    def walk(obj: griffe.Object | griffe.Alias, prefix: str) -> None:
        for name, member in obj.members.items():
            if member.is_alias or name.startswith("_") or isinstance(member, griffe.Alias):
                continue
            path = f"{prefix}{name}"
            found[path] = (member.kind.value, member)
            if member.is_module or member.is_class:
                walk(member, f"{path}.")

    walk(package, "")
    return found


def _listing(
    old: dict[str, tuple[str, griffe.Object]], new: dict[str, tuple[str, griffe.Object]], package: str
) -> list[ApiChange]:
    changes: list[ApiChange] = []
    for change, paths, side in (("removed", old.keys() - new.keys(), old), ("added", new.keys() - old.keys(), new)):
        for path in _outermost(paths):
            changes.append(ApiChange(change, side[path][0], f"{package}.{path}"))
    for path in sorted(old.keys() & new.keys()):
        (old_kind, old_obj), (new_kind, new_obj) = old[path], new[path]
        if old_kind != new_kind:
            changes.append(ApiChange("changed", new_kind, f"{package}.{path}", f"was a {old_kind}"))
        elif detail := _difference(old_obj, new_obj):
            changes.append(ApiChange("changed", new_kind, f"{package}.{path}", detail))
    return sorted(changes, key=lambda item: (item.path, item.change))


def _outermost(paths: set[str]) -> list[str]:
    """Paths without those inside another listed path (a removed module's classes go without saying)."""
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(f"{parent}.") for parent in kept):
            kept.append(path)
    return kept


def _difference(old: griffe.Object, new: griffe.Object) -> str:
    """What changed in one object's own signature, type or value; "" if nothing."""
    if isinstance(old, griffe.Function) and isinstance(new, griffe.Function):
        was = {parameter.name: parameter for parameter in old.parameters}
        now = {parameter.name: parameter for parameter in new.parameters}
        parts = [f"+{_parameter(now[name])}" for name in now if name not in was]
        parts += [f"-{name}" for name in was if name not in now]
        parts += [
            f"{name}: {_parameter(was[name])} → {_parameter(now[name])}"
            for name in was.keys() & now.keys()
            if _parameter(was[name]) != _parameter(now[name])
        ]
        if str(old.returns) != str(new.returns):
            parts.append(f"returns {old.returns} → {new.returns}")
        return "; ".join(sorted(parts))
    if isinstance(old, griffe.Attribute) and isinstance(new, griffe.Attribute):
        parts = []
        if str(old.annotation) != str(new.annotation):
            parts.append(f"type {old.annotation} → {new.annotation}")
        if str(old.value) != str(new.value):
            parts.append(f"value {old.value} → {new.value}")
        return "; ".join(parts)
    if isinstance(old, griffe.Class) and isinstance(new, griffe.Class):
        was_bases, now_bases = [str(base) for base in old.bases], [str(base) for base in new.bases]
        return f"bases {was_bases} → {now_bases}" if was_bases != now_bases else ""
    return ""


def _parameter(parameter: griffe.Parameter) -> str:
    text = f"{parameter.name}: {parameter.annotation}" if parameter.annotation is not None else parameter.name
    return f"{text} = {parameter.default}" if parameter.default is not None else text
