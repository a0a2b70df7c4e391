"""The scripts stop at their first failing command: `scripts/test` exits with ruff's, mypy's or pytest's
failure instead of printing that every check passed."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_script_sourcing_the_environment_stops_at_its_first_failure() -> None:
    script = f'source "{ROOT}/scripts/_env.sh"; false; echo "went on"'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 1
    assert "went on" not in done.stdout
