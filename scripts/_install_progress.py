"""Runs a pip install and turns its output into a few progress lines a person can follow.

Usage: python _install_progress.py LOG EXPECTED -- pip-command...
Everything pip prints goes to LOG; stderr gets one line per phase (resolving, building, installing) and one
per tenth of the EXPECTED packages collected. On failure the end of LOG is printed and pip's exit code kept.
Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

FAILURE_TAIL_LINES = 30


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def run(log: Path, expected: int, command: list[str]) -> int:
    """Run command, log everything it prints, say each phase; return its exit code."""
    started = time.monotonic()
    collected = 0
    step = max(1, expected // 10)
    phases_said: set[str] = set()
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            sink.write(line)
            if line.startswith(("Collecting ", "Processing ")):  # from an index, or from a local wheel
                collected += 1
                if collected % step == 0:
                    _say(f"resolving and downloading: {collected} of about {expected} packages")
            phase = _phase(line)
            if phase and phase not in phases_said:
                phases_said.add(phase)
                _say(phase)
        code = process.wait()
    if code != 0:
        print(f"error: the install failed (exit {code}); the end of {log}:", file=sys.stderr)
        for line in log.read_text(encoding="utf-8").splitlines()[-FAILURE_TAIL_LINES:]:
            print(f"  | {line}", file=sys.stderr)
        return code
    _say(f"done in {time.monotonic() - started:.0f} s (pip's full output: {log})")
    return 0


def _phase(line: str) -> str | None:
    if line.startswith("Obtaining file:"):
        return "resolving the kit's dependencies"
    if line.startswith("Building wheels for collected packages:"):
        return "building the kit itself (an editable install)"
    if line.startswith("Installing collected packages:"):
        count = len(line.split(":", 1)[1].split(","))
        return f"installing {count} package{'s' if count != 1 else ''} (unpacking; the longest step)"
    return None


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        print("usage: _install_progress.py LOG EXPECTED -- pip-command...", file=sys.stderr)
        return 2
    return run(Path(argv[0]), int(argv[1]), argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
