"""Every exception the suite raises on purpose, in one tree:

    ConformanceError
    ├── RunCannotStart        the run stops before a verdict: exit 2, said in one line (never a traceback)
    │   ├── UsageError        a bad option value (--max-examples 0, a --report-dir it cannot write to)
    │   ├── TargetError       the target cannot be checked (unreachable, wrong base path, a token refused,
    │   │   │                 a --token that cannot write, an unknown --configuration-id)
    │   │   └── TargetStopped the target stopped answering mid-run: no verdict on what could not be checked
    │   └── EngineError       schemathesis refused to run at all (the spec or its configuration)
    ├── CheckFailed           one check's verdict on one case (also an AssertionError): a short title, what
    │                         arrived versus what the spec documents, and the check's name when known
    ├── NotExercised          a check could not exercise what it checks on this target (the server never
    │                         paged): a skip with the reason, never a pass
    ├── BudgetSpent           a write was not sent: the run's --max-writes budget is spent (what needed it
    │                         is skipped, and said so)
    └── CredentialError       (ios_lob_kit.conformance.credentials) no token from an app registration; a TargetError
                              when the first probe meets it

Checks are plain functions raising `CheckFailed`; whoever runs a check turns it into a failed `CheckResult`
(the schemathesis engine gets it as its own `Failure`, see `ios_lob_kit.conformance.engine`). Anything else a check
raises is a bug of the suite: the run still ends in a verdict, with a failed `suite_error` result.
"""

from __future__ import annotations


class ConformanceError(Exception):
    """The root of the suite's own exceptions."""


class RunCannotStart(ConformanceError):
    """The run cannot go on: the command exits 2 with this one-line reason."""


class UsageError(RunCannotStart):
    """An option's value is unusable; the message names the option."""


class TargetError(RunCannotStart):
    """The target cannot be checked; the message names the option to fix, never a token."""


class TargetStopped(TargetError):
    """The target stopped answering during the run ("target stopped answering during fuzzing: ...")."""


class EngineError(RunCannotStart):
    """Schemathesis could not run at all (the spec or the configuration was refused)."""


class CheckFailed(ConformanceError, AssertionError):
    """A check's verdict on one case: `title` is short, `message` says what arrived and what the spec says.

    `check` names the check when the raiser knows it (a client-side check); the runner of a named check
    fills it in otherwise."""

    def __init__(self, title: str, message: str, *, check: str = "", defect: str = "") -> None:
        super().__init__(f"{check}: {title}: {message}" if check else f"{title}: {message}")
        self.title = title
        self.message = message
        self.check = check
        self.defect = defect  # what is wrong when other checks may see it too: the reports then say it once

    def named(self, check: str, *, suffix: str = "") -> CheckFailed:
        """The same verdict under `check`'s name, its message followed by `suffix` (e.g. " (async)")."""
        return CheckFailed(self.title, self.message + suffix, check=check, defect=self.defect)


class NotExercised(ConformanceError):
    """A check could not exercise what it checks on this target (e.g. the server never paged): a skip with
    the reason, never a pass."""


class BudgetSpent(ConformanceError):
    """A write was not sent: the run's `--max-writes` budget is spent (the caller skips that work)."""
