"""What a conformance run is asked to do: parsed once (CLI, env vars or pytest options), passed to both sides."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Only(StrEnum):
    BOTH = "both"
    SERVER = "server"
    CLIENT = "client"


@dataclass(frozen=True)
class RunOptions:
    base_url: str | None  # None: start the embedded reference server on a free port with a fresh database
    token: str | None  # a token with DeviceManagementApps.ReadWrite.All (required with base_url)
    read_only_token: str | None = None  # DeviceManagementApps.Read.All only: enables the 403-on-write checks
    other_tenant_token: str | None = None  # another tenant's token: enables the tenant-isolation checks
    configuration_id: str | None = None  # use this configuration instead of creating (and deleting) one
    seed: int = 0
    max_examples: int = 25
    report_dir: Path | None = None
    only: Only = Only.BOTH

    def secrets(self) -> tuple[str, ...]:
        """Every token of the run: reports and logs must redact each of them."""
        return tuple(t for t in (self.token, self.read_only_token, self.other_tenant_token) if t)
