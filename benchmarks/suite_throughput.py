"""The suite benchmark: requests per second our server side sends, against the plain schemathesis CLI.

    python -m benchmarks.suite_throughput [--max-examples 50] [--rounds 2]

Both run with the same seed and budget against a fresh reference server each. Requests are counted by the
server itself (the last 12 hex digits of its `request-id` count answers), so both are measured alike.
Also times the default user-facing run (`scripts/conformance`: both sides, embedded server).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

from ios_lob_kit.mock_server.config import TokenGrant
from ios_lob_kit.mock_server.runner import run_server
from ios_lob_kit.openapi import SPEC_PATH

ROOT = Path(__file__).resolve().parents[1]


def served(base_url: str, token: str) -> int:
    """How many requests the server has answered, this probe included."""
    answer = httpx.get(f"{base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations",
                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    return int(answer.headers["request-id"][-12:], 16)


def suite_environment(tokens: Sequence[TokenGrant]) -> dict[str, str]:
    """The suite's environment against a reference server with `tokens` (read-write, read-only, other
    tenant): this one's without CONFORMANCE_* settings, plus the three tokens."""
    read_write, read_only, other_tenant = tokens[:3]
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("CONFORMANCE_")},
        "CONFORMANCE_TOKEN": read_write.token,
        "CONFORMANCE_READ_ONLY_TOKEN": read_only.token,
        "CONFORMANCE_OTHER_TENANT_TOKEN": other_tenant.token,
    }


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False, timeout=900)
    return time.perf_counter() - start


def one_round(max_examples: int, seed: int, scratch: Path) -> dict[str, dict[str, float]]:
    figures = {}
    bin_dir = Path(sys.executable).parent
    for name in ("schemathesis run", "scripts/conformance --only server"):
        with run_server() as server:
            token = server.tokens[0].token
            env = {**os.environ, "CONFORMANCE_TOKEN": token}
            if name == "schemathesis run":
                command = [str(bin_dir / "schemathesis"), "run", str(SPEC_PATH), "--url", server.base_url,
                           "-H", f"Authorization: Bearer {token}", "--max-examples", str(max_examples),
                           "--seed", str(seed), "--checks", "all"]  # fmt: skip
            else:
                command = [sys.executable, "-m", "ios_lob_kit.conformance", "--base-url", server.base_url,
                           "--only", "server", "--max-examples", str(max_examples), "--seed", str(seed),
                           "--report-dir", str(scratch)]  # fmt: skip
            before = served(server.base_url, token)
            seconds = timed(command, env)
            requests = served(server.base_url, token) - before - 1
            figures[name] = {"requests": requests, "seconds": seconds, "rps": requests / seconds}
    figures["scripts/conformance (default run)"] = {"seconds": timed([str(ROOT / "scripts" / "conformance"),
                                                                       "--report-dir", str(scratch)])}  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.suite_throughput", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / "suite-benchmark-reports"
    rounds = [one_round(args.max_examples, args.seed, scratch) for _ in range(args.rounds)]
    medians = {name: {key: statistics.median(r[name][key] for r in rounds) for key in rounds[0][name]}
               for name in rounds[0]}  # fmt: skip
    cli = medians["schemathesis run"]["rps"]
    for name, row in medians.items():
        extra = (
            f"{row['requests']:>7.0f} requests {row['rps']:>7.1f} req/s {row['rps'] / cli:>5.2f}x"
            if "rps" in row
            else ""
        )
        print(f"{name:<40}{row['seconds']:>7.1f} s {extra}")
    print(json.dumps(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
