"""`scripts/regenerate` with a change report: exit codes (0; 3/4 with --fail-on; 1 drift, 2 usage), --old,
--against, formats.

Every run regenerates into a scratch `--client-dir`, never into the committed client.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ios_lob_kit.openapi import SPEC_PATH, load_spec

ROOT = Path(__file__).resolve().parents[2]
SPEC_IN_REPO = SPEC_PATH.relative_to(ROOT).as_posix()
VERSION = load_spec()["info"]["version"]


def regenerate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [str(ROOT / "scripts" / "regenerate"), *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def write_spec(path: Path, text: str, edit: Callable[[dict[str, Any]], None] | None = None) -> Path:
    spec = yaml.safe_load(text)
    if edit is not None:
        edit(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def remove_next_link(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["iosLobAppProvisioningConfigurationCollectionResponse"]["properties"][
        "@odata.nextLink"
    ]


def add_delta_link(spec: dict[str, Any]) -> None:
    """An optional property on a response-only schema: breaks nobody."""
    collection = spec["components"]["schemas"]["iosLobAppProvisioningConfigurationCollectionResponse"]
    collection["properties"]["@odata.deltaLink"] = {"type": "string"}


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_spec(tmp_path / "base.yaml", SPEC_PATH.read_text(encoding="utf-8"))


def test_a_breaking_edit_regenerates_and_exits_0_or_with_fail_on_4(base: Path, tmp_path: Path) -> None:
    edited = write_spec(tmp_path / "edited.yaml", base.read_text(encoding="utf-8"), remove_next_link)
    client = tmp_path / "generated_client"

    result = regenerate("--old", base, "--spec", edited, "--client-dir", client)
    assert result.returncode == 0, result.stdout + result.stderr  # a successful regeneration
    for level in ("minor", "major"):
        failing = regenerate("--old", base, "--spec", edited, "--client-dir", client, "--fail-on", level)
        assert failing.returncode == 4, failing.stdout + failing.stderr
        report = failing.stdout.split("\n", 1)[1]  # after "Regenerated ...: N file(s) changed."
        assert report == result.stdout.split("\n", 1)[1]  # the same report whatever --fail-on says
    assert "Regenerated generated_client/ from edited.yaml" in result.stdout
    assert "Verdict: BREAKING" in result.stdout
    assert "property removed: iosLobAppProvisioningConfigurationCollectionResponse.@odata.nextLink" in result.stdout
    assert "odata_next_link: Public object was removed" in result.stdout
    assert f"WARNING: info.version is {VERSION} but the change warrants a major bump" in result.stdout
    assert (client / "models" / "ios_lob_app_provisioning_configuration_collection_response.py").is_file()


def test_markdown_report_for_a_non_breaking_edit_then_check_then_drift(base: Path, tmp_path: Path) -> None:
    edited = write_spec(tmp_path / "edited.yaml", base.read_text(encoding="utf-8"), add_delta_link)
    client, report = tmp_path / "generated_client", tmp_path / "report.md"

    result = regenerate(
        "--old", base, "--spec", edited, "--client-dir", client, "--format", "markdown", "--report", report,
        "--fail-on", "minor",
    )  # fmt: skip

    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stdout.startswith("## Spec change report")
    assert "**non-breaking for existing clients**" in result.stdout
    assert "| property added (optional) | `iosLobAppProvisioningConfigurationCollectionResponse.@odata.deltaLink`" in (
        result.stdout
    )
    assert "Regenerated generated_client/" in result.stderr  # stdout is the report alone
    assert report.read_text(encoding="utf-8") == result.stdout

    # --check with a comparison: no drift, so the report decides the exit code; nothing is written.
    before = {path: path.stat().st_mtime_ns for path in client.rglob("*.py")}
    checked = regenerate("--check", "--old", base, "--spec", edited, "--client-dir", client, "--fail-on", "minor")
    assert checked.returncode == 3, checked.stdout + checked.stderr
    assert "is exactly what edited.yaml generates" in checked.stdout
    assert {path: path.stat().st_mtime_ns for path in client.rglob("*.py")} == before
    major = regenerate("--check", "--old", base, "--spec", edited, "--client-dir", client, "--fail-on", "major")
    assert major.returncode == 0, major.stdout + major.stderr  # no existing client breaks

    # Drift wins over the report: 1, as before.
    drifted = regenerate("--check", "--old", edited, "--spec", base, "--client-dir", client)
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr


def test_no_change_exits_0(base: Path, tmp_path: Path) -> None:
    result = regenerate("--old", base, "--spec", base, "--client-dir", tmp_path / "generated_client")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"No change: the contract is the same (info.version {VERSION})." in result.stdout


def test_by_default_and_with_against_it_compares_with_git_head(tmp_path: Path) -> None:
    shown = subprocess.run(["git", "show", f"HEAD:{SPEC_IN_REPO}"], cwd=ROOT, capture_output=True, text=True)
    if shown.returncode != 0:
        pytest.skip("no git repository, or HEAD has no spec")
    client = tmp_path / "generated_client"
    unchanged = write_spec(tmp_path / "head.yaml", shown.stdout)

    default = regenerate("--spec", unchanged, "--client-dir", client)
    assert default.returncode == 0, default.stdout + default.stderr
    assert f"HEAD:{SPEC_IN_REPO}" in default.stdout
    assert "No change" in default.stdout

    edited = write_spec(tmp_path / "edited.yaml", shown.stdout, remove_next_link)
    against = regenerate("--against", "HEAD", "--spec", edited, "--client-dir", client, "--fail-on", "major")
    assert against.returncode == 4, against.stdout + against.stderr
    assert "Verdict: BREAKING" in against.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--against", "no-such-revision"], "git show no-such-revision:"),
        (["--old", "absent.yaml"], "absent.yaml"),
        (["--old", "a.yaml", "--against", "HEAD"], "not allowed with argument"),
        (["--format", "html"], "invalid Format value"),
        (["--fail-on", "patch"], "--fail-on: invalid FailOn value"),
    ],
)
def test_usage_errors_exit_2(args: list[str], says: str, tmp_path: Path) -> None:
    result = regenerate(*args, "--client-dir", tmp_path / "generated_client")

    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stderr
    assert not (tmp_path / "generated_client").exists()


def dangling_ref(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["entity"] = {"$ref": "#/components/schemas/gone"}


def null_path_item(spec: dict[str, Any]) -> None:
    spec["paths"]["/x"] = None


@pytest.mark.parametrize("edit", [dangling_ref, null_path_item])
def test_a_malformed_old_spec_is_a_usage_error_before_anything_is_written(
    edit: Callable[[dict[str, Any]], None], base: Path, tmp_path: Path
) -> None:
    old = write_spec(tmp_path / "old.yaml", base.read_text(encoding="utf-8"), edit)

    result = regenerate("--old", old, "--spec", base, "--client-dir", tmp_path / "generated_client")

    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot compare" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "generated_client").exists()


def test_a_report_that_is_a_folder_is_a_usage_error_before_anything_is_written(base: Path, tmp_path: Path) -> None:
    client = tmp_path / "generated_client"
    result = regenerate("--old", base, "--spec", base, "--client-dir", client, "--report", tmp_path)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "is a folder" in result.stderr
    assert not (tmp_path / "generated_client").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_report_that_cannot_be_written_is_a_usage_error(base: Path, tmp_path: Path) -> None:
    client = tmp_path / "generated_client"
    result = regenerate("--old", base, "--spec", base, "--client-dir", client, "--report", "/dev/full")

    assert result.returncode == 2, result.stdout + result.stderr
    assert "--report /dev/full:" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_documents_the_exit_codes() -> None:
    result = regenerate("--help")

    assert result.returncode == 0
    for line in (
        "0  done: regenerated",
        "1  --check",
        "2  usage",
        "3  --fail-on minor: the spec changed and no existing client breaks",
        "4  --fail-on minor or major: the spec changed and existing clients break",
        "--fail-on {minor,major}",
    ):
        assert line in result.stdout
