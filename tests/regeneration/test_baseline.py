"""The change report's baseline read from git: a revision from before the kit became one import package
keeps the spec at openapi/, and `--against` such a revision still finds it there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.regeneration.changes import baseline


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=kit", "-c", "user.email=kit@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


def test_a_revision_from_before_the_rename_is_read_at_the_former_place(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "openapi").mkdir(parents=True)
    (repo / "openapi" / SPEC_PATH.name).write_text(SPEC_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "before the rename")
    source = baseline.from_git("HEAD", repo / "ios_lob_kit" / "openapi" / SPEC_PATH.name, repo)
    assert source.label.startswith(f"HEAD:openapi/{SPEC_PATH.name}")
    assert source.text == SPEC_PATH.read_text(encoding="utf-8")


def test_a_revision_with_no_spec_at_either_place_names_the_current_place(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("no spec here\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "no spec")
    with pytest.raises(baseline.BaselineError, match=f"git show HEAD:ios_lob_kit/openapi/{SPEC_PATH.name}"):
        baseline.from_git("HEAD", repo / "ios_lob_kit" / "openapi" / SPEC_PATH.name, repo)
