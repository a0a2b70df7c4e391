"""JUnit XML: one test suite per side, one named test case per operation and check."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from ios_lob_kit.conformance.reporting.text import xml_safe
from ios_lob_kit.conformance.results import CheckResult, Outcome, RunInfo


def render(info: RunInfo, results: Sequence[CheckResult]) -> str:
    root = ET.Element("testsuites", name="ios-lob-conformance")
    for side in info.sides:
        mine = [r for r in results if r.side is side]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"conformance.{side.value}",
            tests=str(len(mine)),
            failures=str(sum(r.outcome is Outcome.FAILED for r in mine)),
            skipped=str(sum(r.outcome is Outcome.SKIPPED for r in mine)),
        )
        props = ET.SubElement(suite, "properties")
        facts = [("target", info.target), ("seed", str(info.seed)), ("replay", info.replay_command)]
        for name, value in facts + [("note", note) for note in info.notes]:  # a merged run's notes name its shards
            ET.SubElement(props, "property", name=name, value=value)
        for result in mine:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"conformance.{side.value}.{result.operation}",
                name=f"{result.operation}::{result.check}",
            )
            if result.outcome is Outcome.SKIPPED:
                ET.SubElement(case, "skipped", message=result.reason)
            for failure in result.failures:
                element = ET.SubElement(case, "failure", message=failure.title, type=result.check)
                element.text = "\n\n".join(
                    part for part in (failure.message, failure.example, failure.curl, failure.replay) if part
                )
            if result.cases:
                ET.SubElement(case, "system-out").text = f"{result.cases} cases"
    for element in root.iter():  # fuzzed text may hold characters XML forbids
        element.text = xml_safe(element.text) if element.text else element.text
        element.attrib = {name: xml_safe(value) for name, value in element.attrib.items()}
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write(path: Path, info: RunInfo, results: Sequence[CheckResult]) -> Path:
    path.write_text(render(info, results), encoding="utf-8")
    return path
