"""Fuzzed text in reports: characters XML 1.0 forbids are written as `\\uXXXX`, so every report still parses."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from ios_lob_kit.conformance.reporting import console, html, junit
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side

INFO = RunInfo(target="http://127.0.0.1:1/beta", seed=3, max_examples=2, replay_command="scripts/conformance --seed 3")
# NUL, ESC, DEL, a lone surrogate and a non-character: what a fuzzer's string strategy sends.
NASTY = "a\x00b\x1b[31mc\x7f\ud800\ufffe"
ESCAPED = "a\\u0000b\\u001b[31mc\\u007f\\ud800\\ufffe"
RESULTS = [
    CheckResult(Side.SERVER, "createAssignment", "negative_data_rejection", Outcome.FAILED, 2,
                (Failure(f"title {NASTY}", f"message {NASTY}", f'POST /x\n\n{{"id": "{NASTY}"}}',
                         curl=f"curl -d '{NASTY}' http://x", replay="scripts/conformance --seed 3"),)),
    CheckResult(Side.SERVER, "getAssignment", "request_id", Outcome.SKIPPED, reason=f"reason {NASTY}"),
]  # fmt: skip


def _raw_forbidden(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F or ord(c) >= 0xD800]


def test_junit_parses_and_shows_the_escaped_characters(tmp_path: Path) -> None:
    path = junit.write(tmp_path / "junit.xml", INFO, RESULTS)
    root = ET.parse(path).getroot()  # raised "not well-formed" on a raw NUL
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.text is not None
    assert failure.attrib["message"] == f"title {ESCAPED}"
    assert f'"id": "{ESCAPED}"' in failure.text
    skipped = root.find(".//skipped")
    assert skipped is not None
    assert skipped.attrib["message"] == f"reason {ESCAPED}"


def test_html_holds_no_forbidden_character_and_shows_the_escapes(tmp_path: Path) -> None:
    page = html.write(tmp_path / "report.html", INFO, RESULTS).read_text(encoding="utf-8")
    assert not _raw_forbidden(page)
    HTMLParser().feed(page)
    assert f"message {ESCAPED}" in page
    assert f"&#34;id&#34;: &#34;{ESCAPED}&#34;" in page  # escaped as HTML too
    assert f'title="request_id skipped: reason {ESCAPED}"' in page


def test_console_prints_no_raw_control_character() -> None:
    shown = console.render(INFO, RESULTS)
    assert not _raw_forbidden(shown)
    assert f"message {ESCAPED}" in shown
