"""Deliberately broken clients, generated from altered copies of the spec, are caught by the client side.

Each runs `python -m ios_lob_kit.conformance.client_side` in a subprocess whose `sys.path` puts the broken
`generated_client` first (from a temporary working directory, since `-m` puts the cwd first).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ios_lob_kit.openapi import load_spec
from ios_lob_kit.regeneration.generate import generate

ROOT = Path(__file__).resolve().parents[3]
TARGET_KINDS = [  # the components a target is one of, e.g. groupAssignmentTarget
    member["$ref"].rsplit("/", 1)[-1]
    for member in load_spec()["components"]["schemas"]["assignmentTarget"]["oneOf"]
    if "$ref" in member
]


def rename_group_id(spec: dict[str, Any]) -> None:
    own = spec["components"]["schemas"]["groupAssignmentTarget"]["allOf"][1]["properties"]
    own["groupIdentifier"] = own.pop("groupId")


def unpin_odata_types(spec: dict[str, Any]) -> None:
    for kind in TARGET_KINDS:
        spec["components"]["schemas"][kind]["allOf"][1]["properties"]["@odata.type"] = {"type": "string"}


def run_against(tmp_path: Path, alter: Callable[[dict[str, Any]], None]) -> subprocess.CompletedProcess[str]:
    spec = copy.deepcopy(load_spec())
    alter(spec)
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    broken = tmp_path / "broken"
    kit = ROOT / "ios_lob_kit"
    shutil.copytree(
        kit, broken / "ios_lob_kit", ignore=lambda folder, _: ["generated_client"] if folder == str(kit) else []
    )
    generate(tmp_path / "spec.yaml", broken / "ios_lob_kit")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken), str(ROOT)])}
    probe = "import ios_lob_kit.generated_client as client; print(client.__file__)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip() == str(broken / "ios_lob_kit" / "generated_client" / "__init__.py")
    command = [sys.executable, "-m", "ios_lob_kit.conformance.client_side", "--seed", "0", "--max-examples", "5"]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)


def failed_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("failed")]


@pytest.mark.slow
def test_a_renamed_target_property_is_caught(tmp_path: Path) -> None:
    run = run_against(tmp_path, rename_group_id)
    assert run.returncode == 1, run.stderr
    assert any("response_model_classes" in line for line in failed_lines(run.stdout))
    assert any("request_model_classes" in line for line in failed_lines(run.stdout))
    assert "GroupAssignmentTarget keeps groupId in additional_properties" in run.stdout


@pytest.mark.slow
def test_unpinned_odata_types_are_caught(tmp_path: Path) -> None:
    run = run_against(tmp_path, unpin_odata_types)
    assert run.returncode == 1, run.stderr
    assert any("response_model_classes" in line for line in failed_lines(run.stdout))
    assert re.search(
        r"@odata.type '#?microsoft.graph.\w+' parsed as DeviceAndAppManagementAssignmentTarget, not", run.stdout
    )
