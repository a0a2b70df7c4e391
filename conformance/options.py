"""What a conformance run is asked to do: parsed once (CLI, env vars or pytest options), passed to both sides."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from conformance.credentials import PUBLIC_CLOUD, AppRegistration


class Only(StrEnum):
    BOTH = "both"
    SERVER = "server"
    CLIENT = "client"


@dataclass(frozen=True)
class RunOptions:
    base_url: str | None  # None: start the embedded reference server on a free port with a fresh database
    # Tokens stay out of repr (and so out of tracebacks and test output).
    token: str | None = field(repr=False)  # DeviceManagementApps.ReadWrite.All (this or `app` with base_url)
    read_only_token: str | None = field(default=None, repr=False)  # Read.All only: enables the 403-on-write checks
    other_tenant_token: str | None = field(default=None, repr=False)  # another tenant's: enables tenant isolation
    configuration_id: str | None = None  # use this configuration instead of creating (and deleting) one
    seed: int = 0
    max_examples: int = 50  # the default run (both sides) stays well under 3 minutes on 2 cores
    report_dir: Path | None = None
    only: Only = Only.BOTH
    # Schemathesis phases of the server side (tests narrow them; an empty tuple runs the Graph scenarios only).
    phases: tuple[str, ...] = ("examples", "coverage", "fuzzing", "stateful")
    app: AppRegistration | None = None  # instead of `token`: tokens from Entra ID through azure-identity
    rate_limit: str | None = None  # e.g. "5/s": schemathesis paces its requests (None: it waits out 429s)
    optional: tuple[str, ...] = ()  # operations the target may leave unimplemented
    read_only: bool = False  # send no write of any kind: reads of `configuration_id` (and what it lists) only

    def replay_command(self) -> str:
        """The command that runs this run again. Tokens and app secrets are never part of it: they come from
        the env vars (CONFORMANCE_*, AZURE_*)."""
        parts = ["scripts/conformance"]
        if self.base_url is not None:
            parts += ["--base-url", self.base_url]
        if self.configuration_id is not None:
            parts += ["--configuration-id", self.configuration_id]
        if self.app is not None and self.app.authority != PUBLIC_CLOUD:  # the rest of the app is in AZURE_*
            parts += ["--authority", self.app.authority]
        if self.read_only:
            parts.append("--read-only")
        if self.rate_limit is not None:
            parts += ["--rate-limit", self.rate_limit]
        for operation in self.optional:
            parts += ["--optional", operation]
        parts += ["--seed", str(self.seed), "--max-examples", str(self.max_examples), "--only", self.only.value]
        return " ".join(shlex.quote(part) for part in parts)

    def secrets(self) -> tuple[str, ...]:
        """Every token of the run: reports and logs must redact each of them."""
        app = self.app.secrets() if self.app is not None else ()
        return tuple(t for t in (self.token, self.read_only_token, self.other_tenant_token, *app) if t)
