"""`python -m reliability.hostile`: hostile and ambiguous requests against a fresh reference server.

Starts the server on a loopback port with a database file in a temporary folder, creates one
configuration with one assignment, then sends each case (reliability.cases) on its own connection and
checks: an answer came (no reset or silent close), no 5xx, no 2xx (every case is invalid), the body is
a Graph OData error, and the stored state (read from the database file after every case) is unchanged.
Prints the counts and the replay command; exit 0 when every count is 0, 1 otherwise, 2 on a usage error.

    python -m reliability.hostile                    # every case (about 1,950), under a minute
    python -m reliability.hostile --seed 3 --budget 200
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from reliability.cases import Case, Target, build_cases
from reliability.state import snapshot
from reliability.wire import Answer, exchange

__all__ = ["Finding", "Tally", "choose", "main", "run_hostile"]

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    operation: str
    status: int | None
    detail: str


@dataclass
class Tally:
    seed: int
    budget: int | None
    pool: int = 0  # distinct cases the generator made
    sent: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    no_answer: list[Finding] = field(default_factory=list)  # reset, closed, timed out
    server_errors: list[Finding] = field(default_factory=list)  # 5xx
    accepted: list[Finding] = field(default_factory=list)  # 2xx for an invalid request
    changed_state: list[Finding] = field(default_factory=list)
    not_graph_application: list[Finding] = field(default_factory=list)
    not_graph_http: list[Finding] = field(default_factory=list)
    server_tracebacks: int = 0

    def failures(self) -> int:
        return (
            sum(
                len(found)
                for found in (
                    *(self.no_answer, self.server_errors, self.accepted, self.changed_state),
                    *(self.not_graph_application, self.not_graph_http),
                )
            )
            + self.server_tracebacks
        )


def choose(cases: list[Case], budget: int | None, seed: int) -> list[Case]:
    """`budget` cases (all when None), taken in turn from each kind's seeded shuffle: every kind shows."""
    rng = random.Random(seed)
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.kind, []).append(case)
    for group in groups.values():
        rng.shuffle(group)
    chosen: list[Case] = []
    limit = len(cases) if budget is None else min(budget, len(cases))
    while len(chosen) < limit:
        for group in groups.values():
            if group and len(chosen) < limit:
                chosen.append(group.pop())
    return chosen


def _prepare(server: RunningServer) -> Target:
    rw, ro, other = server.tokens
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {rw.token}"}) as http:
        config = http.post(CONFIGS, json={"displayName": "hostile target", "version": 1})
        config.raise_for_status()
        config_id: str = config.json()["id"]
        target = {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g-1"}
        assignment = http.post(f"{CONFIGS}/{config_id}/assignments", json={"target": target})
        assignment.raise_for_status()
    url = urlsplit(server.base_url)
    return Target(url.netloc, url.path, rw.token, ro.token, other.token, config_id, assignment.json()["id"])


def _judge(case: Case, answer: Answer, tally: Tally) -> None:
    def finding(detail: str) -> Finding:
        return Finding(case.kind, case.label, case.operation, answer.status, detail)

    status = answer.status
    tally.by_status[str(status)] = tally.by_status.get(str(status), 0) + 1
    if status is None:
        tally.no_answer.append(finding(answer.failure or "no answer"))
        return
    if status >= 500:
        tally.server_errors.append(finding(answer.body[:200].decode("utf-8", "replace")))
    elif status < 400:
        tally.accepted.append(finding(f"answered {status}"))
    if status >= 400 and not case.head and not answer.is_graph_error():
        shown = f"{answer.headers.get('content-type', 'no content type')}: {answer.body[:120]!r}"
        (tally.not_graph_http if case.layer == "http" else tally.not_graph_application).append(finding(shown))


def run_hostile(seed: int = 0, budget: int | None = None, timeout: float = 10.0) -> Tally:
    tally = Tally(seed=seed, budget=budget)
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        db_path = Path(folder) / "graph.sqlite3"
        with run_server(ServerConfig(db_path=db_path, tokens=dev_tokens())) as server:
            target = _prepare(server)
            cases = build_cases(target)
            tally.pool = len(cases)
            url = urlsplit(server.base_url)
            host, port = url.hostname or "127.0.0.1", url.port or 80
            before = snapshot(db_path)
            for case in choose(cases, budget, seed):
                answer = exchange(host, port, case.raw, head=case.head, timeout=timeout)
                tally.sent += 1
                tally.by_kind[case.kind] = tally.by_kind.get(case.kind, 0) + 1
                _judge(case, answer, tally)
                after = snapshot(db_path)
                if after != before:
                    tally.changed_state.append(Finding(case.kind, case.label, case.operation, answer.status, ""))
                    before = after
            tally.server_tracebacks = server.log().count("Traceback")
    return tally


def _print(tally: Tally, replay: str) -> None:
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(tally.by_kind.items()))
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(tally.by_status.items()))
    print(f"hostile requests: {tally.sent} sent of {tally.pool} distinct ({kinds})")
    print(f"answers by status: {statuses}")
    rows = [
        ("no answer (reset, closed, timed out)", tally.no_answer),
        ("5xx", tally.server_errors),
        ("invalid request accepted (2xx/3xx)", tally.accepted),
        ("state changed", tally.changed_state),
        ("error body not a Graph error, application", tally.not_graph_application),
        ("error body not a Graph error, HTTP layer", tally.not_graph_http),
    ]
    for name, found in rows:
        print(f"  {name}: {len(found)}")
        for item in found[:10]:
            print(f"    {item.kind} / {item.operation} / {item.label}: {item.status} {item.detail}")
    print(f"  server tracebacks: {tally.server_tracebacks}")
    print(f"verdict: {'PASS' if tally.failures() == 0 else 'FAIL'}")
    print(f"replay: {replay}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="picks and orders the cases (default 0)")
    parser.add_argument("--budget", type=int, default=None, help="how many cases (default: every one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.budget is not None and args.budget < 1:
        parser.error(f"argument --budget: must be at least 1, got {args.budget}")
    tally = run_hostile(args.seed, args.budget)
    replay = f"python -m reliability.hostile --seed {args.seed}" + (
        f" --budget {args.budget}" if args.budget is not None else ""
    )
    _print(tally, replay)
    if args.json is not None:
        args.json.write_text(json.dumps(asdict(tally), indent=2) + "\n", encoding="utf-8")
    return 0 if tally.failures() == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
