"""The suite on one machine: one process against `--workers N` (default 2), same seed, same budget.

    python -m benchmarks.parallel_suite [--max-examples 50] [--workers 2] [--rounds 2]

Each run aims `scripts/conformance` (both sides) at a fresh reference server started as its own process,
with the embedded server's settings; the ratio is serial seconds over parallel seconds, in one run. Both
runs must give the same results (compared through their results.json), or the figure means nothing. The
load average is printed before and after: on a shared machine it says what the other processes took.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.suite_throughput import served, suite_environment
from ios_lob_kit.conformance.record import FILE, read
from ios_lob_kit.conformance.target import EMBEDDED_PAGE_SIZE
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import run_server

ROOT = Path(__file__).resolve().parents[1]


def one_run(workers: int, max_examples: int, seed: int, folder: Path) -> dict[str, float]:
    """Seconds and requests of one run with `workers` processes, against a fresh server process."""
    with run_server(ServerConfig(db_path=None, tokens=dev_tokens(), page_size=EMBEDDED_PAGE_SIZE)) as server:
        env = suite_environment(server.tokens)
        command = [sys.executable, "-m", "ios_lob_kit.conformance", "--base-url", server.base_url, "--seed", str(seed),
                   "--max-examples", str(max_examples), "--workers", str(workers),
                   "--report-dir", str(folder)]  # fmt: skip
        before = served(server.base_url, server.tokens[0].token)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=1800)
        seconds = time.perf_counter() - start
        requests = served(server.base_url, server.tokens[0].token) - before - 1
    if done.returncode not in (0, 1):
        raise SystemExit(f"--workers {workers} run failed (exit {done.returncode}): {done.stderr[-2000:]}")
    return {"seconds": seconds, "requests": requests, "exit": done.returncode}


def fingerprint(folder: Path) -> dict[str, object]:
    """What must be equal between the two runs: per side, operation and check, outcome, cases, failure titles."""
    record = read(folder / FILE)
    return {
        f"{r.side.value} {r.operation} {r.check}": [r.outcome.value, r.cases, sorted(f.title for f in r.failures)]
        for r in record.results
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parallel_suite", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rounds: list[dict[int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="parallel-suite-") as scratch:
        for number in range(args.rounds):
            figures, found = {}, []
            for workers in (1, args.workers):
                folder = Path(scratch) / f"round-{number}-workers-{workers}"
                figures[workers] = one_run(workers, args.max_examples, args.seed, folder)
                found.append(fingerprint(folder))
            if found[0] != found[1]:
                raise SystemExit("the parallel run's results differ from the serial run's: no figure")
            rounds.append(figures)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    serial = statistics.median(r[1]["seconds"] for r in rounds)
    parallel = statistics.median(r[args.workers]["seconds"] for r in rounds)
    requests = statistics.median(r[1]["requests"] for r in rounds)
    print(f"{'--workers 1':<14}{serial:>8.1f} s  {requests:>7.0f} requests")
    print(f"{f'--workers {args.workers}':<14}{parallel:>8.1f} s  speed-up {serial / parallel:.2f}x (same results)")
    print(json.dumps({"rounds": rounds, "speed_up": serial / parallel}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
