"""`python -m reliability.load`: concurrent clients of mixed load against a fresh reference server, every
acknowledged write modelled exactly and compared with the database at the end.

    python -m reliability.load                         # 16 clients x 3,000 operations (48,000)
    python -m reliability.load --clients 4 --operations 100 --seed 1

Half the clients write as tenant contoso, half as fabrikam. Prints operations, acknowledged writes,
reads that disagreed with the model, unexpected answers, and lost, phantom and half-applied writes,
then the replay command; exit 0 when all of those are 0, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ios_lob_kit.mock_server.config import ServerConfig, TokenGrant, dev_tokens
from ios_lob_kit.mock_server.runner import run_server
from reliability.state import integrity, snapshot
from reliability.workload import Client, Comparison, compare, run_clients

__all__ = ["LoadResult", "main", "make_clients", "run_load"]


@dataclass
class LoadResult:
    clients: int
    operations: int  # steps run
    acknowledged: int  # writes answered 2xx
    reads: int
    seconds: float
    comparison: Comparison
    stale_reads: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    server_errors: int = 0  # tracebacks in the server's log
    integrity: str = ""

    def failures(self) -> int:
        c = self.comparison
        counts = (len(c.lost), len(c.phantom), len(c.half_applied), len(self.stale_reads), len(self.unexpected))
        return sum(counts) + self.server_errors + (self.integrity != "ok")


def make_clients(tokens: tuple[TokenGrant, ...], count: int, seed: int) -> list[Client]:
    """`count` clients on `dev_tokens()`: the first half write as tenant contoso, the rest as fabrikam."""
    writers = (tokens[0], tokens[2])
    return [Client(i, writers[i * 2 // count].token, writers[i * 2 // count].tenant, seed) for i in range(count)]


def run_load(clients: int = 16, operations: int = 3000, seed: int = 0) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="load-") as folder:
        db_path = Path(folder) / "graph.sqlite3"
        with run_server(ServerConfig(db_path=db_path, tokens=dev_tokens())) as server:
            workers = make_clients(server.tokens, clients, seed)
            started = time.perf_counter()
            steps = asyncio.run(run_clients(server.base_url, workers, operations))
            seconds = time.perf_counter() - started
            comparison = compare(workers, snapshot(db_path))
            server_errors = server.log().count("Traceback")
        return LoadResult(
            clients=clients,
            operations=steps,
            acknowledged=sum(w.acknowledged for w in workers),
            reads=sum(w.reads for w in workers),
            seconds=seconds,
            comparison=comparison,
            stale_reads=[s for w in workers for s in w.stale_reads],
            unexpected=[s for w in workers for s in w.unexpected],
            server_errors=server_errors,
            integrity=integrity(db_path),
        )


def print_comparison(c: Comparison) -> None:
    for name, found in (("lost", c.lost), ("phantom", c.phantom), ("half-applied", c.half_applied)):
        print(f"  {name} writes: {len(found)}")
        for item in found[:10]:
            print(f"    {item}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--operations", type=int, default=3000, help="operations per client (default 3000)")
    parser.add_argument("--seed", type=int, default=0, help="the clients' choices (default 0)")
    args = parser.parse_args(argv)
    for name in ("clients", "operations"):
        if getattr(args, name) < 1:
            parser.error(f"argument --{name}: must be at least 1, got {getattr(args, name)}")
    result = run_load(args.clients, args.operations, args.seed)
    rate = result.operations / result.seconds if result.seconds else 0.0
    print(f"clients: {result.clients}; operations: {result.operations} in {result.seconds:.1f} s ({rate:.0f}/s)")
    print(f"acknowledged writes: {result.acknowledged}; reads checked against the model: {result.reads}")
    print(f"  reads that disagreed with the model: {len(result.stale_reads)}")
    print(f"  unexpected answers (5xx included): {len(result.unexpected)}")
    for item in result.unexpected[:10]:
        print(f"    {item}")
    print_comparison(result.comparison)
    print(f"  server tracebacks: {result.server_errors}; integrity_check: {result.integrity}")
    print(f"verdict: {'PASS' if result.failures() == 0 else 'FAIL'}")
    replay = f"--clients {args.clients} --operations {args.operations} --seed {args.seed}"
    print(f"replay: python -m reliability.load {replay}")
    return 0 if result.failures() == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
