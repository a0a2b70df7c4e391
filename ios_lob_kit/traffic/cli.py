"""`scripts/proxy` and `scripts/judge-traffic`: judge traffic live or from a HAR file; report; exit 0/1/2."""

from __future__ import annotations

import argparse
import shlex
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from ios_lob_kit.conformance.redact import Redactor
from ios_lob_kit.conformance.reporting import console, handlers
from ios_lob_kit.conformance.results import CheckResult, Outcome, verdict
from ios_lob_kit.conformance.stream import Stream
from ios_lob_kit.traffic import har
from ios_lob_kit.traffic.certify import Certification
from ios_lob_kit.traffic.judge import Judge
from ios_lob_kit.traffic.proxy import ProxyApp, Recording

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_REPORT_DIR = Path("reports/traffic")
LOOPBACK = ("127.0.0.1", "::1", "localhost")
REDACT = Redactor(())  # no token is given to the proxy: bearer and basic credentials, URL passwords go


def _report(
    judge: Judge, target: str, report_dir: Path, notes: Sequence[str] = (), extra: Sequence[CheckResult] = ()
) -> int:
    """The verdict through the suite's stream to its handlers: the console summary (stdout), JUnit and HTML
    reports; the exit code of the verdict."""
    report_dir.mkdir(parents=True, exist_ok=True)
    stream = Stream(REDACT, handlers(console.Console(), report_dir))
    judge.publish(stream, target, notes, extra)
    print(f"Reports: {report_dir / 'junit.xml'}, {report_dir / 'report.html'}")
    return EXIT_FAILED if verdict(stream.results) is Outcome.FAILED else EXIT_PASSED


def proxy_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="proxy",
        description="A validating reverse proxy: forwards every request unchanged to --upstream and judges each "
        "exchange against the contract (the client's request and the server's answer). Stops on Ctrl-C, "
        "--duration or --requests, then prints a verdict and writes JUnit and HTML reports.",
    )
    p.add_argument(
        "--upstream", required=True, metavar="URL", help="the API's base URL, e.g. https://graph.microsoft.com/beta"
    )
    p.add_argument("--host", default="127.0.0.1", help="where to listen (default 127.0.0.1: loopback only)")
    p.add_argument("--port", type=int, default=0, help="the port (default: a free one, printed at start)")
    p.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    p.add_argument("--requests", type=int, metavar="N", help="stop after N exchanges")
    p.add_argument(
        "--certify",
        action="store_true",
        help="certify the client: answer its first write 429 with Retry-After, add newer properties and annotations "
        "to answers, keep @odata.nextLink through the proxy; report whether it waited, retried, paged to the end",
    )
    p.add_argument("--retry-after", type=int, default=1, metavar="S", help="with --certify: the 429's Retry-After (1)")
    p.add_argument("--record", type=Path, metavar="FILE", help="also write the exchanges as HAR (secrets redacted)")
    p.add_argument(
        "--report-dir", type=Path, default=DEFAULT_REPORT_DIR, metavar="DIR", help=f"default {DEFAULT_REPORT_DIR}"
    )
    return p


def proxy_main(argv: Sequence[str] | None = None) -> int:
    p = proxy_parser()
    args = p.parse_args(argv)
    upstream = urlsplit(args.upstream)
    if upstream.scheme not in ("http", "https") or not upstream.netloc:
        p.error(f"--upstream {args.upstream!r}: give an http(s) URL with a host")
    if args.requests is not None and args.requests < 1:
        p.error("--requests must be at least 1")
    if args.duration is not None and args.duration <= 0:
        p.error("--duration must be positive")
    try:
        sock = _listen(args.host, args.port)
    except OSError as exc:
        p.error(f"--host {args.host} --port {args.port}: {exc.strerror or exc}")
    recording = Recording()
    certification = Certification(upstream.path or "/", args.retry_after) if args.certify else None
    server = uvicorn.Server(
        uvicorn.Config(
            ProxyApp(args.upstream, recording, certification=certification),
            log_level="error",
            access_log=False,
            lifespan="on",
        )
    )
    if args.requests is not None:
        recording.on_exchange = lambda count: setattr(
            server, "should_exit", server.should_exit or count >= args.requests
        )
    if args.duration is not None:
        timer = threading.Timer(args.duration, lambda: setattr(server, "should_exit", True))
        timer.daemon = True
        timer.start()
    port = sock.getsockname()[1]
    if args.host not in LOOPBACK:
        print(
            f"warning: listening on {args.host}, not loopback: anyone who reaches it can use your upstream",
            file=sys.stderr,
        )
    print(f"proxy: http://{args.host}:{port}{upstream.path} -> {args.upstream} (Ctrl-C stops and reports)", flush=True)
    server.run(sockets=[sock])
    sock.close()
    judge = Judge(base_path=upstream.path or "/", replay=_replay(args))
    for recorded in recording.exchanges:
        judge.add(recorded.exchange, server=not recorded.canned)
    extra: list[CheckResult] = []
    if certification is not None and recording.exchanges:
        start = recording.exchanges[0].started.timestamp()
        timed = [(r.started.timestamp() - start, r.exchange) for r in recording.exchanges]
        extra = certification.results(timed)
    notes = []
    if recording.upstream_errors:
        errors = recording.upstream_errors
        notes.append(f"the upstream was unreachable for {len(errors)} request(s), e.g. {errors[0]}")
    if args.record is not None:
        har.write(args.record, ((r.started, r.seconds, r.exchange) for r in recording.exchanges), REDACT)
        notes.append(f"recorded to {args.record}")
    target = f"{'certification of a client' if args.certify else 'traffic'} through the proxy to {args.upstream}"
    return _report(judge, target, args.report_dir, notes, extra)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)  # connections wait in the backlog until uvicorn accepts: the printed URL works at once
    return sock


def _replay(args: argparse.Namespace) -> str:
    """Judging again: the recording when there is one, else the same proxy command (requests must be sent again)."""
    if args.record is not None:
        return _judge_replay(args.record, urlsplit(args.upstream).path or "/")
    return "scripts/proxy " + " ".join(shlex.quote(a) for a in ("--upstream", args.upstream))


def _judge_replay(recording: Path, base_path: str) -> str:
    return f"scripts/judge-traffic {shlex.quote(str(recording))} --base-path {shlex.quote(base_path)}"


def judge_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="judge-traffic",
        description="Judge recorded traffic (a HAR file: browsers, mitmproxy, schemathesis, or `proxy --record`) "
        "against the contract, offline; print a verdict and write JUnit and HTML reports.",
    )
    p.add_argument("har", type=Path, metavar="FILE.har")
    p.add_argument("--base-path", default="/beta", help="the API's base path in the recorded URLs (default /beta)")
    p.add_argument(
        "--report-dir", type=Path, default=DEFAULT_REPORT_DIR, metavar="DIR", help=f"default {DEFAULT_REPORT_DIR}"
    )
    return p


def judge_main(argv: Sequence[str] | None = None) -> int:
    p = judge_parser()
    args = p.parse_args(argv)
    judge = Judge(base_path=args.base_path, replay=_judge_replay(args.har, args.base_path))
    try:
        for exchange in har.read(args.har):
            judge.add(exchange)
    except har.HarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _report(judge, f"recorded traffic {args.har}", args.report_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m ios_lob_kit.traffic proxy ...` or `python -m ios_lob_kit.traffic judge ...`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"proxy": proxy_main, "judge": judge_main}
    if not argv or argv[0] not in commands:
        print("usage: python -m ios_lob_kit.traffic {proxy,judge} ...", file=sys.stderr)
        return EXIT_USAGE
    return commands[argv[0]](argv[1:])
