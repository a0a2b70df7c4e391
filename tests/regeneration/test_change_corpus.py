"""The change report on a corpus of single spec edits whose truth was decided by hand (corpus/edits.yaml).

Each edit is a JSON Patch on a frozen snapshot of the spec; the report must give the hand-set verdict
(whom the edit breaks) and exit code. Generated clients come from the kit's cache, so only an edit's
first run generates its client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonpatch
import pytest
import yaml

from ios_lob_kit.regeneration.cache import clients
from ios_lob_kit.regeneration.changes.baseline import SpecSource, parse
from ios_lob_kit.regeneration.changes.report import EXIT_BREAKING, EXIT_NO_CHANGE, FailOn, Verdict, build_report

CORPUS = Path(__file__).resolve().parent / "corpus"
VERDICTS = {
    "wire": Verdict.WIRE,
    "generated-api": Verdict.GENERATED_API,
    "servers": Verdict.SERVERS,
    "none": Verdict.NONE,
}


@dataclass(frozen=True)
class Edit:
    name: str
    patch: list[dict[str, Any]]
    verdict: Verdict
    exit: int  # under --fail-on minor
    why: str


def load_edits() -> list[Edit]:
    entries = yaml.safe_load((CORPUS / "edits.yaml").read_text(encoding="utf-8"))
    return [
        Edit(entry["name"], entry["patch"], VERDICTS[entry["verdict"]], entry["exit"], entry["why"])
        for entry in entries
    ]


def base_document() -> dict[str, Any]:
    """The snapshot, YAML aliases unshared (a patch on one use must not change the others)."""
    document = yaml.safe_load((CORPUS / "base-spec.yaml").read_text(encoding="utf-8"))
    return json.loads(json.dumps(document))  # type: ignore[no-any-return]


def source(document: dict[str, Any], label: str) -> SpecSource:
    """As JSON (YAML's subset): the generator then reads it with `json` rather than a YAML parser in Python."""
    return parse(label, json.dumps(document, indent=1))


EDITS = load_edits()
BASE = source(base_document(), "base-spec.json")


def test_the_corpus_is_big_enough_and_covers_every_verdict() -> None:
    assert len(EDITS) >= 30
    assert len({edit.name for edit in EDITS}) == len(EDITS)
    assert {edit.verdict for edit in EDITS} == set(VERDICTS.values())
    for edit in EDITS:
        assert edit.exit == (EXIT_BREAKING if edit.verdict in (Verdict.WIRE, Verdict.GENERATED_API) else 3), edit.name
        assert edit.why, edit.name


@pytest.mark.parametrize("edit", EDITS, ids=[edit.name for edit in EDITS])
def test_each_edit_gets_the_verdict_and_exit_code_set_by_hand(edit: Edit) -> None:
    new = source(jsonpatch.apply_patch(base_document(), edit.patch), f"{edit.name}.json")

    with clients([(new.label, new.text), (BASE.label, BASE.text)]) as (new_client, old_client):
        report = build_report(BASE, new, new_client, old_client=old_client)

    explained = f"{edit.name} ({edit.why}):\n" + "\n".join(
        [f"  {f.title}: {f.location} clients={f.breaking_for_clients} servers={f.breaking_for_servers}"
         for f in report.findings]
        + [f"  griffe: {b.detail}" for b in (report.client.breakages if report.client else [])]
    )  # fmt: skip
    assert report.verdict is edit.verdict, explained
    assert report.exit_code(FailOn.MINOR) == edit.exit, explained
    assert report.exit_code(FailOn.MAJOR) == (EXIT_BREAKING if edit.exit == EXIT_BREAKING else EXIT_NO_CHANGE)
    assert report.exit_code(None) == EXIT_NO_CHANGE
