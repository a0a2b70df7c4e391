"""The server benchmark: the reference server's write throughput against Prism and a bare Starlette floor.

    python -m benchmarks.server_throughput [--duration 10] [--rounds 3] [--prism PATH]

Every target answers the seed's PATCH (a new assignment per request, persisted where the target
persists). wrk (Debian package `wrk`) drives them on loopback with 2 threads and 32 connections; rounds
alternate between targets and medians are reported with ratios, since absolute figures drift with the
machine. Prism is measured when found (`scripts/install-peers` installs it).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks._servers import baseline, free_port, serving
from ios_lob_kit.openapi import SPEC_PATH

ROOT = Path(__file__).resolve().parents[1]
BODY = '{"target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"g"}}'
TOKEN = "benchmark-token-0123456789"
COLLECTION = "/deviceAppManagement/iosLobAppProvisioningConfigurations/{config}/assignments"


@dataclass(frozen=True)
class Target:
    name: str
    command: list[str]
    port: int
    prefix: str  # base path the target serves the spec under


def wrk_script(directory: Path) -> Path:
    script = directory / "patch.lua"
    script.write_text(
        'wrk.method = "PATCH"\n'
        f"wrk.body = '{BODY}'\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {TOKEN}"\n'
    )
    return script


def create_configuration(base: str) -> str:
    answer = httpx.post(
        f"{base}/deviceAppManagement/iosLobAppProvisioningConfigurations",
        json={"displayName": "benchmark"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    answer.raise_for_status()
    config_id: str = answer.json()["id"]
    return config_id


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def run_wrk(url: str, script: Path, duration: int) -> dict[str, float]:
    command = ["wrk", "-t2", "-c32", f"-d{duration}s", "--latency", "-s", str(script), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} answers were not 2xx:\n{out}")

    def latency(percent: str) -> float:
        match = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", out)
        if not match:
            return float("nan")
        scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}[match.group(2)]
        return float(match.group(1)) * scale

    requests = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not requests:
        raise RuntimeError(f"cannot read wrk's output:\n{out}")
    return {"rps": float(requests.group(1)), "p50_ms": latency("50"), "p99_ms": latency("99")}


def targets(scratch: Path, prism: str | None) -> list[Target]:
    tokens = scratch / "tokens.json"
    tokens.write_text(
        json.dumps([{"token": TOKEN, "tenant": "bench", "scopes": ["DeviceManagementApps.ReadWrite.All"]}])
    )
    tokens.chmod(0o600)
    found: list[Target] = []
    port = free_port()
    found.append(
        Target("bare Starlette + SQLite", baseline("sqlite", port, str(scratch / "bare.sqlite3")), port, "/beta")
    )
    port = free_port()
    server = [
        sys.executable,
        "-m",
        "ios_lob_kit.mock_server",
        "--port",
        str(port),
        "--db",
        str(scratch / "reference.sqlite3"),
    ]
    found.append(Target("reference server (SQLite)", [*server, "--tokens-file", str(tokens)], port, "/beta"))
    if prism:
        port = free_port()
        found.append(
            Target("Prism mock (-v error)", [prism, "mock", str(SPEC_PATH), "-p", str(port), "-v", "error"], port, "")
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server_throughput", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per target, alternating (3)")
    default_prism = ROOT / ".tools/prism/node_modules/.bin/prism"
    parser.add_argument("--prism", default=str(default_prism) if default_prism.exists() else None)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("error: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2

    samples: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        script = wrk_script(scratch)
        for _ in range(args.rounds):
            for target in targets(scratch, args.prism):
                with serving(target.command, target.port) as process:
                    base = f"http://127.0.0.1:{target.port}{target.prefix}"
                    config = create_configuration(base) if "reference" in target.name else "c0ffee"
                    url = base + COLLECTION.format(config=config)
                    run_wrk(url, script, 2)  # warm-up
                    result = run_wrk(url, script, args.duration)
                    result["rss_mb"] = peak_rss_mb(process.pid)
                    samples.setdefault(target.name, []).append(result)

    medians = {name: {k: statistics.median(s[k] for s in runs) for k in runs[0]} for name, runs in samples.items()}
    reference = medians["reference server (SQLite)"]["rps"]
    print(f"{'server':<28}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}{'RSS MB':>8}{'reference / this':>18}")
    for name, row in medians.items():
        ratio = reference / row["rps"]
        print(
            f"{name:<28}{row['rps']:>9.0f}{row['p50_ms']:>8.1f}{row['p99_ms']:>8.1f}{row['rss_mb']:>8.0f}{ratio:>18.2f}"
        )
    print(json.dumps(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
