"""`--shard I/N`, `--workers N` and `conformance merge`: N shards run the unsharded run's work once, in any
number of processes, and merge into its results and verdict."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ios_lob_kit.conformance import record
from ios_lob_kit.conformance.merge import MergeError, combine
from ios_lob_kit.conformance.record import Record, conclude
from ios_lob_kit.conformance.results import CheckResult, RunInfo
from ios_lob_kit.conformance.shards import STATE_UNITS, WHOLE, Shard, parse_shard, units
from tests.conformance.broken_servers import Exchange, Rewrite, healthy_app, serve
from tests.conformance.broken_servers.catalogue import no_request_id


@pytest.mark.parametrize("count", [1, 2, 3, 5, 100])
def test_the_shards_split_the_units_once_each_and_keep_the_state_together(count: int) -> None:
    shards = [Shard(index, count) for index in range(1, count + 1)]
    owned = [unit for shard in shards for unit in shard.units()]
    assert sorted(owned) == sorted(units())  # none lost, none twice
    assert set(STATE_UNITS) <= set(shards[0].units())
    assert shards[0].units() == Shard(1, count).units()  # deterministic
    if count > 1:  # the state shard gets the fewest of the rest
        assert len(shards[0].units()) - len(STATE_UNITS) <= min(len(s.units()) for s in shards[1:])


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--shard"):
        parse_shard(text)


def _fingerprint(results: list[CheckResult]) -> dict[tuple[str, str, str], tuple[str, int, tuple[str, ...]]]:
    """What the suite promises is the same for the same seed and target state (test_suite_determinism)."""
    return {
        (r.side.value, r.operation, r.check): (r.outcome.value, r.cases, tuple(sorted(f.title for f in r.failures)))
        for r in results
    }


def _judged(folder: Path) -> list[CheckResult]:
    """The verdict's results of the run (or merge) that wrote `folder`, from its results.json."""
    return conclude(record.read(folder))[1]


_SERVER_MADE = (  # what differs from server to server: ids, and timestamps the stateful phase copies from answers
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE), "<id>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"), "<time>"),
)
Case = tuple[str, str, str, str]


def _case(ex: Exchange) -> Case:
    """A generated case as the server received it, what the server made (ids, which differ from server to
    server and from one shard's run configuration to another's, and timestamps) replaced by placeholders."""
    request = [ex.method, ex.path, ex.query, ex.body.decode("utf-8", "replace")]
    for pattern, placeholder in _SERVER_MADE:
        request = [pattern.sub(placeholder, part) for part in request]
    method, path, query, body = request
    return method, path, query, body


def _recording(app: Any, cases: list[Case]) -> Rewrite:
    """`app`, noting every generated case it receives (schemathesis marks each with a test-case id header;
    the suite's own set-up, scenarios and clean-up do not carry one)."""

    def seen(ex: Exchange) -> None:
        if "x-schemathesis-testcaseid" in ex.headers:
            cases.append(_case(ex))

    return Rewrite(app, before=seen)


_PIPES: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
_WAYS = {"serial": [], "shard-1": ["--shard", "1/2"], "shard-2": ["--shard", "2/2"], "workers": ["--workers", "2"]}


@pytest.mark.slow
def test_shards_merged_and_workers_give_the_serial_runs_results(tmp_path: Path) -> None:
    """One seed, four commands at once, each against a fresh broken server (the same starting state): one
    process; `--shard 1/2` and `--shard 2/2` (as a CI matrix), then `conformance merge`; `--workers 2`
    (its processes on one server). The servers receive the same generated cases: the shards' together are
    the serial run's, none twice and none lost, and so are the workers'. Each way gives the serial run's
    results (per side, operation and check: outcome, cases, failure titles) and the failing verdict the
    server earns."""
    received: dict[str, list[Case]] = {name: [] for name in _WAYS}
    with contextlib.ExitStack() as stack:
        runs, tokens = {}, []
        for name, extra in _WAYS.items():
            app, grants = healthy_app()
            base_url = stack.enter_context(serve(_recording(no_request_id(app, grants), received[name])))
            tokens.append(grants.read_write.token)
            environment = {
                **{key: value for key, value in os.environ.items() if not key.startswith("CONFORMANCE_")},
                "CONFORMANCE_TOKEN": grants.read_write.token,
                "CONFORMANCE_READ_ONLY_TOKEN": grants.read_only.token,
                "CONFORMANCE_OTHER_TENANT_TOKEN": grants.other_tenant.token,
            }
            command = [sys.executable, "-m", "ios_lob_kit.conformance", "--base-url", base_url, "--seed", "7",
                       "--max-examples", "1", "--report-dir", str(tmp_path / name), *extra]  # fmt: skip
            runs[name] = subprocess.Popen(command, env=environment, **_PIPES)
        outputs = {name: run.communicate(timeout=900) for name, run in runs.items()}
    assert {name: run.returncode for name, run in runs.items()} == dict.fromkeys(_WAYS, 1), outputs
    assert not any(token in out + err for token in tokens for out, err in outputs.values())
    assert "[2/2]" in outputs["workers"][1]  # the workers' progress, passed on

    serial_cases = sorted(received["serial"])
    assert len(serial_cases) > 100
    assert received["shard-1"]
    assert received["shard-2"]
    assert sorted(received["shard-1"] + received["shard-2"]) == serial_cases  # no case twice, none lost
    assert sorted(received["workers"]) == serial_cases

    merged_dir = tmp_path / "merged"
    done = subprocess.run(
        [sys.executable, "-m", "ios_lob_kit.conformance", "merge", str(tmp_path / "shard-2"), str(tmp_path / "shard-1"),
         "--report-dir", str(merged_dir)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Verdict: FAILED" in done.stdout
    assert "shard 1/2" in done.stdout  # the state shard is named
    assert "--shard" not in done.stdout.split("Replay:")[-1]
    assert {path.name for path in merged_dir.iterdir()} == {"junit.xml", "report.html", "results.json"}
    for report in ("junit.xml", "report.html"):  # each report names the shard that ran what needs one state
        assert "ran in shard 1/2" in (merged_dir / report).read_text(encoding="utf-8"), report

    serial = _fingerprint(_judged(tmp_path / "serial"))
    assert ("server", "listConfigurations", "request_id") in {k for k, v in serial.items() if v[0] == "failed"}
    assert not any(check == "suite_error" for _, _, check in serial)
    assert _fingerprint(_judged(merged_dir)) == serial
    assert _fingerprint(_judged(tmp_path / "workers")) == serial

    alone = subprocess.run(
        [sys.executable, "-m", "ios_lob_kit.conformance", "merge", str(tmp_path / "shard-1")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert alone.returncode == 2
    assert "expected shards 1/2 to 2/2" in alone.stderr


def test_merge_refuses_records_that_are_not_one_runs_shards(tmp_path: Path) -> None:
    info = RunInfo(target="t", seed=1, max_examples=2, replay_command="scripts/conformance --seed 1")
    one, two = (
        Record(info, (), shard=Shard(index, 2), units=tuple(map(str, Shard(index, 2).units()))) for index in (1, 2)
    )
    with pytest.raises(MergeError, match="each once"):
        combine([one, one])
    with pytest.raises(MergeError, match="different --seed"):
        combine([one, replace(two, info=replace(info, seed=2))])
    with pytest.raises(MergeError, match="not the whole run"):
        combine([one, replace(two, units=two.units[1:])])
    assert combine([two, one]).shard == WHOLE
    (tmp_path / "junk.json").write_text("{}")
    with pytest.raises(record.RecordError, match="not a results file"):
        record.read(tmp_path / "junk.json")
    again = record.read(record.write(tmp_path / "one.json", one))
    assert again == one
