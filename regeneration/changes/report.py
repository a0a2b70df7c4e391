"""The change report: both levels, the verdict, the version advice and the exit code CI acts on.

Both sides' classifications are kept, but the verdict, the exit code and the version bump follow
what breaks *existing clients*: a contract change that breaks clients, or a breaking change griffe
finds in the generated client (exit 4, a major bump). A change that only breaks servers is a new
obligation for them (a new operation, a new optional request property, a widened request value):
servers implementing the previous contract do not conform until they add it, but nothing written
against that contract stops working (exit 3, a minor bump). Documentation only: exit 3, a patch bump.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regeneration.changes.baseline import BaselineError, SpecSource
from regeneration.changes.classify import classify
from regeneration.changes.client_diff import ClientDiff, compare_clients
from regeneration.changes.findings import ChangeKind, Finding
from regeneration.changes.spec_diff import MalformedSpec, diff_specs
from regeneration.changes.version import Bump, VersionAdvice, advise
from regeneration.generate import generate

EXIT_NO_CHANGE = 0
EXIT_NON_BREAKING = 3  # changed; no existing client breaks (servers may have new obligations)
EXIT_BREAKING = 4  # existing clients break


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
    def server_obligations(self) -> int:
        """Contract changes servers implementing the previous contract must still implement."""
        return sum(finding.breaking_for_servers for finding in self.findings)

    @property
    def bump(self) -> Bump:
        return self.version.warranted

    @property
    def exit_code(self) -> int:
        if self.unchanged:
            return EXIT_NO_CHANGE
        return EXIT_BREAKING if self.breaking else EXIT_NON_BREAKING


def compare_contracts(old: SpecSource, new: SpecSource) -> list[Finding]:
    """The contract-level findings; `BaselineError` when a spec is too malformed to compare."""
    if _contract(old.document) == _contract(new.document):
        return []
    try:
        return classify(diff_specs(old.document, new.document))
    except MalformedSpec as error:
        raise BaselineError(f"cannot compare {old.label} with {new.label}: {error}") from error


def build_report(
    old: SpecSource, new: SpecSource, new_client: Path, findings: list[Finding] | None = None
) -> ChangeReport:
    """Compare two specs; `new_client` is the package `new` generates (the regenerated client);
    `findings`, if given, are `compare_contracts(old, new)` already computed.

    The old spec's client is generated into a scratch folder, with today's generator config and
    templates, so the client-level comparison shows what the spec change alone does.
    """
    if _contract(old.document) == _contract(new.document):
        return assemble(old, new, [], None)
    findings = compare_contracts(old, new) if findings is None else findings
    with tempfile.TemporaryDirectory(prefix="regenerate-old-") as scratch:
        old_spec = Path(scratch) / "old-spec.yaml"
        old_spec.write_text(old.text, encoding="utf-8")
        client = compare_clients(generate(old_spec, Path(scratch)), new_client)
    return assemble(old, new, findings, client)


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
    if any(finding.kind is not ChangeKind.DOCUMENTATION for finding in findings) or (client and client.api):
        return Bump.MINOR
    return Bump.PATCH if findings else Bump.NONE


def _contract(document: dict[str, Any]) -> dict[str, Any]:
    """The document without `info.version`: a version bump alone is no change."""
    info = {key: value for key, value in document.get("info", {}).items() if key != "version"}
    return {**document, "info": info}
