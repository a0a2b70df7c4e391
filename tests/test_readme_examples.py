"""The README's examples marked `<!-- readme-example: ... -->` paste and run as they are, in order, on a clone:
a shell block runs in bash at the root, a Python block in the kit's interpreter with what the blocks before it
exported."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKED_BLOCK = re.compile(r"<!-- readme-example:[^>]*-->\n```(sh|python)\n(.*?)```\n", re.DOTALL)


def marked_blocks() -> list[tuple[str, str]]:
    return MARKED_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def as_one_script(blocks: list[tuple[str, str]]) -> str:
    """The blocks as one bash script, as a person pastes them one after the other into one shell."""
    parts = []
    for language, text in blocks:
        if language == "sh":
            parts.append(text)
        else:
            parts.append(f"\"$KIT_PYTHON\" - <<'README_PYTHON'\n{text}README_PYTHON\n")
    return "\n".join(parts)


def test_the_readme_marks_the_server_example_and_the_client_example() -> None:
    assert [language for language, _ in marked_blocks()] == ["sh", "python"]


@pytest.mark.slow
def test_the_readme_examples_run_against_the_server_they_start(tmp_path: Path) -> None:
    script = as_one_script(marked_blocks()) + 'kill "$SERVER"\n'
    env = {**os.environ, "TMPDIR": str(tmp_path), "KIT_PYTHON": sys.executable}
    process = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the server the script starts is in its group, killed below whatever happens
    )
    try:
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0, err
    patched_line, client_line = out.strip().splitlines()
    patched = json.loads(patched_line)
    assert patched["@odata.type"] == "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment"
    assert patched["target"]["@odata.type"] == "#microsoft.graph.deviceAndAppManagementAssignmentTarget"
    assert client_line.startswith(f"{patched['id']} ")  # the client read back the assignment the PATCH made
    assert "refused" not in client_line
