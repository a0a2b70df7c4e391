"""What a conformance run is asked to do: the flags (one table for the CLI and the pytest plugin), and
`RunOptions`, parsed once from them (or env vars) and passed to both sides."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from ios_lob_kit.conformance.credentials import PUBLIC_CLOUD, AppRegistration
from ios_lob_kit.conformance.shards import WHOLE, Shard
from ios_lob_kit.openapi.index import spec_index

DEFAULT_MAX_EXAMPLES = 50  # the default run (both sides) stays well under 3 minutes on 2 cores
DEFAULT_REPORT_DIR = Path("reports/conformance")
OPERATIONS = tuple(operation.operation_id for operation in spec_index().operations)  # --optional's choices

MIN_WRITES = 3  # the run's configuration: its create, its group assignment, its delete
RATE = re.compile(r"(?:(reads|writes)=)?([1-9][0-9]*/[smhd])")  # schemathesis' rate, for all or for one kind


def rate_limits(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`--rate-limit` values as kind -> rate: "all" (a bare rate), "reads", "writes". Raises `ValueError`
    (naming the value) for a bad one or a kind given twice."""
    found: dict[str, str] = {}
    for value in values:
        match = RATE.fullmatch(value)
        if match is None:
            raise ValueError(f"{value}: expected requests per unit (s, m, h or d), e.g. 5/s, or writes=5/s, reads=50/s")
        kind = match.group(1) or "all"
        if kind in found:
            raise ValueError(f"{value}: a rate for {kind} is already given ({found[kind]})")
        found[kind] = match.group(2)
    return found


class Only(StrEnum):
    BOTH = "both"
    SERVER = "server"
    CLIENT = "client"


Kind = Literal["value", "switch", "list"]  # `--x V`; `--x` alone (true/false); `--x V` repeatable
APP_REGISTRATION = (
    "app registration (instead of --token; tokens from Entra ID through azure-identity, renewed as they expire)"
)


@dataclass(frozen=True)
class Flag:
    """One option of a run: `--NAME` on the command line, `--conformance-NAME` under pytest, and an
    environment variable (`CONFORMANCE_NAME` unless `env` names another) as its default; a flag wins."""

    name: str
    help: str
    metavar: str | None = None
    type: Callable[[str], Any] = str
    default: str | None = None  # as a command line would give it (converted by `type`)
    choices: tuple[str, ...] | None = None
    kind: Kind = "value"
    env: str = ""  # the variable, when not CONFORMANCE_NAME (an app registration's are azure-identity's)
    group: str | None = None  # the --help section, when not the main one

    @property
    def variable(self) -> str:
        return self.env or "CONFORMANCE_" + self.name.upper().replace("-", "_")


def _app(name: str, help: str, variable: str, metavar: str, **more: Any) -> Flag:
    return Flag(name, help, metavar, env=f"AZURE_{variable}", group=APP_REGISTRATION, **more)


FLAGS = (
    Flag("base-url", "the API's base URL, including /beta", "URL"),
    Flag("token", "a DeviceManagementApps.ReadWrite.All token", "T"),
    _app("tenant-id", "the tenant (AZURE_TENANT_ID)", "TENANT_ID", "ID"),
    _app("client-id", "the app's id (AZURE_CLIENT_ID)", "CLIENT_ID", "ID"),
    _app(
        "client-secret",
        "its secret (AZURE_CLIENT_SECRET; prefer the variable: a flag shows in the process list)",
        "CLIENT_SECRET",
        "S",
    ),
    _app(
        "client-certificate",
        "or its certificate, PEM with the key or PKCS#12 (AZURE_CLIENT_CERTIFICATE_PATH; a password in "
        "AZURE_CLIENT_CERTIFICATE_PASSWORD)",
        "CLIENT_CERTIFICATE_PATH",
        "PATH",
        type=Path,
    ),
    _app(
        "authority",
        f"the Entra ID host (AZURE_AUTHORITY_HOST; default {PUBLIC_CLOUD}; a national cloud's, or "
        "the reference server's token endpoint)",
        "AUTHORITY_HOST",
        "URL",
        default=PUBLIC_CLOUD,
    ),
    Flag("read-only-token", "a DeviceManagementApps.Read.All token: enables the 403-on-write checks", "T"),
    Flag("other-tenant-token", "another tenant's token: enables the tenant-isolation checks", "T"),
    Flag(
        "configuration-id",
        "also read this existing configuration (never written: writes go to a scratch one the run deletes)",
        "ID",
    ),
    Flag("seed", "the run's seed (default 0)", "N", int, "0"),
    Flag(
        "max-examples",
        f"generated cases per operation and phase (default {DEFAULT_MAX_EXAMPLES})",
        "N",
        int,
        str(DEFAULT_MAX_EXAMPLES),
    ),
    Flag(
        "read-only",
        "send no write of any kind: only documented reads of --configuration-id (and what it lists); "
        "for production tenants",
        kind="switch",
    ),
    Flag(
        "max-writes",
        "send at most N write requests, the clean-up's deletes included (default: no budget); what is left "
        "is skipped and said so",
        "N",
        int,
    ),
    Flag(
        "rate-limit",
        "pace requests, e.g. 5/s or 300/m; per kind, repeated: writes=5/s, reads=50/s (default: none; a 429's "
        "Retry-After is waited out and the request sent again)",
        "RATE",
        kind="list",
    ),
    Flag(
        "optional",
        "an operation the target may leave unimplemented (repeatable): listed as not implemented "
        "instead of failing the run",
        "OPERATION",
        choices=OPERATIONS,
        kind="list",
    ),
    Flag(
        "report-dir",
        f"where junit.xml, report.html and results.json go (default {DEFAULT_REPORT_DIR})",
        "DIR",
        Path,
        str(DEFAULT_REPORT_DIR),
    ),
    Flag(
        "only",
        "run both sides (default), only the server side or only the client side",
        type=Only,
        default="both",
        choices=tuple(only.value for only in Only),
    ),
    Flag(
        "shard",
        "run share I of N (default 1/1, all): N machines with one seed run the whole run once; "
        "then `conformance merge` their report folders",
        "I/N",
        default="1/1",
    ),
    Flag(
        "workers",
        "split the run over N processes on this machine and merge them (default 1): the same results",
        "N",
        int,
        "1",
    ),
)


@dataclass(frozen=True)
class RunOptions:
    base_url: str | None  # None: start the embedded reference server on a free port with a fresh database
    # Tokens stay out of repr (and so out of tracebacks and test output).
    token: str | None = field(repr=False)  # DeviceManagementApps.ReadWrite.All (this or `app` with base_url)
    read_only_token: str | None = field(default=None, repr=False)  # Read.All only: enables the 403-on-write checks
    other_tenant_token: str | None = field(default=None, repr=False)  # another tenant's: enables tenant isolation
    configuration_id: str | None = None  # use this configuration instead of creating (and deleting) one
    seed: int = 0
    max_examples: int = DEFAULT_MAX_EXAMPLES
    report_dir: Path | None = None
    only: Only = Only.BOTH
    # Schemathesis phases of the server side (tests narrow them; an empty tuple runs the Graph scenarios only).
    phases: tuple[str, ...] = ("examples", "coverage", "fuzzing", "stateful")
    app: AppRegistration | None = None  # instead of `token`: tokens from Entra ID through azure-identity
    rate_limit: tuple[str, ...] = ()  # e.g. ("5/s", "writes=300/m"): paces requests (none: 429s are waited out)
    optional: tuple[str, ...] = ()  # operations the target may leave unimplemented
    read_only: bool = False  # send no write of any kind: reads of `configuration_id` (and what it lists) only
    max_writes: int | None = None  # the most write requests the run sends, clean-up included (None: no budget)
    program: str = "scripts/conformance"  # the command as the user ran it (shell text), for the replay line
    shard: Shard = WHOLE  # --shard I/N: this share of the run's work (ios_lob_kit/conformance/shards.py)
    workers: int = 1  # --workers N: the run's shards in N processes here, merged (ios_lob_kit/conformance/workers.py)

    def replay_command(self, only: Only | None = None) -> str:
        """The command that runs this run again (narrowed to one side with `only`). Tokens and app secrets are
        never part of it: they come from the env vars (CONFORMANCE_*, AZURE_*)."""
        return " ".join([self.program, *(shlex.quote(part) for part in self.arguments(only=only))])

    def arguments(self, *, base_url: str | None = None, only: Only | None = None) -> list[str]:
        """This run's command-line options, no secret among them (aimed at `base_url` when given). Any number of
        processes gives the same results, so `--workers` is not among them."""
        parts: list[str] = []
        if base_url or self.base_url:
            parts += ["--base-url", base_url or str(self.base_url)]
        if self.configuration_id is not None:
            parts += ["--configuration-id", self.configuration_id]
        if self.app is not None and self.app.authority != PUBLIC_CLOUD:  # the rest of the app is in AZURE_*
            parts += ["--authority", self.app.authority]
        if self.read_only:
            parts.append("--read-only")
        if self.max_writes is not None:
            parts += ["--max-writes", str(self.max_writes)]
        for rate in self.rate_limit:
            parts += ["--rate-limit", rate]
        for operation in self.optional:
            parts += ["--optional", operation]
        parts += ["--seed", str(self.seed), "--max-examples", str(self.max_examples)]
        parts += ["--only", (only or self.only).value]
        if self.shard.count > 1:
            parts += ["--shard", str(self.shard)]
        return parts

    def secrets(self) -> tuple[str, ...]:
        """Every token of the run: reports and logs must redact each of them."""
        app = self.app.secrets() if self.app is not None else ()
        return tuple(t for t in (self.token, self.read_only_token, self.other_tenant_token, *app) if t)
