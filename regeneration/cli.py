"""`scripts/regenerate [--check]`: regenerate the client from the spec, or prove it has not drifted.

Exit codes: 0 done / no drift, 1 drift found by --check, 2 usage or generation error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openapi import SPEC_PATH
from regeneration.generate import GenerationError, check, regenerate

REPO_ROOT = Path(__file__).resolve().parents[1]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/regenerate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 and print the diff on drift")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="the spec to generate from (default: %(default)s)")
    parser.add_argument(
        "--client-dir",
        type=Path,
        default=REPO_ROOT / "generated_client",
        help="the generated package folder (default: %(default)s)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.spec.is_file():
        print(f"scripts/regenerate: --spec {args.spec}: no such file", file=sys.stderr)
        return 2
    try:
        if args.check:
            drift = check(args.client_dir, args.spec)
            if drift.is_empty:
                print(f"{args.client_dir.name}/ is exactly what {args.spec.name} generates.")
                return 0
            print(drift.render())
            print(
                f"\n{args.client_dir.name}/ has drifted from {args.spec.name}: run scripts/regenerate.", file=sys.stderr
            )
            return 1
        drift = regenerate(args.client_dir, args.spec)
    except GenerationError as error:
        print(f"scripts/regenerate: {error}", file=sys.stderr)
        return 2
    changed = len(drift.added) + len(drift.removed) + len(drift.changed)
    print(f"Regenerated {args.client_dir.name}/ from {args.spec.name}: {changed} file(s) changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
