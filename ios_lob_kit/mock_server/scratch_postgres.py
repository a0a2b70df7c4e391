"""A throwaway PostgreSQL cluster on loopback, for tests and benchmarks (never for real data).

    with scratch_cluster() as cluster:
        url = cluster.create_database()  # postgresql://kit@127.0.0.1:PORT/kit_...

`initdb` in a temporary folder, `pg_ctl start` on a free port of 127.0.0.1 (socket in that folder too),
trust authentication, removed on exit. Run as root, the server runs as the `postgres` user (PostgreSQL
refuses root). The binaries come from PATH or Debian's /usr/lib/postgresql/<version>/bin
(`apt-get install postgresql`).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

__all__ = ["PostgresUnavailable", "ScratchCluster", "find_bindir", "scratch_cluster"]

USER = "kit"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (or no user to run them as)."""


def find_bindir() -> Path | None:
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).parent / "initdb").exists():
        return Path(on_path).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class ScratchCluster:
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"kit_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def scratch_cluster(*, fsync: bool = True) -> Iterator[ScratchCluster]:
    """`fsync=False` is for tests that kill server processes, not the database: faster on a busy disk."""
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    run_as: dict[str, Any] = {}
    folder = Path(tempfile.mkdtemp(prefix="kit-postgres-"))
    try:
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root and no 'postgres' user to run PostgreSQL as") from None
            os.chown(folder, account.pw_uid, account.pw_gid)
            run_as = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        data, port = folder / "data", _free_port()
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"]
        subprocess.run([*initdb, "--no-sync"], check=True, capture_output=True, **run_as)
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
        options += "" if fsync else " -c fsync=off -c full_page_writes=off"
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60"]
        started = subprocess.run([*pg_ctl, "-o", options, "start"], capture_output=True, text=True, **run_as)
        if started.returncode != 0:
            log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {started.stderr.strip()}\n{log[-2000:]}")
        try:
            yield ScratchCluster(port)
        finally:
            subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True, **run_as)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
