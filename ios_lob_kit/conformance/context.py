"""The state of one run, built by the runner and handed to each producer: no run state lives in a module.

It holds the target and its redactor, the replay command (built once), the configuration the run works in
and the scratch one it writes to instead of a given one, its writes (the `--max-writes` budget, and what
they created, deleted when the run ends), and what each operation's answers were (`Exercise`, read by the
verdict).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.exercise import Exercise
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.target import Target
from ios_lob_kit.conformance.writes import Leftovers, WriteBudget


@dataclass
class RunContext:
    options: RunOptions
    target: Target
    redact: Redactor  # applied once, by the stream, to every event that leaves the run
    replay: str  # the command that runs this run again, redacted (tokens come from the environment)
    configuration_id: str | None = None  # the configuration the run works in, once it has one
    scratch: dict[str, str] = field(default_factory=dict)  # a given configuration's id -> where its writes go
    writes: WriteBudget = field(default_factory=lambda: WriteBudget(None, Leftovers()))  # what they sent, created
    exercise: Exercise = field(default_factory=lambda: Exercise(list(spec.operations())))  # each operation's answers
    # The requests that made what the run works in (its configuration): a reproduction sends them first.
    made: tuple[Exchange, ...] = ()
    reached: set[str] = field(default_factory=set)  # the operations a generated case reached
    items: dict[str, str] = field(default_factory=dict)  # an item read's operation -> a real item's id, to read
    items_listed: bool = False  # `items` were looked up (a given configuration's are looked up once)
    state_done: bool = False  # the state shard said its state units are done (`StateDone`)

    @classmethod
    def for_target(cls, options: RunOptions, target: Target) -> RunContext:
        redact = Redactor(options.secrets() + target.secrets(), live=target.issued)  # tokens issued mid-run too
        writes = WriteBudget(options.max_writes, Leftovers())  # --max-writes, and what the run still must delete
        return cls(options, target, redact, redact(options.replay_command()), writes=writes)

    def writable(self, configuration_id: str) -> str:
        """Where the run may write when aiming at `configuration_id`: itself if the run created it, else its scratch."""
        return self.scratch.get(configuration_id, configuration_id)

    def kept(self) -> set[str]:
        """The configurations the run works in: a generated DELETE must never reach them."""
        working = self.configuration_id
        return set() if working is None else {working, self.writable(working)}
