"""`scripts/conformance` / `ios-lob-conformance`: parse options (flags or env vars), run, report, exit 0/1/2."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import httpx

from ios_lob_kit.conformance.credentials import AppRegistration
from ios_lob_kit.conformance.errors import RunCannotStart, UsageError
from ios_lob_kit.conformance.options import FLAGS, MIN_WRITES, OPERATIONS, Flag, RunOptions, rate_limits
from ios_lob_kit.conformance.reporting import console, handlers, reports_line
from ios_lob_kit.conformance.results import Outcome, verdict
from ios_lob_kit.conformance.shards import parse_shard
from ios_lob_kit.conformance.stream import Event, Handler

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
HELP_WIDTH = 100  # fixed, so the README's copy of --help matches on any terminal

EPILOG = """\
Without --base-url, the suite starts the embedded reference server on a free port with a fresh
database and uses its three development tokens (read-write, read-only, another tenant).

Every option defaults from an environment variable: CONFORMANCE_BASE_URL, CONFORMANCE_TOKEN,
CONFORMANCE_READ_ONLY_TOKEN, CONFORMANCE_OTHER_TENANT_TOKEN, CONFORMANCE_CONFIGURATION_ID,
CONFORMANCE_SEED, CONFORMANCE_MAX_EXAMPLES, CONFORMANCE_REPORT_DIR, CONFORMANCE_ONLY,
CONFORMANCE_READ_ONLY (true/false), CONFORMANCE_MAX_WRITES, CONFORMANCE_RATE_LIMIT and
CONFORMANCE_OPTIONAL (both space-separated), CONFORMANCE_SHARD, CONFORMANCE_WORKERS.

What a run creates is named `conformance-run-<seed> ...` and deleted when the run ends (also after
Ctrl-C); --cleanup deletes what a run killed outright left, and only that.

`conformance merge PATH... [--report-dir DIR]` merges the report folders of the N runs of one
--shard I/N split into one summary, JUnit and HTML report and one verdict (same exit codes).

An app registration's variables are the usual AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
AZURE_CLIENT_CERTIFICATE_PATH (and _PASSWORD), AZURE_AUTHORITY_HOST; they apply only with --base-url.

Exit codes: 0 every check passed (skips allowed), 1 a check failed, 2 usage or connection error
(unreachable URL, rejected token), said in one line.
"""


PROGRAM_VARIABLE = "IOS_LOB_CONFORMANCE_PROGRAM"  # set by scripts/conformance to the path it was run as


def invoked_as() -> str:
    """The command as the user ran it, for --help and the replay line: scripts/conformance (as typed), the
    installed console script (its name when found on PATH), or `python -m ios_lob_kit.conformance`."""
    wrapper = os.environ.get(PROGRAM_VARIABLE)
    if wrapper:
        return wrapper
    script = Path(sys.argv[0])
    if script.name in ("", "-c"):  # run from Python code (`main()` called in-process): the documented command
        return "scripts/conformance"
    if script.name == "__main__.py":
        return f"{sys.orig_argv[0]} -m ios_lob_kit.conformance"
    return script.name if shutil.which(script.name) == str(script) else str(script)


def parser(prog: str = "scripts/conformance") -> argparse.ArgumentParser:
    """The options; `prog` is how --help and the replay line name the command (main passes `invoked_as()`)."""
    p = argparse.ArgumentParser(
        prog=prog,
        description="Fuzz a server (and the generated client) against the iOS LOB app provisioning\n"
        "assignments contract; print a verdict and write JUnit and HTML reports.",
        epilog=EPILOG,
        formatter_class=lambda prog: argparse.RawDescriptionHelpFormatter(prog, width=HELP_WIDTH),
    )
    groups: dict[str | None, argparse._ActionsContainer] = {None: p}
    for flag in FLAGS:
        if flag.group not in groups:
            groups[flag.group] = p.add_argument_group(flag.group)
        groups[flag.group].add_argument(f"--{flag.name}", help=flag.help, **_argparse(flag))  # type: ignore[arg-type]
    # A mode of the command line, not an option of a run (so not a flag of the pytest plugin).
    p.add_argument(
        "--cleanup",
        action="store_true",
        help="run nothing: delete the configurations earlier runs left at --base-url (displayName starting "
        "conformance-run-<seed>), and only those",
    )
    p.add_argument("--dry-run", action="store_true", help="with --cleanup: list what it would delete")
    p.set_defaults(program=prog)
    return p


def _argparse(flag: Flag) -> dict[str, object]:
    """How argparse reads `flag`, its default from the environment. Defaults stay strings: argparse converts
    them with `_converter`, so a bad environment value is reported like a bad flag (exit 2), naming both."""
    given = os.environ.get(flag.variable) or None
    if flag.kind == "switch":
        return {"action": "store_true", "default": (given or "").lower() in ("1", "true", "yes")}
    if flag.kind == "list":  # default None: `_listed` takes the environment's only when no flag is given
        return {"action": "append", "default": None, "choices": flag.choices, "metavar": flag.metavar}
    default = _FromEnvironment(given) if given else flag.default
    return {"type": _converter(flag), "default": default, "choices": flag.choices, "metavar": flag.metavar}


class _FromEnvironment(str):
    """A default read from the flag's environment variable (argparse hands it to the converter as it is)."""


_EXPECTED: dict[Callable[[str], object], str] = {int: "an integer"}


def _converter(flag: Flag) -> Callable[[str], object]:
    """`flag.type`, with argparse's error (after "argument --NAME:") saying what was wrong, where it came from
    (the environment variable, when it did) and which values are valid."""

    def convert(value: str) -> object:
        given = f"{flag.variable}={value!r}" if isinstance(value, _FromEnvironment) else repr(value)
        if flag.choices is not None and value not in flag.choices:
            raise argparse.ArgumentTypeError(f"{given} is not one of: {', '.join(flag.choices)}")
        try:
            return flag.type(value)
        except (TypeError, ValueError):
            raise argparse.ArgumentTypeError(f"{given} is not {_EXPECTED.get(flag.type, 'valid')}") from None

    return convert


def _app_registration(args: argparse.Namespace) -> AppRegistration | None:
    """The app registration the options describe, when one is meant; a partial or ambiguous one is a usage error."""
    given = {
        "--tenant-id": args.tenant_id,
        "--client-id": args.client_id,
        "--client-secret": args.client_secret,
        "--client-certificate": args.client_certificate,
    }
    if not any(given.values()):
        return None
    if args.base_url is None:
        return None  # the embedded reference server has its own tokens (AZURE_* set for other tools are fine)
    missing = [name for name in ("--tenant-id", "--client-id") if not given[name]]
    if missing:
        raise UsageError(f"an app registration needs {' and '.join(missing)} (or AZURE_TENANT_ID/AZURE_CLIENT_ID)")
    if bool(args.client_secret) == bool(args.client_certificate):
        raise UsageError("an app registration needs exactly one of --client-secret and --client-certificate")
    if args.token:
        raise UsageError("both --token and an app registration (--client-id) given: pass one")
    if not args.authority.startswith("https://"):
        raise UsageError(f"--authority {args.authority}: Microsoft's libraries need an https:// authority")
    return AppRegistration(
        tenant_id=args.tenant_id,
        client_id=args.client_id,
        client_secret=args.client_secret,
        certificate_path=args.client_certificate,
        certificate_password=os.environ.get("AZURE_CLIENT_CERTIFICATE_PASSWORD") or None,
        authority=args.authority.rstrip("/"),
    )


def options_from(args: argparse.Namespace) -> RunOptions:
    if args.max_examples < 1:
        raise UsageError("--max-examples must be at least 1")
    if args.read_only and not args.configuration_id:
        raise UsageError("--read-only needs --configuration-id: the existing configuration to read")
    if args.max_writes is not None and args.max_writes < MIN_WRITES:
        raise UsageError(
            f"--max-writes {args.max_writes}: a run needs at least {MIN_WRITES} (its configuration's create, "
            "group assignment and delete); --read-only sends none"
        )
    rates = _listed(args, "rate-limit")
    try:
        rate_limits(rates)
    except ValueError as exc:
        raise UsageError(f"--rate-limit {exc}") from None
    optional = _listed(args, "optional")
    unknown = [operation for operation in optional if operation not in OPERATIONS]
    if unknown:  # a flag's value argparse checked; the environment's is checked here
        raise UsageError(f"--optional {unknown[0]}: not an operation of the spec ({', '.join(OPERATIONS)})")
    try:
        shard = parse_shard(args.shard)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.workers > 1 and shard.count > 1:
        raise UsageError("--workers with --shard: run each shard's process yourself, or one run with --workers")
    if args.workers > 1 and args.max_writes is not None:
        raise UsageError("--workers with --max-writes: the budget is one process's; run one process")
    if args.workers > 1 and rates:
        raise UsageError("--workers with --rate-limit: a paced target gains nothing from more processes")
    if args.report_dir is not None:
        _check_writable(args.report_dir)
    return RunOptions(
        base_url=args.base_url,
        token=args.token,
        read_only_token=args.read_only_token,
        other_tenant_token=args.other_tenant_token,
        configuration_id=args.configuration_id,
        seed=args.seed,
        max_examples=args.max_examples,
        report_dir=args.report_dir,
        only=args.only,
        app=_app_registration(args),
        rate_limit=tuple(rates),
        read_only=args.read_only,
        optional=tuple(dict.fromkeys(optional)),
        max_writes=args.max_writes,
        program=args.program,
        shard=shard,
        workers=args.workers,
    )


def _listed(args: argparse.Namespace, name: str) -> list[str]:
    """A repeatable flag's values, or its environment variable's (space-separated) when none is given."""
    given: list[str] | None = getattr(args, name.replace("-", "_"))
    if given is not None:
        return given
    flag = next(flag for flag in FLAGS if flag.name == name)
    return (os.environ.get(flag.variable) or "").split()


def _check_writable(folder: Path) -> None:
    """Create the report folder and write a probe file in it now, so a bad one is exit 2 before the run."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--report-dir {folder}: not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise UsageError(f"--report-dir {folder}: cannot write there ({exc.strerror or type(exc).__name__})") from None


@contextmanager
def _interrupts() -> Iterator[list[int]]:
    """Notes every Ctrl-C of the run, then raises KeyboardInterrupt as Python does. A KeyboardInterrupt caught
    inside the engine let a run go on to a verdict and exit 0 (seen in CI); an interrupted run gets none."""
    seen: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        seen.append(signum)
        signal.default_int_handler(signum, frame)

    previous = signal.signal(signal.SIGINT, on_signal)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _hypothesis_storage() -> Iterator[None]:
    """Hypothesis keeps a cache in `.hypothesis/` of the current folder: a run's goes to a temporary folder
    removed at its end (no run carries state into the next; HYPOTHESIS_STORAGE_DIRECTORY, when set, wins)."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        yield
        return
    from hypothesis.configuration import set_hypothesis_home_dir

    with tempfile.TemporaryDirectory(prefix="conformance-hypothesis-") as folder:
        set_hypothesis_home_dir(folder)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def _stop_when(interrupted: list[int]) -> Handler:
    """A handler first in line: once a Ctrl-C was seen, the run stops at its next event. Schemathesis may
    swallow the interrupt and run on (tens of seconds), and the report writers would then overwrite the
    previous reports with an interrupted run's."""

    def guard(_event: Event) -> None:
        if interrupted:
            raise KeyboardInterrupt

    return guard


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["merge"]:
        from ios_lob_kit.conformance.merge import main as merge

        return merge(argv[1:])
    args = parser(invoked_as()).parse_args(argv)
    if args.cleanup or args.dry_run:
        return _cleanup(args)
    from ios_lob_kit.conformance.runner import run_suite  # imports schemathesis: only once the options parse

    try:
        with _interrupts() as interrupted, _hypothesis_storage():
            options = options_from(args)
            _info, results = run_suite(
                options, _stop_when(interrupted), *handlers(console.Console(), options.report_dir)
            )
    except RunCannotStart as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        interrupted.append(signal.SIGINT)
    if interrupted:  # also when a library swallowed the KeyboardInterrupt and the run went on to its end
        print("error: interrupted; no verdict", file=sys.stderr)
        return EXIT_USAGE
    if options.report_dir is not None:  # checked writable by options_from, written by the handlers
        print(reports_line(options.report_dir))
    return EXIT_FAILED if verdict(results) is Outcome.FAILED else EXIT_PASSED


def _cleanup(args: argparse.Namespace) -> int:
    """`--cleanup [--dry-run]`: delete what earlier runs left; 0 done, 1 some could not be deleted, 2 usage."""
    from ios_lob_kit.conformance import markers
    from ios_lob_kit.conformance.target import open_target

    try:
        if not args.cleanup:
            raise UsageError("--dry-run goes with --cleanup")
        if args.base_url is None:
            raise UsageError("--cleanup needs --base-url: the embedded reference server starts empty")
        args.report_dir = None  # nothing to report: no folder made for it
        options = options_from(args)
        with open_target(options) as target:
            failed = markers.clean_up(target.base_url, target.credential, dry_run=args.dry_run, say=print)
    except RunCannotStart as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except httpx.HTTPError as exc:
        print(f"error: cannot list the configurations: {type(exc).__name__} {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_PASSED
