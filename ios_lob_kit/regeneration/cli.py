"""`scripts/regenerate`: regenerate the client from the spec and report what the spec change breaks.

After regenerating, it compares the spec with an earlier one (by default the spec at git HEAD) at
two levels: the contract (operations, parameters, schemas, properties, enum and @odata.type values,
each breaking or not for clients and for servers) and the generated client's Python API (griffe).
With --check it changes nothing and fails on drift; add --against or --old to also report changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ios_lob_kit.openapi import SPEC_PATH
from ios_lob_kit.regeneration.cache import clients
from ios_lob_kit.regeneration.changes import baseline
from ios_lob_kit.regeneration.changes.render import Format, render
from ios_lob_kit.regeneration.changes.report import (
    EXIT_BREAKING,
    EXIT_NO_CHANGE,
    EXIT_NON_BREAKING,
    FailOn,
    build_report,
    compare_contracts,
    same_contract,
)
from ios_lob_kit.regeneration.drift import compare, looks_generated, replace
from ios_lob_kit.regeneration.generate import GenerationError

REPO_ROOT = Path(__file__).resolve().parents[2]
EXIT_DRIFT = 1
EXIT_USAGE = 2

EPILOG = f"""\
exit codes:
  {EXIT_NO_CHANGE}  done: regenerated (or --check: no drift), whatever the spec change; with --fail-on,
     only when no change of that level was found
  {EXIT_DRIFT}  --check: the client folder has drifted from the spec
  {EXIT_USAGE}  usage or generation error (bad option, missing or malformed spec, unknown git revision)
  {EXIT_NON_BREAKING}  --fail-on minor: the spec changed and no existing client breaks: additive (a minor
     bump; it may add obligations for servers, such as a new operation or optional request property)
     or documentation only (a patch bump)
  {EXIT_BREAKING}  --fail-on minor or major: the spec changed and existing clients break (the contract,
     or the generated client's API as griffe finds it): a major bump
The report marks whom each change breaks, clients and servers; the exit code and the bump follow clients.
Generated clients are cached by what generates them (REGENERATE_CACHE_DIR; "off" turns it off).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/regenerate",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 and print the diff on drift")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="the spec to generate from (default: %(default)s)")
    parser.add_argument(
        "--client-dir",
        type=Path,
        default=REPO_ROOT / "ios_lob_kit" / "generated_client",
        help="the generated package folder (default: %(default)s)",
    )
    earlier = parser.add_mutually_exclusive_group()
    earlier.add_argument(
        "--against", metavar="REF", help="compare with the spec at this git revision (default without --old: HEAD)"
    )
    earlier.add_argument("--old", metavar="SPEC", type=Path, help="compare with this spec file")
    parser.add_argument(
        "--format",
        type=Format,
        choices=list(Format),
        default=Format.TEXT,
        help="how to write the change report: text, or markdown for a pull request (default: %(default)s)",
    )
    parser.add_argument("--report", metavar="FILE", type=Path, help="also write the change report to FILE")
    parser.add_argument(
        "--fail-on",
        type=FailOn,
        choices=list(FailOn),
        help="exit non-zero on a spec change of this level: minor (3 any change, 4 existing clients break) "
        "or major (4 existing clients break); without it a successful run exits 0",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # In Markdown mode stdout is the report alone, ready to paste; progress goes to stderr.
    status = sys.stderr if args.format is Format.MARKDOWN else sys.stdout
    if not args.spec.is_file():
        print(f"scripts/regenerate: --spec {args.spec}: no such file", file=sys.stderr)
        return EXIT_USAGE
    if args.report is not None and args.report.is_dir():
        print(f"scripts/regenerate: --report {args.report}: is a folder, not a file", file=sys.stderr)
        return EXIT_USAGE
    if args.report is not None and not args.report.resolve().parent.is_dir():
        print(f"scripts/regenerate: --report {args.report}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    if not args.check and not looks_generated(args.client_dir):
        print(f"scripts/regenerate: --client-dir {args.client_dir}: not a generated client; refusing to replace it",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        new = baseline.from_file(args.spec, label=_label(args.spec))
        old: baseline.SpecSource | None
        if args.old is not None:
            old = baseline.from_file(args.old)
        elif args.against is not None:
            old = baseline.from_git(args.against, args.spec, REPO_ROOT)
        else:
            old = None if args.check else baseline.default(args.spec, REPO_ROOT)
        findings = None if old is None else compare_contracts(old, new)  # before anything is written
    except baseline.BaselineError as error:
        print(f"scripts/regenerate: {error}", file=sys.stderr)
        return EXIT_USAGE
    # The new spec's client, and the old one's when the contract changed: from the cache, or generated.
    specs = [(args.spec.name, new.text)]
    if old is not None and not same_contract(old, new):
        specs.append((f"old-{args.spec.name}", old.text))
    try:
        with clients(specs) as generated:
            if args.check:
                drift = compare(generated[0], args.client_dir)
                if not drift.is_empty:
                    print(drift.render())
                    print(
                        f"\n{args.client_dir.name}/ has drifted from {args.spec.name}: run scripts/regenerate.",
                        file=sys.stderr,
                    )
                    return EXIT_DRIFT
                print(f"{args.client_dir.name}/ is exactly what {args.spec.name} generates.", file=status)
            else:
                drift = replace(args.client_dir, generated[0])
                changed = len(drift.added) + len(drift.removed) + len(drift.changed)
                print(
                    f"Regenerated {args.client_dir.name}/ from {args.spec.name}: {changed} file(s) changed.",
                    file=status,
                )
            if old is None:
                if not args.check:
                    print("No earlier spec to compare with (git HEAD has none): no change report.", file=status)
                return EXIT_NO_CHANGE
            old_client = generated[1] if len(generated) > 1 else None
            report = build_report(old, new, args.client_dir, findings, old_client)
    except GenerationError as error:
        print(f"scripts/regenerate: {error}", file=sys.stderr)
        return EXIT_USAGE
    rendered = render(report, args.format)
    print(("\n" if status is sys.stdout else "") + rendered)
    if args.report is not None:
        try:
            args.report.write_text(rendered + "\n", encoding="utf-8")
        except OSError as error:
            print(f"scripts/regenerate: --report {args.report}: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
    return report.exit_code(args.fail_on)


def _label(spec: Path) -> str:
    resolved = spec.resolve()
    return resolved.relative_to(REPO_ROOT).as_posix() if resolved.is_relative_to(REPO_ROOT) else str(spec)


if __name__ == "__main__":
    sys.exit(main())
