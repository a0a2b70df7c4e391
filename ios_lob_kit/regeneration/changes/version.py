"""Which `info.version` bump a change warrants, and whether the spec made it (semantic versioning)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")


class Bump(IntEnum):
    NONE = 0
    PATCH = 1  # documentation only
    MINOR = 2  # additive, nothing breaks
    MAJOR = 3  # something breaks

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class VersionAdvice:
    old: str
    new: str
    warranted: Bump
    ok: bool  # the spec's version moved at least as far as warranted
    message: str


def advise(old: str, new: str, warranted: Bump) -> VersionAdvice:
    old_parts, new_parts = _parse(old), _parse(new)
    if old_parts is None or new_parts is None:
        message = f"info.version {old!r} → {new!r} is not MAJOR.MINOR.PATCH: cannot check for a {warranted} bump."
        return VersionAdvice(old, new, warranted, warranted is Bump.NONE, message)
    made = _bump_between(old_parts, new_parts)
    if made is None:
        return VersionAdvice(old, new, warranted, False, f"info.version went backwards: {old} → {new}.")
    if warranted is Bump.NONE:
        return VersionAdvice(old, new, warranted, True, f"info.version {old} → {new}; no bump warranted.")
    if made >= warranted:
        message = f"info.version {old} → {new}: a {made} bump, and the change warrants a {warranted} one."
        return VersionAdvice(old, new, warranted, True, message)
    message = (
        f"info.version is {new} but the change warrants a {warranted} bump: "
        f"set it to {_next(old_parts, warranted)} (or higher)."
    )
    return VersionAdvice(old, new, warranted, False, message)


def _parse(version: str) -> tuple[int, int, int] | None:
    match = _SEMVER.match(version.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _bump_between(old: tuple[int, int, int], new: tuple[int, int, int]) -> Bump | None:
    if new < old:
        return None
    if new[0] > old[0]:
        return Bump.MAJOR
    if new[1] > old[1]:
        return Bump.MINOR
    return Bump.PATCH if new[2] > old[2] else Bump.NONE


def _next(old: tuple[int, int, int], bump: Bump) -> str:
    major, minor, patch = old
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
