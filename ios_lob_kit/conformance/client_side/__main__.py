"""`python -m ios_lob_kit.conformance.client_side --seed N --max-examples N [--base-url U]`: the client side alone.

Checks whichever `generated_client` comes first on `sys.path` (so a broken copy can be put first).
The token for `--base-url` comes from `--token` or `CONFORMANCE_TOKEN`. Exit 0 passed, 1 failures, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys

from ios_lob_kit.conformance.client_side.run import run_client_side
from ios_lob_kit.conformance.credentials import fixed
from ios_lob_kit.conformance.options import Only, RunOptions
from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.reporting import progress
from ios_lob_kit.conformance.stream import Event, ResultFound, Stream


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ios_lob_kit.conformance.client_side", description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-examples", type=int, default=RunOptions.max_examples)
    parser.add_argument("--base-url", default=None, help="a server for the end-to-end calls (default: skip them)")
    parser.add_argument("--token", default=os.environ.get("CONFORMANCE_TOKEN"), help=argparse.SUPPRESS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    if args.max_examples < 1 or (args.base_url and not args.token):
        print("error: --max-examples must be positive; --base-url needs a token (CONFORMANCE_TOKEN)", file=sys.stderr)
        return 2
    options = RunOptions(base_url=args.base_url, token=args.token, seed=args.seed,
                         max_examples=args.max_examples, only=Only.CLIENT)  # fmt: skip
    stream = Stream(Redactor(options.secrets()), [_print])  # like the main run: no token in any line printed
    credential = fixed(args.token) if args.token else None
    for result in run_client_side(options, args.base_url, credential, stream.emit):
        stream.emit(ResultFound(result))
    return 1 if any(result.failures for result in stream.results) else 0


def _print(event: Event) -> None:
    """Progress lines to stderr; one line per result (and its failures) to stdout."""
    if not isinstance(event, ResultFound):
        line = progress.line(event)
        if line is not None:
            print(line, file=sys.stderr)
        return
    result = event.result
    print(f"{result.outcome.value:8} {result.operation:22} {result.check}  {result.reason}".rstrip())
    for failure in result.failures:
        print(f"    {failure.title}: {failure.message}\n    minimal example: {failure.example}")


if __name__ == "__main__":
    sys.exit(main())
