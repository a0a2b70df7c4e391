"""Microsoft's CSDL (the fragment kept in this folder) read into plain records."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Action", "Member", "Model", "StructuredType", "read_csdl", "unalias"]

_EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
_EDMX = "{http://docs.oasis-open.org/odata/ns/edmx}"


@dataclass(frozen=True)
class Member:
    """A property, navigation property or action parameter: `type` as written (`Collection(graph.x)`)."""

    name: str
    type: str
    nullable: bool


@dataclass(frozen=True)
class StructuredType:
    name: str
    kind: str  # "EntityType" or "ComplexType"
    base: str | None  # without the `graph.` alias
    abstract: bool
    open: bool
    properties: dict[str, Member]
    navigation: dict[str, Member]


@dataclass(frozen=True)
class Action:
    name: str
    binding: str  # the bound type, without the alias
    parameters: dict[str, Member]  # without the binding parameter


@dataclass(frozen=True)
class Model:
    types: dict[str, StructuredType]
    enums: dict[str, tuple[str, ...]]  # enum name -> member names in order
    actions: tuple[Action, ...]

    def derived(self, name: str) -> tuple[str, ...]:
        """Every type deriving from `name`, directly or not, in name order."""
        found = {t.name for t in self.types.values() if t.base == name}
        for child in sorted(found):
            found |= set(self.derived(child))
        return tuple(sorted(found))


def unalias(name: str) -> str:
    return name.removeprefix("graph.")


def _member(element: ElementTree.Element) -> Member:
    return Member(element.attrib["Name"], element.attrib["Type"], element.attrib.get("Nullable", "true") == "true")


def read_csdl(path: Path) -> Model:
    """The entity, complex and enum types and the bound actions of a CSDL document."""
    schema = ElementTree.parse(path).getroot().find(f"{_EDMX}DataServices/{_EDM}Schema")
    if schema is None:
        raise ValueError(f"{path}: no edmx:DataServices/Schema element")
    types: dict[str, StructuredType] = {}
    enums: dict[str, tuple[str, ...]] = {}
    actions: list[Action] = []
    for element in schema:
        tag = element.tag.removeprefix(_EDM)
        name = element.attrib.get("Name", "")
        if tag in ("EntityType", "ComplexType"):
            base = element.attrib.get("BaseType")
            types[name] = StructuredType(
                name=name,
                kind=tag,
                base=unalias(base) if base else None,
                abstract=element.attrib.get("Abstract") == "true",
                open=element.attrib.get("OpenType") == "true",
                properties={m.name: m for m in map(_member, element.findall(f"{_EDM}Property"))},
                navigation={m.name: m for m in map(_member, element.findall(f"{_EDM}NavigationProperty"))},
            )
        elif tag == "EnumType":
            enums[name] = tuple(member.attrib["Name"] for member in element.findall(f"{_EDM}Member"))
        elif tag == "Action" and element.attrib.get("IsBound") == "true":
            binding, *parameters = map(_member, element.findall(f"{_EDM}Parameter"))
            actions.append(Action(name, unalias(binding.type), {p.name: p for p in parameters}))
    return Model(types, enums, tuple(actions))
