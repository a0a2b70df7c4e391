"""The change report: both levels, the verdict, the version advice and the exit code CI acts on.

Both sides' classifications are kept, but the verdict, the exit code and the version bump follow
what breaks *existing clients*: a contract change that breaks clients, or a breaking change griffe
finds in the generated client (exit 4, a major bump). A change that only breaks servers is a new
obligation for them (a new operation, a new optional request property, a widened request value):
servers implementing the previous contract do not conform until they add it, but nothing written
against that contract stops working (a minor bump). Documentation only: a patch bump.

Exit codes, in the manner of oasdiff's `--fail-on`: a report alone never fails a run (0), so
`scripts/regenerate && git commit` goes through; `--fail-on minor` exits 3 on any change that breaks
no existing client and 4 on one that does; `--fail-on major` exits 4 on those only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ios_lob_kit.regeneration.cache import clients
from ios_lob_kit.regeneration.changes.baseline import BaselineError, SpecSource
from ios_lob_kit.regeneration.changes.classify import classify
from ios_lob_kit.regeneration.changes.client_diff import ClientDiff, compare_clients
from ios_lob_kit.regeneration.changes.findings import ChangeKind, Finding
from ios_lob_kit.regeneration.changes.spec_diff import MalformedSpec, diff_specs
from ios_lob_kit.regeneration.changes.version import Bump, VersionAdvice, advise

EXIT_NO_CHANGE = 0  # and, without --fail-on, whatever changed
EXIT_NON_BREAKING = 3  # --fail-on minor: changed; no existing client breaks (servers may have new obligations)
EXIT_BREAKING = 4  # --fail-on minor or major: existing clients break


class Verdict(StrEnum):
    """The report's answer to "do existing clients break?", and if not, whom the change still concerns."""

    WIRE = "breaks existing clients on the wire"  # a contract change breaks clients
    GENERATED_API = "breaks existing clients in the generated API only"  # griffe's finding, nothing on the wire
    SERVERS = "new obligations for servers only"
    NONE = "breaks nobody"
    UNCHANGED = "no change"


class FailOn(StrEnum):
    """Which changes make the run fail (`--fail-on`); without it, none does."""

    MINOR = "minor"  # any change: 3, or 4 when existing clients break
    MAJOR = "major"  # a change that breaks existing clients: 4


@dataclass(frozen=True)
class ChangeReport:
    old: str  # labels of the two specs
    new: str
    findings: list[Finding]  # contract level
    client: ClientDiff | None  # client level; None when the contract did not change
    version: VersionAdvice

    @property
    def unchanged(self) -> bool:
        return not self.findings and (self.client is None or self.client.is_empty)

    @property
    def breaking(self) -> bool:
        """Existing clients break: the contract says so, or griffe does for the generated client."""
        return _breaking(self.findings, self.client)

    @property
    def verdict(self) -> Verdict:
        if self.unchanged:
            return Verdict.UNCHANGED
        if any(finding.breaking_for_clients for finding in self.findings):
            return Verdict.WIRE
        if self.client is not None and self.client.breaking:
            return Verdict.GENERATED_API
        return Verdict.SERVERS if self.server_obligations else Verdict.NONE

    @property
    def server_obligations(self) -> int:
        """Contract changes servers implementing the previous contract must still implement."""
        return sum(finding.breaking_for_servers for finding in self.findings)

    @property
    def bump(self) -> Bump:
        return self.version.warranted

    def exit_code(self, fail_on: FailOn | None) -> int:
        if self.unchanged or fail_on is None:
            return EXIT_NO_CHANGE
        if self.breaking:
            return EXIT_BREAKING
        return EXIT_NON_BREAKING if fail_on is FailOn.MINOR else EXIT_NO_CHANGE


def same_contract(old: SpecSource, new: SpecSource) -> bool:
    """Nothing but `info.version` differs: no finding, and no client to compare."""
    return _contract(old.document) == _contract(new.document)


def compare_contracts(old: SpecSource, new: SpecSource) -> list[Finding]:
    """The contract-level findings; `BaselineError` when a spec is too malformed to compare."""
    if same_contract(old, new):
        return []
    try:
        return classify(diff_specs(old.document, new.document))
    except MalformedSpec as error:
        raise BaselineError(f"cannot compare {old.label} with {new.label}: {error}") from error


def build_report(
    old: SpecSource,
    new: SpecSource,
    new_client: Path,
    findings: list[Finding] | None = None,
    old_client: Path | None = None,
) -> ChangeReport:
    """Compare two specs; `new_client` is the package `new` generates (the regenerated client);
    `findings`, if given, are `compare_contracts(old, new)` already computed; `old_client`, if given,
    the package `old` generates.

    The old spec's client is generated (or taken from the cache) with today's generator config and
    templates, so the client-level comparison shows what the spec change alone does.
    """
    if same_contract(old, new):
        return assemble(old, new, [], None)
    findings = compare_contracts(old, new) if findings is None else findings
    if old_client is not None:
        return assemble(old, new, findings, compare_clients(old_client, new_client))
    with clients([("old-spec.yaml", old.text)]) as (generated,):
        return assemble(old, new, findings, compare_clients(generated, new_client))


def assemble(old: SpecSource, new: SpecSource, findings: list[Finding], client: ClientDiff | None) -> ChangeReport:
    """The report from both levels' results (`client` None: the contract did not change)."""
    version = advise(old.version, new.version, _warranted(findings, client))
    return ChangeReport(old.label, new.label, findings, client, version)


def _breaking(findings: list[Finding], client: ClientDiff | None) -> bool:
    """Existing clients break (servers' new obligations do not count: see the module's docstring)."""
    return any(finding.breaking_for_clients for finding in findings) or (client is not None and client.breaking)


def _warranted(findings: list[Finding], client: ClientDiff | None) -> Bump:
    """Breaks existing clients: major; anything else beyond documentation (additive, new obligations
    for servers): minor; documentation only: patch."""
    if _breaking(findings, client):
        return Bump.MAJOR
    if any(finding.kind not in _PATCH_LEVEL for finding in findings) or (client and client.api):
        return Bump.MINOR
    return Bump.PATCH if findings else Bump.NONE


_PATCH_LEVEL = {ChangeKind.DOCUMENTATION, ChangeKind.ANNOTATION}


def _contract(document: dict[str, Any]) -> dict[str, Any]:
    """The document without `info.version`: a version bump alone is no change."""
    info = {key: value for key, value in document.get("info", {}).items() if key != "version"}
    return {**document, "info": info}
