"""The change report: both levels, the verdict, the version advice and the exit code CI acts on."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regeneration.changes.baseline import SpecSource
from regeneration.changes.classify import classify
from regeneration.changes.client_diff import ClientDiff, compare_clients
from regeneration.changes.findings import ChangeKind, Finding
from regeneration.changes.spec_diff import diff_specs
from regeneration.changes.version import Bump, VersionAdvice, advise
from regeneration.generate import generate

EXIT_NO_CHANGE = 0
EXIT_NON_BREAKING = 3
EXIT_BREAKING = 4


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
        return _breaking(self.findings, self.client)

    @property
    def bump(self) -> Bump:
        return self.version.warranted

    @property
    def exit_code(self) -> int:
        if self.unchanged:
            return EXIT_NO_CHANGE
        return EXIT_BREAKING if self.breaking else EXIT_NON_BREAKING


def build_report(old: SpecSource, new: SpecSource, new_client: Path) -> ChangeReport:
    """Compare two specs; `new_client` is the package `new` generates (the regenerated client).

    The old spec's client is generated into a scratch folder, with today's generator config and
    templates, so the client-level comparison shows what the spec change alone does.
    """
    if _contract(old.document) == _contract(new.document):
        return assemble(old, new, [], None)
    findings = classify(diff_specs(old.document, new.document))
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
    return any(finding.breaking for finding in findings) or (client is not None and client.breaking)


def _warranted(findings: list[Finding], client: ClientDiff | None) -> Bump:
    """Breaking: major; additive (anything beyond documentation): minor; documentation only: patch."""
    if _breaking(findings, client):
        return Bump.MAJOR
    if any(finding.kind is not ChangeKind.DOCUMENTATION for finding in findings) or (client and client.api):
        return Bump.MINOR
    return Bump.PATCH if findings else Bump.NONE


def _contract(document: dict[str, Any]) -> dict[str, Any]:
    """The document without `info.version`: a version bump alone is no change."""
    info = {key: value for key, value in document.get("info", {}).items() if key != "version"}
    return {**document, "info": info}
