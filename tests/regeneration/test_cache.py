"""The cache of generated clients: keyed by what generates them, reused, shared safely, switchable off."""

from __future__ import annotations

from pathlib import Path

import pytest

from ios_lob_kit.regeneration import cache
from ios_lob_kit.regeneration.generate import PACKAGE_NAME


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replaces the generator with one that writes the spec's text into the package (and counts calls)."""
    made: list[str] = []

    def fake_generate_all(jobs: list[tuple[Path, Path]]) -> list[Path]:
        packages = []
        for spec, destination in jobs:
            made.append(spec.read_text(encoding="utf-8"))
            package = destination / PACKAGE_NAME
            package.mkdir()
            (package / "__init__.py").write_text(f"# from {spec.read_text(encoding='utf-8')}\n", encoding="utf-8")
            packages.append(package)
        return packages

    monkeypatch.setattr(cache, "generate_all", fake_generate_all)
    return made


def test_a_spec_is_generated_once_then_found(generations: list[str], tmp_path: Path) -> None:
    with cache.clients([("a.yaml", "spec a"), ("b.yaml", "spec b")], tmp_path) as (first_a, first_b):
        assert (first_a / "__init__.py").read_text(encoding="utf-8") == "# from spec a\n"
        assert (first_b / "__init__.py").read_text(encoding="utf-8") == "# from spec b\n"
    with cache.clients([("b.yaml", "spec b"), ("c.yaml", "spec c")], tmp_path) as (again_b, c):
        assert again_b == first_b
        assert (c / "__init__.py").read_text(encoding="utf-8") == "# from spec c\n"

    assert generations == ["spec a", "spec b", "spec c"]
    assert not list(tmp_path.glob(".partial-*"))
    assert not list(tmp_path.rglob("*.yaml"))  # entries hold the package only


def test_the_key_follows_the_spec_text(generations: list[str]) -> None:
    assert cache.key("spec a") == cache.key("spec a")
    assert cache.key("spec a") != cache.key("spec a ")


def test_off_generates_into_a_scratch_folder_that_goes_away(
    generations: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.default_root() is None
    with cache.clients([("a.yaml", "spec a")]) as (package,):
        assert package.is_dir()
    assert not package.exists()
    with cache.clients([("a.yaml", "spec a")]):
        pass
    assert generations == ["spec a", "spec a"]


def test_an_unwritable_cache_is_no_cache(generations: list[str], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with cache.clients([("a.yaml", "spec a")], blocker / "cache") as (package,):
        assert package.is_dir()
    assert generations == ["spec a"]


def test_only_the_most_recent_entries_are_kept(
    generations: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    for text in ("one", "two", "three"):
        with cache.clients([("s.yaml", text)], tmp_path):
            pass
    assert len([path for path in tmp_path.iterdir() if not path.name.startswith(".")]) == 2
    with cache.clients([("s.yaml", "three")], tmp_path):
        pass
    assert generations == ["one", "two", "three"]  # the newest is still there
