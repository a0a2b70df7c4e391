"""`--shard I/N`: which share of a run's work this process does, so N machines run exactly one run.

The run's work is a list of units, each one (side, phase, operation): schemathesis' examples, coverage
and fuzzing phases and the client side's request and response fuzzing, per operation. Hypothesis seeds
each operation's test in each phase from the run's seed alone, so a unit generates the same cases in any
process, whatever else that process runs: N shards with one seed generate exactly the unsharded run's
cases, none twice. Splitting finer, by generated case, would make every shard generate every case to
find its own, and shrinking a failure would cross shards.

Work that needs one state runs whole in the state shard (shard 1): the Graph scenarios (multi-request
behaviours, read-only and other-tenant probes), schemathesis' stateful phase (sequences through the
spec's links) and the client side's end-to-end calls. The other units are dealt in a fixed order, one
at a time, to shards 2..N and then 1, so the state shard gets the fewest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ios_lob_kit.openapi.index import spec_index

__all__ = ["STATE_SHARD", "STATE_UNITS", "WHOLE", "Shard", "Unit", "parse_shard", "units"]

STATE_SHARD = 1
SERVER_PHASES = ("examples", "coverage", "fuzzing")  # per operation; "stateful" is one state unit
CLIENT_PHASES = ("requests", "responses", "out_of_spec")  # per operation; "end_to_end" is one state unit


@dataclass(frozen=True, order=True)
class Unit:
    side: str  # "server" or "client"
    phase: str
    operation: str  # an operationId, or "*" for a unit over the whole API

    def __str__(self) -> str:
        return f"{self.side}:{self.phase}:{self.operation}"


STATE_UNITS = (
    Unit("server", "scenarios", "*"),
    Unit("server", "stateful", "*"),
    Unit("client", "end_to_end", "*"),
)


def units() -> tuple[Unit, ...]:
    """Every unit of an unsharded run, in the fixed order they are dealt (spec order within a phase)."""
    operations = [op.operation_id for op in spec_index().operations]
    spread = [Unit("server", phase, op) for phase in SERVER_PHASES for op in operations]
    spread += [Unit("client", phase, op) for phase in CLIENT_PHASES for op in operations]
    return STATE_UNITS + tuple(spread)


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def has_state(self) -> bool:
        return self.index == STATE_SHARD

    def units(self) -> tuple[Unit, ...]:
        """This shard's units: the state units in shard 1, then every count-th of the rest."""
        owned = list(STATE_UNITS) if self.has_state else []
        spread = units()[len(STATE_UNITS) :]
        # Dealt to shards 2, 3, ..., N, 1, 2, ...: position p goes to shard (p + 1) % N + 1.
        owned += [unit for position, unit in enumerate(spread) if (position + 1) % self.count + 1 == self.index]
        return tuple(owned)

    def owns(self, side: str, phase: str, operation: str = "*") -> bool:
        return Unit(side, phase, operation) in self._owned

    def operations(self, side: str, phase: str) -> tuple[str, ...]:
        """The operations whose `phase` this shard runs (a whole-API unit gives "*")."""
        return tuple(unit.operation for unit in self.units() if unit.side == side and unit.phase == phase)

    @property
    def _owned(self) -> frozenset[Unit]:
        return frozenset(self.units())


WHOLE = Shard(1, 1)  # an unsharded run: one shard that owns every unit


def parse_shard(text: str) -> Shard:
    """`I/N` with 1 <= I <= N; anything else is a ValueError naming --shard."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"--shard {text!r}: expected I/N, e.g. 2/4")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise ValueError(f"--shard {text}: I must be between 1 and N")
    return Shard(index, count)
