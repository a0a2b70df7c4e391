"""`--rate-limit`: one rate for every request, or one per kind (writes, reads), given to schemathesis' own rate
limiting; a bad value is a usage error naming the option."""

from __future__ import annotations

from typing import Any

import pytest

from ios_lob_kit.conformance import cli, engine
from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.target import Target


def _limiters(*rates: str) -> dict[str, Any]:
    base_url = "http://127.0.0.1:9/beta"
    target = Target(base_url, fixed("t"), read_only_token=None, other_tenant_token=None, embedded=False)
    schema = engine.build_schema(RunContext.for_target(RunOptions(base_url, "t", rate_limit=rates), target))
    operations = (result.ok() for result in schema.get_all_operations())
    return {op.definition.raw["operationId"]: schema.config.rate_limit_for(operation=op) for op in operations}


def test_a_rate_per_kind_is_one_limiter_shared_by_that_kind() -> None:
    limiters = _limiters("writes=2/s", "10/s")
    writes = {id(limiters[op]) for op in spec.WRITES}
    reads = {id(limiter) for op, limiter in limiters.items() if op not in spec.WRITES}
    assert len(writes) == len(reads) == 1  # one bucket for all writes, the overall one for all reads
    assert writes != reads


def test_without_a_rate_schemathesis_waits_out_retry_after_and_a_kind_alone_paces_only_that_kind() -> None:
    assert set(map(str, _limiters().values())) == {"auto"}
    limiters = _limiters("reads=50/s")
    assert {str(limiters[op]) for op in spec.WRITES} == {"auto"}
    assert all(str(limiter) != "auto" for op, limiter in limiters.items() if op not in spec.WRITES)


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (["5/x"], "--rate-limit 5/x: expected requests per unit"),
        (["deletes=5/s"], "--rate-limit deletes=5/s: expected requests per unit"),
        (["writes=5/s", "writes=1/m"], "--rate-limit writes=1/m: a rate for writes is already given (5/s)"),
        (["5/s", "6/s"], "--rate-limit 6/s: a rate for all is already given (5/s)"),
    ],
)
def test_a_bad_rate_is_a_usage_error_naming_the_option(
    capsys: pytest.CaptureFixture[str], values: list[str], said: str
) -> None:
    argv = [arg for value in values for arg in ("--rate-limit", value)]
    assert cli.main(argv) == cli.EXIT_USAGE
    assert capsys.readouterr().err.strip().startswith(f"error: {said}")


def test_rates_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFORMANCE_RATE_LIMIT", "40/s writes=5/s")
    monkeypatch.setenv("CONFORMANCE_MAX_WRITES", "200")
    options = cli.options_from(cli.parser().parse_args([]))
    assert options.rate_limit == ("40/s", "writes=5/s")
    assert options.max_writes == 200
    assert "--rate-limit 40/s --rate-limit writes=5/s" in options.replay_command()
    assert "--max-writes 200" in options.replay_command()


def test_a_budget_too_small_for_the_run_itself_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--max-writes", "2"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.startswith("error: --max-writes 2: a run needs at least 3")


def test_a_flag_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFORMANCE_RATE_LIMIT", "40/s")
    options = cli.options_from(cli.parser().parse_args(["--rate-limit", "5/s"]))
    assert options.rate_limit == ("5/s",)
