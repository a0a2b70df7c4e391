"""`scripts/regenerate --check` passes on the committed client and fails after a spec edit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.regeneration.drift import check, regenerate

ROOT = Path(__file__).resolve().parents[2]


def run_check(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "regenerate"), "--check", *extra], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_committed_client_is_exactly_what_the_spec_generates() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is exactly what" in result.stdout


def test_the_check_fails_with_a_diff_after_a_spec_edit(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    group = spec["components"]["schemas"]["groupAssignmentTarget"]["allOf"][1]["properties"]
    group["groupDisplayName"] = {"type": "string", "description": "A property the committed client lacks."}
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")

    result = run_check("--spec", str(edited))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "generated_client/models/group_assignment_target.py" in result.stdout
    assert "+    group_display_name: str | Unset = UNSET" in result.stdout
    assert "has drifted" in result.stderr


def test_a_missing_spec_is_a_usage_error(tmp_path: Path) -> None:
    result = run_check("--spec", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_regenerate_refuses_a_folder_that_is_not_a_generated_client(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    (victim / "notes").mkdir(parents=True)
    (victim / "notes" / "important.txt").write_text("keep me")
    result = subprocess.run(
        [str(ROOT / "scripts" / "regenerate"), "--client-dir", str(victim), "--old", str(SPEC_PATH)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "not a generated client" in result.stderr
    assert (victim / "notes" / "important.txt").read_text() == "keep me"


def test_regenerate_rewrites_only_what_differs(tmp_path: Path) -> None:
    client = tmp_path / "generated_client"
    drift = regenerate(client)
    assert drift.added
    assert not drift.changed
    assert not drift.removed
    untouched = client / "client.py"
    stamp = untouched.stat().st_mtime_ns
    (client / "types.py").write_text("# edited by hand\n")
    (client / "stray.py").write_text("# not generated\n")

    drift = regenerate(client)

    assert list(drift.changed) == ["types.py"]
    assert drift.removed == ["stray.py"]
    assert not (client / "stray.py").exists()
    assert untouched.stat().st_mtime_ns == stamp
    assert check(client).is_empty


def test_an_unwritable_report_path_is_a_usage_error_before_anything_changes(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "regenerate"), "--client-dir", str(tmp_path / "client"),
         "--old", str(SPEC_PATH), "--report", str(tmp_path / "missing" / "report.md")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--report" in result.stderr
    assert not (tmp_path / "client").exists()
