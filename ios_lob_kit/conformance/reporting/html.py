"""A self-contained HTML report: the verdict, the operation x check matrix, and every failure in full."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ios_lob_kit.conformance.reporting.summary import TOKENS_NOTE, checks, findings, totals
from ios_lob_kit.conformance.reporting.text import xml_safe
from ios_lob_kit.conformance.results import CheckResult, Outcome, RunInfo, verdict


def _safe(value: Any) -> Any:
    """Every value the template shows: fuzzed text may hold characters HTML and XML forbid."""
    return xml_safe(value) if isinstance(value, str) and not isinstance(value, markupsafe.Markup) else value


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("ios_lob_kit.conformance.reporting", "."),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_safe,
)


def render(info: RunInfo, results: Sequence[CheckResult]) -> str:
    matrices = []
    for side in info.sides:
        mine = [r for r in results if r.side is side]
        cells: dict[tuple[str, str], CheckResult] = {(r.operation, r.check): r for r in mine}
        operations = list(dict.fromkeys(r.operation for r in mine))
        matrices.append({"side": side.value, "checks": checks(mine, side), "operations": operations, "cells": cells})
    found = [f for side in info.sides for f in findings(results) if f.side is side]
    return _ENV.get_template("report.html").render(
        info=info,
        verdict=verdict(results).value,
        totals={outcome.value: count for outcome, count in totals(results).items()},
        matrices=matrices,
        findings=found,
        tokens_note=TOKENS_NOTE if any(f.failure.curl for f in found) else "",
        cases={(r.side, r.operation, r.check): r.cases for r in results},
        behaviours=_client_behaviours(results),
        Outcome=Outcome,
    )


def _client_behaviours(results: Sequence[CheckResult]) -> dict[str, str]:
    """What the client did with each kind of answer outside the contract (the client side's reasons)."""
    return {
        r.check.removeprefix("out_of_spec_").replace("_", " "): r.reason
        for r in results
        if r.check.startswith("out_of_spec_") and r.reason and r.outcome is Outcome.PASSED
    }


def write(path: Path, info: RunInfo, results: Sequence[CheckResult]) -> Path:
    path.write_text(render(info, results), encoding="utf-8")
    return path
