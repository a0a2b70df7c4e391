"""`python -m ios_lob_kit.mock_server` / `ios-lob-mock-server` / `scripts/serve`: run the reference server.

Prints `base URL: ...`, then (with generated development tokens) `token: ...`, `read-only token: ...`,
`other-tenant token: ...`, then `database: ...`, one per line, once the port listens; then serves.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import ssl
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from ios_lob_kit.mock_server.config import (
    MAX_BODY_BYTES,
    TOKEN_LIFETIME_S,
    AppRegistration,
    ServerConfig,
    TokenGrant,
    dev_tokens,
    is_postgres_url,
)

__all__ = ["ENV_PREFIX", "build_parser", "default_db_path", "load_apps", "load_tokens", "main"]

ENV_PREFIX = "IOS_LOB_MOCK_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def default_db_path() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "ios-lob-mock-server" / "graph.sqlite3"


def _env(name: str, default: str) -> str:
    return os.environ.get(ENV_PREFIX + name, default)


def _env_flag(parser: argparse.ArgumentParser, name: str) -> bool:
    value = _env(name, "").strip().lower()
    if value not in _TRUE | _FALSE:
        parser.error(f"environment variable {ENV_PREFIX}{name}: expected true or false, got {value!r}")
    return value in _TRUE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ios-lob-mock-server",
        description="The reference server of the iOS LOB app provisioning assignments contract (Graph beta), "
        f"under /beta. Every option has an environment variable default ({ENV_PREFIX}<OPTION>).",
    )
    parser.add_argument("--host", default=_env("HOST", "127.0.0.1"), help="interface (IOS_LOB_MOCK_HOST; 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=_env("PORT", "8000"), help="TCP port, 0 for a free one (IOS_LOB_MOCK_PORT; 8000)"
    )
    storage = parser.add_mutually_exclusive_group()
    storage.add_argument(
        "--db",
        default=_env("DB", str(default_db_path())),
        help="SQLite database file, created if missing, or a postgresql:// URL of a database that several "
        "server processes share (password in PGPASSWORD or ~/.pgpass, not the URL) "
        f"(IOS_LOB_MOCK_DB; {default_db_path()})",
    )
    storage.add_argument("--in-memory", action="store_true", help="keep data in memory only (IOS_LOB_MOCK_IN_MEMORY)")
    parser.add_argument(
        "--throttle", action="store_true", help="enforce 100 writes / 20 s per tenant with 429 (IOS_LOB_MOCK_THROTTLE)"
    )
    parser.add_argument(
        "--page-size", type=int, default=_env("PAGE_SIZE", "100"), help="items per page (IOS_LOB_MOCK_PAGE_SIZE; 100)"
    )
    parser.add_argument(
        "--tokens-file",
        type=Path,
        default=_env("TOKENS_FILE", "") or None,
        help="JSON list of {token, tenant, scopes} to accept instead of printed development tokens "
        "(IOS_LOB_MOCK_TOKENS_FILE); its tokens are never printed",
    )
    parser.add_argument(
        "--apps-file",
        type=Path,
        default=_env("APPS_FILE", "") or None,
        help="JSON list of app registrations {tenant, client_id, scopes, client_secret and/or certificate (PEM)}: "
        "serves their tenants' token endpoint, /{tenant}/oauth2/v2.0/token, as Entra ID does "
        "(IOS_LOB_MOCK_APPS_FILE); use with --tls-cert, as the Microsoft libraries need HTTPS",
    )
    parser.add_argument(
        "--token-lifetime",
        type=int,
        default=_env("TOKEN_LIFETIME", str(TOKEN_LIFETIME_S)),
        help=f"seconds a token from the token endpoint is accepted (IOS_LOB_MOCK_TOKEN_LIFETIME; {TOKEN_LIFETIME_S})",
    )
    parser.add_argument(
        "--as-graph",
        action="store_true",
        help="answer as real Graph is documented to where it differs from the contract: the seed's collection "
        "PATCH is 400 'No method match route template' (IOS_LOB_MOCK_AS_GRAPH)",
    )
    parser.add_argument(
        "--tls-cert",
        type=Path,
        default=_env("TLS_CERT", "") or None,
        help="serve HTTPS: certificate chain, PEM (IOS_LOB_MOCK_TLS_CERT)",
    )
    parser.add_argument(
        "--tls-key",
        type=Path,
        default=_env("TLS_KEY", "") or None,
        help="serve HTTPS: its private key, PEM (IOS_LOB_MOCK_TLS_KEY)",
    )
    parser.add_argument("--max-body-bytes", type=int, default=MAX_BODY_BYTES, help=argparse.SUPPRESS)
    parser.add_argument("--throttle-writes", type=int, default=100, help=argparse.SUPPRESS)
    parser.add_argument("--throttle-requests", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--throttle-window", type=float, default=20.0, help=argparse.SUPPRESS)
    parser.add_argument("--debug-commit-delay", type=float, default=0.0, help=argparse.SUPPRESS)
    return parser


def load_tokens(path: Path) -> tuple[TokenGrant, ...]:
    """Grants from a JSON file: `[{"token": "...", "tenant": "...", "scopes": ["..."]}, ...]`."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not entries:
        raise ValueError("expected a non-empty JSON list")
    grants = []
    for entry in entries:
        token, tenant, scopes = entry.get("token"), entry.get("tenant"), entry.get("scopes")
        if not (isinstance(token, str) and isinstance(tenant, str) and isinstance(scopes, list)):
            raise ValueError("each entry needs token (string), tenant (string) and scopes (list)")
        grants.append(TokenGrant(token, tenant, frozenset(str(scope) for scope in scopes)))
    return tuple(grants)


def load_apps(path: Path) -> tuple[AppRegistration, ...]:
    """App registrations from a JSON file:
    `[{"tenant": "...", "client_id": "...", "scopes": ["..."], "client_secret": "...", "certificate": "PEM"}]`."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not entries:
        raise ValueError("expected a non-empty JSON list")
    apps = []
    for entry in entries:
        tenant, client_id, scopes = entry.get("tenant"), entry.get("client_id"), entry.get("scopes")
        if not (isinstance(tenant, str) and isinstance(client_id, str) and isinstance(scopes, list)):
            raise ValueError("each entry needs tenant (string), client_id (string) and scopes (list)")
        secret, certificate = entry.get("client_secret"), entry.get("certificate")
        if not (secret is None or isinstance(secret, str)) or not (certificate is None or isinstance(certificate, str)):
            raise ValueError("client_secret and certificate are strings")
        apps.append(AppRegistration(tenant, client_id, frozenset(map(str, scopes)), secret, certificate))
    return tuple(apps)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(2048)
    return sock


def _stop_when_orphaned(parent: int) -> None:
    """Set by the runner: shut down gracefully once the process that started us is gone (even by kill -9)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    in_memory = args.in_memory or _env_flag(parser, "IN_MEMORY")
    throttle = args.throttle or _env_flag(parser, "THROTTLE")
    if not 0 <= args.port <= 65535:
        parser.error(f"argument --port: {args.port} is not a TCP port (0-65535)")
    printed: list[tuple[str, TokenGrant]] = []
    if args.tokens_file is not None:
        try:
            tokens = load_tokens(args.tokens_file)
        except (OSError, ValueError, AttributeError) as exc:
            parser.error(f"argument --tokens-file: {args.tokens_file}: {exc}")
    else:
        tokens = dev_tokens()
        printed = list(zip(("token", "read-only token", "other-tenant token"), tokens, strict=True))
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("arguments --tls-cert and --tls-key go together")
    apps: tuple[AppRegistration, ...] = ()
    if args.apps_file is not None:
        try:
            apps = load_apps(args.apps_file)
        except (OSError, ValueError, AttributeError) as exc:
            parser.error(f"argument --apps-file: {args.apps_file}: {exc}")
    try:
        config = ServerConfig(
            db_path=None if in_memory or is_postgres_url(args.db) else Path(args.db),
            db_url=None if in_memory or not is_postgres_url(args.db) else args.db,
            tokens=tokens,
            throttle=throttle,
            page_size=args.page_size,
            max_body_bytes=args.max_body_bytes,
            throttle_writes=args.throttle_writes,
            throttle_requests=args.throttle_requests,
            throttle_window_s=args.throttle_window,
            apps=apps,
            token_lifetime_s=args.token_lifetime,
            as_graph=args.as_graph or _env_flag(parser, "AS_GRAPH"),
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            commit_delay_s=args.debug_commit_delay,
        )
    except ValueError as exc:
        parser.error(str(exc))

    if config.tls_cert is not None and config.tls_key is not None:
        try:  # the same load uvicorn does, now, so a bad file is a usage error rather than a traceback
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(config.tls_cert, config.tls_key)
        except (OSError, ssl.SSLError) as exc:
            parser.error(f"argument --tls-cert/--tls-key: cannot load {config.tls_cert} with {config.tls_key}: {exc}")

    import psycopg  # the server stack loads only once the options are known to be good
    import uvicorn

    from ios_lob_kit.mock_server.app import create_app
    from ios_lob_kit.mock_server.backends import redact_url
    from ios_lob_kit.mock_server.http11 import StrictHttpToolsProtocol

    shown_db = "in-memory" if config.db_path is None else str(config.db_path)
    if config.db_url is not None:
        try:
            shown_db = redact_url(config.db_url)
        except psycopg.Error as exc:
            parser.error(f"argument --db: not a valid postgresql:// URL: {str(exc).strip()}")
    try:
        app = create_app(config)
    except (OSError, sqlite3.Error, psycopg.Error) as exc:
        parser.error(f"argument --db: cannot open {shown_db}: {str(exc).strip()}")
    try:
        sock = _listen(args.host, args.port)
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    host, port = sock.getsockname()[:2]
    shown_host = f"[{host}]" if ":" in host else host
    scheme = "http" if config.tls_cert is None else "https"
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            loop="uvloop",
            http=StrictHttpToolsProtocol,  # httptools, RFC 9112-strict, refusals as Graph errors
            lifespan="on",
            access_log=False,  # request lines could carry secrets; none are logged
            log_config=None,
            log_level="warning",
            server_header=False,
            ssl_certfile=config.tls_cert,
            ssl_keyfile=config.tls_key,
        )
    )

    def stop_early(_signum: int, _frame: object) -> None:
        server.should_exit = True  # a Ctrl-C before uvicorn takes the signals over (it could be lost in an import)

    signal.signal(signal.SIGINT, stop_early)
    signal.signal(signal.SIGTERM, stop_early)
    print(f"base URL: {scheme}://{shown_host}:{port}/beta")
    for label, grant in printed:
        print(f"{label}: {grant.token}")
    print(f"database: {shown_db}", flush=True)
    parent = os.environ.get(ENV_PREFIX + "PARENT_PID", "")
    if parent.isdigit():
        threading.Thread(target=_stop_when_orphaned, args=(int(parent),), daemon=True).start()
    server.run(sockets=[sock])
    return 0
