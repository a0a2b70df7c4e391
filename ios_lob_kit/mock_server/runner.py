"""Start the reference server as a subprocess on a free loopback port (tests, the conformance suite).

    with run_server(ServerConfig(db_path=None, tokens=dev_tokens())) as server:
        server.base_url  # http://127.0.0.1:PORT/beta

Tokens (and app registrations) reach the subprocess in 0600 files named by environment variables (never
on its command line), deleted as soon as the server is up; the server does not print them.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ios_lob_kit.mock_server.cli import ENV_PREFIX
from ios_lob_kit.mock_server.config import ServerConfig, TokenGrant, dev_tokens

__all__ = ["RunningServer", "ServerStartError", "run_server"]


class ServerStartError(RuntimeError):
    """The server process exited or did not print its base URL in time."""


@dataclass
class RunningServer:
    base_url: str  # ends in /beta
    config: ServerConfig
    process: subprocess.Popen[bytes]
    _stderr: IO[bytes]

    @property
    def tokens(self) -> tuple[TokenGrant, ...]:
        """The grants the server accepts (with `dev_tokens()`: read-write, read-only, other tenant)."""
        return self.config.tokens

    def kill(self) -> None:
        """SIGKILL, as a crash would: no shutdown code runs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM (graceful shutdown), then SIGKILL if it takes longer than `timeout`."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        """What the server wrote to stderr so far (warnings, tracebacks of unexpected errors)."""
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")


def _arguments(config: ServerConfig, host: str, port: int) -> list[str]:
    args = ["--host", host, "--port", str(port), "--page-size", str(config.page_size)]
    if config.db_path is not None:
        args += ["--db", str(config.db_path)]
    elif config.db_url is None:
        args.append("--in-memory")
    if config.throttle:
        args.append("--throttle")
    args += ["--max-body-bytes", str(config.max_body_bytes)]
    args += ["--throttle-writes", str(config.throttle_writes), "--throttle-requests", str(config.throttle_requests)]
    args += ["--throttle-window", repr(config.throttle_window_s)]
    args += ["--token-lifetime", str(config.token_lifetime_s)]
    if config.as_graph:
        args.append("--as-graph")
    if config.tls_cert is not None and config.tls_key is not None:
        args += ["--tls-cert", str(config.tls_cert), "--tls-key", str(config.tls_key)]
    if config.commit_delay_s:
        args += ["--debug-commit-delay", repr(config.commit_delay_s)]
    return args


def _write_secret(path: Path, entries: list[dict[str, Any]]) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle)
    return path


def _write_tokens(config: ServerConfig, directory: Path) -> Path:
    entries = [{"token": g.token, "tenant": g.tenant, "scopes": sorted(g.scopes)} for g in config.tokens]
    return _write_secret(directory / "tokens.json", entries)


def _write_apps(config: ServerConfig, directory: Path) -> Path:
    entries = [
        {
            "tenant": app.tenant,
            "client_id": app.client_id,
            "scopes": sorted(app.scopes),
            "client_secret": app.secret,
            "certificate": app.certificate,
        }
        for app in config.apps
    ]
    return _write_secret(directory / "apps.json", entries)


def _await_base_url(process: subprocess.Popen[bytes], timeout: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                raise ServerStartError(f"the server exited with status {process.wait(timeout=10)} before listening")
            buffer += chunk
            for line in buffer.decode("utf-8", "replace").splitlines():
                if line.startswith("base URL: "):
                    return line.removeprefix("base URL: ").strip()
    raise ServerStartError(f"the server printed no base URL within {timeout:g} s")


@contextmanager
def run_server(
    config: ServerConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    startup_timeout: float = 30.0,
) -> Iterator[RunningServer]:
    """Run `python -m ios_lob_kit.mock_server` with `config` (default: in-memory, fresh development tokens) until
    exit."""
    config = config or ServerConfig(db_path=None, tokens=dev_tokens())
    env = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    secrets_dir = Path(tempfile.mkdtemp(prefix="ios-lob-mock-"))
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the server; closed below)
    process: subprocess.Popen[bytes] | None = None
    try:
        env[ENV_PREFIX + "TOKENS_FILE"] = str(_write_tokens(config, secrets_dir))
        if config.apps:
            env[ENV_PREFIX + "APPS_FILE"] = str(_write_apps(config, secrets_dir))
        env[ENV_PREFIX + "PARENT_PID"] = str(os.getpid())  # the server stops if this process dies
        if config.db_url is not None:  # a URL may hold a password: not on the command line
            env[ENV_PREFIX + "DB"] = config.db_url
        process = subprocess.Popen(
            [sys.executable, "-m", "ios_lob_kit.mock_server", *_arguments(config, host, port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
        )
        try:
            base_url = _await_base_url(process, startup_timeout)
        except ServerStartError as exc:
            stderr.seek(0)
            raise ServerStartError(f"{exc}\n{stderr.read().decode('utf-8', 'replace')[-4000:]}") from None
        finally:
            shutil.rmtree(secrets_dir, ignore_errors=True)
        server = RunningServer(base_url, config, process, stderr)
        yield server
    finally:
        shutil.rmtree(secrets_dir, ignore_errors=True)
        if process is not None:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
        stderr.close()
