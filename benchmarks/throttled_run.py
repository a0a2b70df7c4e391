"""The suite against a throttled target: the default run against `scripts/serve --throttle` (Intune's 100
writes per 20 s) against the same seed unthrottled. Goal: the throttled verdict is built on >= 80 % of the
successful writes the unthrottled run reaches, in < 5 minutes.

    python -m benchmarks.throttled_run [--max-examples 50] [--seed 0]

Successful writes are the report's own per-operation lines ("exercised OP: N success, ..."), summed over
the spec's write operations; both runs give all three tokens and run the server side only.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time

from benchmarks.suite_throughput import suite_environment
from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import run_server

EXERCISED = re.compile(r"^note: exercised (\w+): (\d+) success", re.MULTILINE)


def one_run(throttle: bool, max_examples: int, seed: int) -> tuple[int, float, str]:
    """Successful writes, seconds, and the verdict line of one run."""
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), throttle=throttle)) as server:
        env = suite_environment(server.tokens)
        with tempfile.TemporaryDirectory() as reports:
            command = [sys.executable, "-m", "ios_lob_kit.conformance", "--base-url", server.base_url,
                       "--only", "server", "--max-examples", str(max_examples), "--seed", str(seed),
                       "--report-dir", reports]  # fmt: skip
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=1800)
            seconds = time.perf_counter() - start
    writes = sum(int(n) for op, n in EXERCISED.findall(done.stdout) if op in spec.WRITES)
    verdict = next((line for line in done.stdout.splitlines() if line.startswith("Verdict:")), "no verdict")
    return writes, seconds, verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throttled_run", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    free_writes, free_seconds, free_verdict = one_run(False, args.max_examples, args.seed)
    writes, seconds, verdict = one_run(True, args.max_examples, args.seed)
    print(f"unthrottled: {free_writes:>5} successful writes in {free_seconds:6.1f} s  {free_verdict}")
    print(f"throttled:   {writes:>5} successful writes in {seconds:6.1f} s  {verdict}")
    ratio = writes / free_writes if free_writes else 0.0
    print(f"ratio {ratio:.2f} (goal >= 0.80); throttled run {seconds:.0f} s (goal < 300 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
