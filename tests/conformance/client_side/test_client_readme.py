"""The README's table of outcomes says what the catalogue says (the catalogue is what the suite asserts)."""

from __future__ import annotations

from pathlib import Path

from ios_lob_kit.conformance.client_side.catalogue import readme_rows

README = Path(__file__).resolve().parents[3] / "README.md"


def table_rows() -> list[tuple[str, ...]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- client-outcomes:start", 1)[1].split("<!-- client-outcomes:end -->", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    rows = [tuple(cell.strip() for cell in line.strip("|").split(" | ")) for line in lines]
    return rows[2:]  # after the header and the separator


def test_the_readme_table_matches_the_catalogue() -> None:
    assert table_rows() == readme_rows()
