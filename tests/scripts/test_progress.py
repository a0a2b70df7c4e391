"""The long, once-only steps say what they are doing: the first install (scripts/_install_progress.py) and the
test run (tests/progress.py, one line per test file instead of dots)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL_PROGRESS = ROOT / "scripts" / "_install_progress.py"

FAKE_PIP = """
import sys
print("Looking in indexes: https://pypi.org/simple")
print("Obtaining file:///kit")
for n in range(20):
    print(f"Collecting package{n}==1.0")
    print(f"  Downloading package{n}-1.0-py3-none-any.whl (10 kB)")
print("Building wheels for collected packages: kit")
print("Installing collected packages: a, b, c")  # pip says so once, with every name
if sys.argv[1] == "fail":
    print("ERROR: No matching distribution found for package20==1.0")
    sys.exit(1)
print("Successfully installed a b c")
"""


def _install(tmp_path: Path, outcome: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "fake_pip.py"
    fake.write_text(FAKE_PIP, encoding="utf-8")
    command = [sys.executable, str(INSTALL_PROGRESS), str(tmp_path / "install.log"), "20", "--"]
    return subprocess.run(
        [*command, sys.executable, str(fake), outcome], capture_output=True, text=True, timeout=60, check=False
    )


def test_the_install_says_each_phase_and_keeps_pips_output_in_a_log(tmp_path: Path) -> None:
    done = _install(tmp_path, "succeed")
    assert done.returncode == 0
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "  resolving the kit's dependencies"
    assert lines[1:11] == [f"  resolving and downloading: {n} of about 20 packages" for n in range(2, 21, 2)]
    assert lines[11:13] == [
        "  building the kit itself (an editable install)",
        "  installing 3 packages (unpacking; the longest step)",
    ]
    assert re.fullmatch(r"  done in \d+ s \(pip's full output: .*install\.log\)", lines[13])
    assert len(lines) == 14
    assert "Successfully installed a b c" in (tmp_path / "install.log").read_text(encoding="utf-8")


def test_a_failed_install_shows_the_end_of_pips_output_and_keeps_its_exit_code(tmp_path: Path) -> None:
    done = _install(tmp_path, "fail")
    assert done.returncode == 1
    assert "error: the install failed (exit 1)" in done.stderr
    assert "  | ERROR: No matching distribution found for package20==1.0" in done.stderr


def test_the_install_helper_names_its_usage() -> None:
    done = subprocess.run(
        [sys.executable, str(INSTALL_PROGRESS), "log"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("usage: _install_progress.py LOG EXPECTED -- pip-command...")


def test_the_scripts_install_through_the_progress_helper_and_test_with_the_progress_plugin() -> None:
    env_script = (ROOT / "scripts" / "_env.sh").read_text(encoding="utf-8")
    assert '"$ROOT/scripts/_install_progress.py"' in env_script
    assert "--quiet" not in env_script
    assert "python -m pytest -p tests.progress " in (ROOT / "scripts" / "test").read_text(encoding="utf-8")


SAMPLE_TESTS = {
    "test_one.py": "import pytest\n\ndef test_a(): pass\n\ndef test_b(): pass\n\n"
    "@pytest.mark.skip(reason='not here')\ndef test_c(): pass\n",
    "test_two.py": "def test_ok(): pass\n\ndef test_broken(): assert 1 == 2\n",
}


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_the_test_run_prints_one_line_per_file_with_the_share_done_and_no_dots(
    tmp_path: Path, workers: list[str]
) -> None:
    for name, text in SAMPLE_TESTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-p", "tests.progress", "-p", "no:cacheprovider", "-ra", *workers]
    done = subprocess.run(
        [*command, *SAMPLE_TESTS], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1, done.stdout
    progress = [line for line in done.stdout.splitlines() if re.match(r"\[ *\d+%\]", line)]
    assert len(progress) == 2
    one = next(line for line in progress if "test_one.py" in line)
    two = next(line for line in progress if "test_two.py" in line)
    assert re.fullmatch(r"\[ *\d+%\] test_one\.py: 2 passed, 1 skipped \(\d+\.\d s\)", one)
    assert re.fullmatch(r"\[ *\d+%\] test_two\.py: 1 failed, 1 passed \(\d+\.\d s\); failed: test_broken", two)
    assert progress[-1].startswith("[100%]")
    assert not any(re.fullmatch(r"[.sF]+ *(\[ *\d+%\])?", line) for line in done.stdout.splitlines())  # no dots
    assert "FAILED test_two.py::test_broken - assert 1 == 2" in done.stdout  # the summary keeps its words
    assert "SKIPPED [1] test_one.py:7: not here" in done.stdout
