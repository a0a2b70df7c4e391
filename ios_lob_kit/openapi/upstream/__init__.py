"""Microsoft's own description of this area, kept as data, and the check that the spec agrees with it.

`csdl-fragment.xml` is a verbatim fragment of Microsoft Graph's beta CSDL; `sources.yaml` says where it
and the other upstream facts (permissions file, reference pages) were read; `differences.yaml` lists,
once each and with a reason, every deliberate difference between them and the spec. `check_fidelity`
raises `UpstreamDrift` when the differences found are not exactly the ones listed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ios_lob_kit.openapi.upstream.compare import differences
from ios_lob_kit.openapi.upstream.csdl import Model, read_csdl

__all__ = [
    "CSDL_PATH",
    "DIFFERENCES_PATH",
    "SOURCES_PATH",
    "UpstreamDrift",
    "check_fidelity",
    "differences",
    "listed_differences",
    "read_csdl",
    "read_sources",
]

_HERE = Path(__file__).resolve().parent
CSDL_PATH = _HERE / "csdl-fragment.xml"
SOURCES_PATH = _HERE / "sources.yaml"
DIFFERENCES_PATH = _HERE / "differences.yaml"


class UpstreamDrift(AssertionError):
    """The spec and Microsoft's sources differ other than as `differences.yaml` lists."""

    def __init__(self, new: dict[str, str], stale: dict[str, str]) -> None:
        lines = [f"new difference {key}: {text}" for key, text in sorted(new.items())]
        lines += [
            f"listed but no longer found {key} (listed because: {reason})" for key, reason in sorted(stale.items())
        ]
        super().__init__("\n".join(lines))
        self.new = new
        self.stale = stale


def read_sources(path: Path = SOURCES_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        sources: dict[str, Any] = yaml.safe_load(handle)
    return sources


def listed_differences(path: Path = DIFFERENCES_PATH) -> dict[str, str]:
    """The deliberate differences: key -> reason."""
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["differences"]
    listed: dict[str, str] = {}
    for entry in entries:
        if entry["key"] in listed:
            raise ValueError(f"{path}: {entry['key']} is listed twice")
        listed[entry["key"]] = entry["reason"]
    return listed


def check_fidelity(spec: dict[str, Any], model: Model, sources: dict[str, Any], listed: dict[str, str]) -> None:
    """Raise `UpstreamDrift` unless the differences found are exactly those `listed`."""
    found = differences(spec, model, sources)
    new = {key: text for key, text in found.items() if key not in listed}
    stale = {key: reason for key, reason in listed.items() if key not in found}
    if new or stale:
        raise UpstreamDrift(new, stale)
