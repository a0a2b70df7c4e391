"""`scripts/conformance` / `ios-lob-conformance`: parse options (flags or env vars), run, report, exit 0/1/2."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from conformance.credentials import PUBLIC_CLOUD, AppRegistration
from conformance.events import EngineFatalError
from conformance.options import Only, RunOptions
from conformance.reporting import console, html, junit
from conformance.results import Outcome, verdict
from conformance.target import TargetError
from openapi.index import spec_index

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_REPORT_DIR = Path("reports/conformance")
RATE = re.compile(r"[1-9][0-9]*/[smhd]")  # schemathesis' rate syntax
OPERATIONS = [operation.operation_id for operation in spec_index().operations]
HELP_WIDTH = 100  # fixed, so the README's copy of --help matches on any terminal

EPILOG = """\
Without --base-url, the suite starts the embedded reference server on a free port with a fresh
database and uses its three development tokens (read-write, read-only, another tenant).

Every option defaults from an environment variable: CONFORMANCE_BASE_URL, CONFORMANCE_TOKEN,
CONFORMANCE_READ_ONLY_TOKEN, CONFORMANCE_OTHER_TENANT_TOKEN, CONFORMANCE_CONFIGURATION_ID,
CONFORMANCE_SEED, CONFORMANCE_MAX_EXAMPLES, CONFORMANCE_REPORT_DIR, CONFORMANCE_ONLY,
CONFORMANCE_READ_ONLY (true/false), CONFORMANCE_RATE_LIMIT, CONFORMANCE_OPTIONAL (space-separated).

An app registration's variables are the usual AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
AZURE_CLIENT_CERTIFICATE_PATH (and _PASSWORD), AZURE_AUTHORITY_HOST; they apply only with --base-url.

Exit codes: 0 every check passed (skips allowed), 1 a check failed, 2 usage or connection error
(unreachable URL, rejected token), said in one line.
"""


def _env(name: str) -> str | None:
    # Defaults stay strings: argparse converts them with the option's type, so a bad environment value
    # is reported like a bad flag (exit 2).
    return os.environ.get(f"CONFORMANCE_{name}") or None


def _azure(name: str) -> str | None:
    return os.environ.get(f"AZURE_{name}") or None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="conformance",
        description="Fuzz a server (and the generated client) against the iOS LOB app provisioning\n"
        "assignments contract; print a verdict and write JUnit and HTML reports.",
        epilog=EPILOG,
        formatter_class=lambda prog: argparse.RawDescriptionHelpFormatter(prog, width=HELP_WIDTH),
    )
    p.add_argument("--base-url", default=_env("BASE_URL"), metavar="URL", help="the API's base URL, including /beta")
    p.add_argument("--token", default=_env("TOKEN"), metavar="T", help="a DeviceManagementApps.ReadWrite.All token")
    app = p.add_argument_group(
        "app registration (instead of --token; tokens from Entra ID through azure-identity, renewed as they expire)"
    )
    app.add_argument("--tenant-id", default=_azure("TENANT_ID"), metavar="ID", help="the tenant (AZURE_TENANT_ID)")
    app.add_argument("--client-id", default=_azure("CLIENT_ID"), metavar="ID", help="the app's id (AZURE_CLIENT_ID)")
    app.add_argument(
        "--client-secret",
        default=_azure("CLIENT_SECRET"),
        metavar="S",
        help="its secret (AZURE_CLIENT_SECRET; prefer the variable: a flag shows in the process list)",
    )
    app.add_argument(
        "--client-certificate",
        type=Path,
        default=_azure("CLIENT_CERTIFICATE_PATH"),
        metavar="PATH",
        help="or its certificate, PEM with the key or PKCS#12 (AZURE_CLIENT_CERTIFICATE_PATH; a password in "
        "AZURE_CLIENT_CERTIFICATE_PASSWORD)",
    )
    app.add_argument(
        "--authority",
        default=_azure("AUTHORITY_HOST") or PUBLIC_CLOUD,
        metavar="URL",
        help=f"the Entra ID host (AZURE_AUTHORITY_HOST; default {PUBLIC_CLOUD}; a national cloud's, or "
        "the reference server's token endpoint)",
    )
    p.add_argument(
        "--read-only-token",
        default=_env("READ_ONLY_TOKEN"),
        metavar="T",
        help="a DeviceManagementApps.Read.All token: enables the 403-on-write checks",
    )
    p.add_argument(
        "--other-tenant-token",
        default=_env("OTHER_TENANT_TOKEN"),
        metavar="T",
        help="another tenant's token: enables the tenant-isolation checks",
    )
    p.add_argument(
        "--configuration-id",
        default=_env("CONFIGURATION_ID"),
        metavar="ID",
        help="also read this existing configuration (never written: writes go to a scratch one the run deletes)",
    )
    p.add_argument("--seed", type=int, default=_env("SEED") or "0", metavar="N", help="the run's seed (default 0)")
    p.add_argument(
        "--max-examples",
        type=int,
        default=_env("MAX_EXAMPLES") or str(RunOptions.max_examples),
        metavar="N",
        help=f"generated cases per operation and phase (default {RunOptions.max_examples})",
    )
    p.add_argument(
        "--read-only",
        action="store_true",
        default=(_env("READ_ONLY") or "").lower() in ("1", "true", "yes"),
        help="send no write of any kind: only documented reads of --configuration-id (and what it lists); "
        "for production tenants",
    )
    p.add_argument(
        "--rate-limit",
        default=_env("RATE_LIMIT"),
        metavar="RATE",
        help="pace requests, e.g. 5/s or 300/m (default: none; a 429's Retry-After is waited out and the "
        "request sent again)",
    )
    p.add_argument(
        "--optional",
        action="append",
        default=(_env("OPTIONAL") or "").split(),
        choices=OPERATIONS,
        metavar="OPERATION",
        help="an operation the target may leave unimplemented (repeatable): listed as not implemented "
        "instead of failing the run",
    )
    p.add_argument(
        "--report-dir",
        type=Path,
        default=Path(_env("REPORT_DIR") or DEFAULT_REPORT_DIR),
        metavar="DIR",
        help=f"where junit.xml and report.html go (default {DEFAULT_REPORT_DIR})",
    )
    p.add_argument(
        "--only",
        type=Only,
        choices=list(Only),
        default=_env("ONLY") or Only.BOTH.value,
        help="run both sides (default), only the server side or only the client side",
    )
    return p


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
        raise TargetError(f"an app registration needs {' and '.join(missing)} (or AZURE_TENANT_ID/AZURE_CLIENT_ID)")
    if bool(args.client_secret) == bool(args.client_certificate):
        raise TargetError("an app registration needs exactly one of --client-secret and --client-certificate")
    if args.token:
        raise TargetError("both --token and an app registration (--client-id) given: pass one")
    if not args.authority.startswith("https://"):
        raise TargetError(f"--authority {args.authority}: Microsoft's libraries need an https:// authority")
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
        raise TargetError("--max-examples must be at least 1")
    if args.read_only and not args.configuration_id:
        raise TargetError("--read-only needs --configuration-id: the existing configuration to read")
    if args.rate_limit is not None and not RATE.fullmatch(args.rate_limit):
        raise TargetError(f"--rate-limit {args.rate_limit}: expected requests per unit, e.g. 5/s, 300/m or 1000/h")
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
        rate_limit=args.rate_limit,
        read_only=args.read_only,
        optional=tuple(dict.fromkeys(args.optional)),
    )


def _check_writable(folder: Path) -> None:
    """Create the report folder and write a probe file in it now, so a bad one is exit 2 before the run."""
    if folder.exists() and not folder.is_dir():
        raise TargetError(f"--report-dir {folder}: not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise TargetError(f"--report-dir {folder}: cannot write there ({exc.strerror or type(exc).__name__})") from None


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from conformance.runner import run_suite  # imports schemathesis: only once the options parse

    try:
        with _interrupts() as interrupted:
            options = options_from(args)
            info, results = run_suite(options, console.ConsoleProgress())
    except (TargetError, EngineFatalError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        interrupted.append(signal.SIGINT)
    if interrupted:  # also when a library swallowed the KeyboardInterrupt and the run went on to its end
        print("error: interrupted; no verdict", file=sys.stderr)
        return EXIT_USAGE
    print(console.render(info, results))
    if options.report_dir is not None:  # checked writable by options_from
        written = [
            junit.write(options.report_dir / "junit.xml", info, results),
            html.write(options.report_dir / "report.html", info, results),
        ]
        print("Reports: " + ", ".join(str(path) for path in written))
    return EXIT_FAILED if verdict(results) is Outcome.FAILED else EXIT_PASSED
