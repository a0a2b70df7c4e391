"""The shared-server benchmark: one reference server process on SQLite, against 1 and 2 processes on PostgreSQL.

    python -m benchmarks.server_backends [--duration 10] [--rounds 3] [--db postgresql://...]

The same load as `benchmarks.server_throughput` (wrk -t2 -c32, the seed's PATCH creating an assignment per
request, every write persisted) and, with `--mix`, a read-heavy mix (GET of one configuration). With two
processes, each wrk thread keeps its 16 connections to one of them (as a load balancer spreading
connections would). PostgreSQL runs as a throwaway cluster with its default durability (each commit
waits for its WAL flush), unless `--db` names a database to use (its tables are created if missing).
Rounds alternate between targets; medians and ratios against one SQLite process are reported.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks._servers import free_port, serving
from benchmarks.server_throughput import COLLECTION, TOKEN, create_configuration, peak_rss_mb, run_wrk, wrk_script
from ios_lob_kit.mock_server.scratch_postgres import scratch_cluster

BASELINE = "1 process, SQLite"


@dataclass(frozen=True)
class Target:
    name: str
    db: str  # a SQLite file or a postgresql:// URL
    processes: int


def spread(script: Path, ports: list[int]) -> Path:
    """`script` plus a wrk setup hook giving each wrk thread one of `ports` (round robin)."""
    lua_ports = ", ".join(str(port) for port in ports)
    spread_script = script.with_name(f"spread-{len(ports)}-{script.name}")
    spread_script.write_text(
        script.read_text() + f"local ports = {{{lua_ports}}}\nlocal threads = 0\n"
        "function setup(thread)\n"
        "  threads = threads + 1\n"
        '  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[(threads - 1) % #ports + 1]))[1]\n'
        "end\n"
    )
    return spread_script


@contextmanager
def running(target: Target, tokens: Path) -> Iterator[tuple[list[int], list[int]]]:
    """The target's processes on free ports: their ports and pids."""
    with ExitStack() as stack:
        ports, pids = [], []
        for _ in range(target.processes):
            port = free_port()
            command = [
                sys.executable,
                "-m",
                "ios_lob_kit.mock_server",
                "--port",
                str(port),
                "--tokens-file",
                str(tokens),
            ]
            env = {"IOS_LOB_MOCK_DB": target.db}  # a URL may hold a password: not on the command line
            process = stack.enter_context(serving(command, port, env))
            ports.append(port)
            pids.append(process.pid)
        yield ports, pids


def measure(target: Target, tokens: Path, script: Path, duration: int, read: bool) -> dict[str, float]:
    with running(target, tokens) as (ports, pids):
        base = f"http://127.0.0.1:{ports[0]}/beta"
        config = create_configuration(base)
        path = COLLECTION.format(config=config)
        if read:
            path = path.removesuffix("/assignments")
        load = spread(script, ports)
        run_wrk(base + path, load, 2)  # warm-up
        result = run_wrk(base + path, load, duration)
        result["rss_mb"] = sum(peak_rss_mb(pid) for pid in pids)
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server_backends", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per target, alternating (3)")
    parser.add_argument("--db", help="a postgresql:// URL to use instead of a throwaway cluster")
    parser.add_argument("--mix", action="store_true", help="also measure reads (GET of one configuration)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("error: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2

    samples: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch_dir, ExitStack() as stack:
        scratch = Path(scratch_dir)
        url = args.db or stack.enter_context(scratch_cluster()).create_database()
        tokens = scratch / "tokens.json"
        grant = {"token": TOKEN, "tenant": "bench", "scopes": ["DeviceManagementApps.ReadWrite.All"]}
        tokens.write_text(json.dumps([grant]))
        tokens.chmod(0o600)
        write_script = wrk_script(scratch)
        read_script = scratch / "get.lua"
        read_script.write_text(write_script.read_text().replace('wrk.method = "PATCH"', 'wrk.method = "GET"'))
        targets = [
            Target(BASELINE, str(scratch / "reference.sqlite3"), 1),
            Target("1 process, PostgreSQL", url, 1),
            Target("2 processes, PostgreSQL", url, 2),
        ]
        loads = [("PATCH (write)", write_script, False)] + ([("GET (read)", read_script, True)] if args.mix else [])
        for _ in range(args.rounds):
            for load, script, read in loads:
                for target in targets:
                    result = measure(target, tokens, script, args.duration, read)
                    samples.setdefault(f"{load}|{target.name}", []).append(result)

    medians = {key: {k: statistics.median(s[k] for s in runs) for k in runs[0]} for key, runs in samples.items()}
    print(f"{'load':<15}{'server':<26}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}{'RSS MB':>8}{'this / SQLite':>15}")
    for key, row in medians.items():
        load, name = key.split("|")
        ratio = row["rps"] / medians[f"{load}|{BASELINE}"]["rps"]
        print(
            f"{load:<15}{name:<26}{row['rps']:>9.0f}{row['p50_ms']:>8.1f}{row['p99_ms']:>8.1f}"
            f"{row['rss_mb']:>8.0f}{ratio:>15.2f}"
        )
    print(json.dumps(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
