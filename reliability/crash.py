"""`python -m reliability.crash`: kill -9 the reference server at random moments under mixed load, restart
it on the same database, and check that nothing acknowledged was lost.

    python -m reliability.crash                 # 20 rounds, 16 clients
    python -m reliability.crash --rounds 4 --clients 4 --seed 2

Each round starts the server on the same file, runs the clients (reliability.workload) and kills the
server after a seeded random delay. With the server dead, `PRAGMA integrity_check` must say ok and the
file must hold every acknowledged write; the write each client had in flight must be wholly applied or
wholly absent. Every other round runs the server with the debug-only `--debug-commit-delay` (it sleeps
after each commit, before answering), so kills land between a commit and its answer on purpose: such a
write is counted as "unacknowledged, applied". A last round restarts the server, runs clean load and
stops it gracefully. Exit 0 when nothing was lost, phantom, half-applied or corrupt; 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from reliability.load import make_clients, print_comparison
from reliability.state import integrity, snapshot
from reliability.workload import Client, Comparison, Progress, compare, run_clients

__all__ = ["CrashResult", "main", "run_crash"]

COMMIT_DELAY_S = 0.05


@dataclass
class CrashResult:
    rounds: int
    kills: int = 0
    operations: int = 0
    acknowledged: int = 0
    comparison: Comparison = field(default_factory=Comparison)
    integrity_failures: list[str] = field(default_factory=list)
    stale_reads: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def failures(self) -> int:
        c = self.comparison
        found = (c.lost, c.phantom, c.half_applied, self.integrity_failures, self.stale_reads, self.unexpected)
        return sum(len(items) for items in found)


def _merge(total: Comparison, part: Comparison) -> None:
    total.lost += part.lost
    total.phantom += part.phantom
    total.half_applied += part.half_applied
    total.unacknowledged_applied += part.unacknowledged_applied
    total.unacknowledged_absent += part.unacknowledged_absent


async def _load_then_kill(server: RunningServer, clients: list[Client], delay: float) -> int:
    """Run the clients until the server is killed, `delay` seconds after the load got going (every client
    had time for a step or two, however slow the machine); the steps that ran."""
    progress = Progress()
    work = asyncio.ensure_future(run_clients(server.base_url, clients, 1_000_000, progress))
    while progress.steps < 2 * len(clients) and not work.done():
        await asyncio.sleep(0.05)
    await asyncio.sleep(delay)
    await asyncio.to_thread(server.kill)
    return await work


def run_crash(rounds: int = 20, clients: int = 16, seed: int = 0) -> CrashResult:
    rng = random.Random(seed)
    tokens = dev_tokens()
    workers = make_clients(tokens, clients, seed)
    result = CrashResult(rounds=rounds)
    with tempfile.TemporaryDirectory(prefix="crash-") as folder:
        db_path = Path(folder) / "graph.sqlite3"
        for number in range(rounds):
            delay = COMMIT_DELAY_S if number % 2 else 0.0
            config = ServerConfig(db_path=db_path, tokens=tokens, commit_delay_s=delay)
            with run_server(config) as server:
                result.operations += asyncio.run(_load_then_kill(server, workers, rng.uniform(0.1, 2.0)))
                result.kills += 1
            checked = integrity(db_path)
            if checked != "ok":
                result.integrity_failures.append(f"round {number}: {checked}")
            _merge(result.comparison, compare(workers, snapshot(db_path)))
        with run_server(ServerConfig(db_path=db_path, tokens=tokens)) as server:
            result.operations += asyncio.run(run_clients(server.base_url, workers, 20))
            server.stop()
        _merge(result.comparison, compare(workers, snapshot(db_path)))
        checked = integrity(db_path)
        if checked != "ok":
            result.integrity_failures.append(f"after the last restart: {checked}")
    result.acknowledged = sum(w.acknowledged for w in workers)
    result.stale_reads = [item for w in workers for item in w.stale_reads]
    result.unexpected = [item for w in workers for item in w.unexpected]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability.crash", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="kills, each after a random delay (default 20)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seed", type=int, default=0, help="kill moments and the clients' choices (default 0)")
    args = parser.parse_args(argv)
    for name in ("rounds", "clients"):
        if getattr(args, name) < 1:
            parser.error(f"argument --{name}: must be at least 1, got {getattr(args, name)}")
    result = run_crash(args.rounds, args.clients, args.seed)
    c = result.comparison
    print(f"kills (-9): {result.kills}; operations: {result.operations}; acknowledged writes: {result.acknowledged}")
    print(f"writes in flight at a kill: {c.unacknowledged_applied} applied (committed, unanswered), "
          f"{c.unacknowledged_absent} absent")  # fmt: skip
    print_comparison(c)
    print(f"  integrity_check failures: {len(result.integrity_failures)}")
    print(f"  reads that disagreed with the model: {len(result.stale_reads)}")
    print(f"  unexpected answers: {len(result.unexpected)}")
    for item in [*result.integrity_failures, *result.stale_reads, *result.unexpected][:10]:
        print(f"    {item}")
    print(f"verdict: {'PASS' if result.failures() == 0 else 'FAIL'}")
    print(f"replay: python -m reliability.crash --rounds {args.rounds} --clients {args.clients} --seed {args.seed}")
    return 0 if result.failures() == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
