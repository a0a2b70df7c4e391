"""A `ChangeReport` as plain text (a terminal) or Markdown (a pull request). Reads the data; judges nothing."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from ios_lob_kit.regeneration.changes.findings import ChangeKind, Direction, Finding
from ios_lob_kit.regeneration.changes.report import ChangeReport, Verdict

_WHERE = {
    Direction.REQUEST: "in requests",
    Direction.RESPONSE: "in responses",
    Direction.BOTH: "in requests and responses",
    Direction.NONE: "",
}


class Format(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


def render(report: ChangeReport, style: Format) -> str:
    return RENDERERS[style](report)


def verdict(report: ChangeReport) -> str:
    """Judged for existing clients; what servers must add is said apart (`obligations`)."""
    if report.unchanged:
        return "no change"
    if report.verdict is Verdict.GENERATED_API:
        return "BREAKING for existing clients in the generated client's API only, not on the wire"
    return "BREAKING for existing clients" if report.breaking else "non-breaking for existing clients"


def obligations(report: ChangeReport) -> str:
    """The sentence on servers' new obligations, or "" when there are none."""
    if not report.server_obligations:
        return ""
    return (
        f"New obligations for servers: {report.server_obligations} "
        "(servers implementing the previous contract will not conform until they add them)."
    )


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Breaking clients first, then servers, documentation last; otherwise in the order found."""
    return sorted(
        findings,
        key=lambda f: (not f.breaking_for_clients, not f.breaking_for_servers, f.kind is ChangeKind.DOCUMENTATION),
    )


def _where(finding: Finding) -> str:
    return "" if finding.kind is ChangeKind.DOCUMENTATION else _WHERE[finding.direction]


def _counts(report: ChangeReport) -> str:
    clients = sum(f.breaking_for_clients for f in report.findings)
    servers = sum(f.breaking_for_servers for f in report.findings)
    griffe = len(report.client.breakages) if report.client else 0
    return (
        f"{len(report.findings)} contract change(s): {clients} break clients, {servers} break servers; "
        f"generated client: {griffe} breaking change(s)"
    )


def text(report: ChangeReport) -> str:
    lines = [f"Spec change report: {report.old} → {report.new}"]
    if report.unchanged:
        lines.append(f"No change: the contract is the same (info.version {report.version.new}).")
        return "\n".join(lines)
    lines.append(f"Verdict: {verdict(report)} ({_counts(report)}).")
    if obligations(report):
        lines.append(obligations(report))
    warning = "" if report.version.ok else "WARNING: "
    lines.append(f"Version: warrants a {report.bump} bump. {warning}{report.version.message}")
    lines += ["", "Contract level (the spec documents)", "  clients  servers"]
    for finding in _ordered(report.findings):
        marks = f"  {_mark(finding.breaking_for_clients):7}  {_mark(finding.breaking_for_servers):7}"
        where = f" ({_where(finding)})" if _where(finding) else ""
        detail = f": {finding.detail}" if finding.detail else ""
        lines.append(f"{marks}  {finding.title}: {finding.location}{where}{detail}")
    if not report.findings:
        lines.append("  (none)")
    if report.client is not None:
        lines += ["", f"Client level ({report.client.package}, before and after, compared with griffe)"]
        lines.append(f"  breaking changes found by griffe: {len(report.client.breakages) or 'none'}")
        lines += [f"    {breakage.module}: {breakage.detail}" for breakage in report.client.breakages]
        lines.append(f"  API changes: {len(report.client.api) or 'none'}")
        sign = {"added": "+", "removed": "-", "changed": "~"}
        for item in report.client.api:
            detail = f": {item.detail}" if item.detail else ""
            lines.append(f"    {sign[item.change]} {item.kind} {item.path}{detail}")
    return "\n".join(lines)


def markdown(report: ChangeReport) -> str:
    lines = ["## Spec change report", "", f"`{report.old}` → `{report.new}`", ""]
    if report.unchanged:
        lines.append(f"**No change**: the contract is the same (info.version `{report.version.new}`).")
        return "\n".join(lines)
    lines.append(f"**{verdict(report)}**: {_counts(report)}. Warrants a **{report.bump}** version bump.")
    if obligations(report):
        lines += ["", obligations(report)]
    lines += ["", f"> {'' if report.version.ok else '⚠️ '}{report.version.message}", ""]
    lines += ["### Contract", "", "| change | where | detail | clients | servers |", "|---|---|---|---|---|"]
    for finding in _ordered(report.findings):
        where = _code(finding.location) + (f" ({_where(finding)})" if _where(finding) else "")
        lines.append(
            f"| {_cell(finding.title)} | {where} | {_cell(finding.detail)} "
            f"| {'**breaks**' if finding.breaking_for_clients else 'ok'} "
            f"| {'**breaks**' if finding.breaking_for_servers else 'ok'} |"
        )
    if report.client is not None:
        lines += ["", "### Generated client (compared with griffe)", ""]
        if report.client.breakages:
            lines += ["Breaking changes found by griffe:", ""]
            lines += [f"- `{b.module}`: {_cell(b.detail)}" for b in report.client.breakages]
        else:
            lines.append("griffe finds no breaking change.")
        if report.client.api:
            lines += ["", "| API change | kind | object | detail |", "|---|---|---|---|"]
            for item in report.client.api:
                lines.append(f"| {item.change} | {item.kind} | {_code(item.path)} | {_cell(item.detail)} |")
    return "\n".join(lines)


def _mark(breaks: bool) -> str:
    return "BREAKS" if breaks else "ok"


def _code(value: str) -> str:
    return "`" + value.replace("|", "\\|") + "`"


def _cell(value: str) -> str:
    """Text safe in a Markdown table cell: no column breaks, no HTML tags (`<module>`)."""
    return value.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


RENDERERS: dict[Format, Callable[[ChangeReport], str]] = {Format.TEXT: text, Format.MARKDOWN: markdown}
