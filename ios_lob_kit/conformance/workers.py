"""`--workers N`: one run split over N processes on this machine, then merged, as N CI runners would do it.

Each worker is the suite's own command with `--shard I/N`, aimed at this run's target (the embedded server
this process started, or --base-url), its tokens in its environment (never on its command line) and its
report folder in a temporary one. Shard 1 starts first and the others once it said its state units are
done (`StateDone`), so those meet the target as an unsharded run's do. Their progress lines are passed on,
prefixed with their shard; their records are combined (`merge.combine`) into the record of the whole run,
which gives the same results as one process running it with the same seed. Processes rather than threads:
generating and checking cases is Python code under one interpreter lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO

from ios_lob_kit.conformance.context import RunContext
from ios_lob_kit.conformance.errors import RunCannotStart
from ios_lob_kit.conformance.merge import MergeError, combine
from ios_lob_kit.conformance.options import RunOptions
from ios_lob_kit.conformance.record import Record, RecordError, read
from ios_lob_kit.conformance.reporting.progress import STATE_DONE
from ios_lob_kit.conformance.shards import Shard
from ios_lob_kit.conformance.stream import Emit, WorkerSaid, WorkersDone
from ios_lob_kit.conformance.target import Target

__all__ = ["run_workers"]

STOP_WAIT = 60.0  # seconds a worker gets to clean up after an interrupt


def run_workers(run: RunContext, emit: Emit) -> Record:
    """The record of the whole run, its shards run by `--workers` processes at once, their progress to `emit`."""
    options, target = run.options, run.target
    count = options.workers
    with tempfile.TemporaryDirectory(prefix="conformance-workers-") as scratch:
        folders = [Path(scratch) / f"shard-{index}" for index in range(1, count + 1)]
        arguments = options.arguments(base_url=target.base_url)
        environment = _environment(options, target)
        lock = threading.Lock()  # one event at a time: the workers' lines arrive on their own threads

        def said(event: WorkerSaid) -> None:
            with lock:
                emit(event)

        started = time.monotonic()
        workers: list[_Worker] = []
        try:
            # The state shard first: its scenarios and stateful phase meet the target's starting state (the
            # stateful phase follows listings, which would show the other shards' data), then the rest at once.
            workers.append(_Worker(Shard(1, count), arguments, folders[0], environment, said))
            workers[0].wait_for_state()
            for index, folder in enumerate(folders[1:], start=2):
                workers.append(_Worker(Shard(index, count), arguments, folder, environment, said))
            for worker in workers:
                worker.wait()
        finally:
            for worker in workers:
                worker.stop()
        emit(WorkersDone(count, time.monotonic() - started))
        for worker in workers:
            if worker.exit_code not in (0, 1):  # 0 and 1 are verdicts; 2 is a run that could not go on
                raise RunCannotStart(f"worker {worker.shard} stopped (exit {worker.exit_code}): {worker.last_line}")
        try:
            whole = combine([read(folder) for folder in folders])
        except (MergeError, RecordError) as exc:
            raise RunCannotStart(f"the workers' results do not make up one run: {exc}") from None
    # The workers were given a --base-url; the run is this process's, with its own target and replay command.
    return replace(whole, info=replace(whole.info, target=target.description, replay_command=run.replay))


def _environment(options: RunOptions, target: Target) -> dict[str, str]:
    """The workers' environment: this one without CONFORMANCE_* (their options are on their command line),
    plus the run's tokens, or its app registration (each worker asks Entra ID for its own tokens)."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("CONFORMANCE_")}
    app = options.app
    if app is not None:
        environment |= {"AZURE_TENANT_ID": app.tenant_id, "AZURE_CLIENT_ID": app.client_id}
        secrets = {
            "AZURE_CLIENT_SECRET": app.client_secret,
            "AZURE_CLIENT_CERTIFICATE_PATH": str(app.certificate_path) if app.certificate_path else None,
            "AZURE_CLIENT_CERTIFICATE_PASSWORD": app.certificate_password,
        }
        environment |= {name: value for name, value in secrets.items() if value}
    else:
        environment["CONFORMANCE_TOKEN"] = target.token
    tokens = {
        "CONFORMANCE_READ_ONLY_TOKEN": target.read_only_token,
        "CONFORMANCE_OTHER_TENANT_TOKEN": target.other_tenant_token,
    }
    return environment | {name: token for name, token in tokens.items() if token}


class _Worker:
    """One `--shard I/N` process; its progress lines (stderr) go on to the stream as they come."""

    def __init__(
        self, shard: Shard, arguments: list[str], folder: Path, env: dict[str, str], said: Callable[[WorkerSaid], None]
    ) -> None:
        self.shard = shard
        command = [
            sys.executable,
            "-m",
            "ios_lob_kit.conformance",
            *arguments,
            "--shard",
            str(shard),
            "--report-dir",
            str(folder),
        ]
        self._process = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self._lines: deque[str] = deque(maxlen=1)
        self._state_done = threading.Event()
        assert self._process.stderr is not None
        self._reader = threading.Thread(target=self._pass_on, args=(self._process.stderr, said), daemon=True)
        self._reader.start()

    def _pass_on(self, stream: IO[str], said: Callable[[WorkerSaid], None]) -> None:
        for line in stream:
            self._lines.append(line.rstrip())
            if line.rstrip() == STATE_DONE:
                self._state_done.set()
            said(WorkerSaid(str(self.shard), line.rstrip()))
        self._state_done.set()  # the process ended, with or without it

    def wait_for_state(self) -> None:
        """Until the process says its state units are done (`StateDone`), or ends."""
        self._state_done.wait()

    def wait(self) -> None:
        self._process.wait()
        self._reader.join()

    def stop(self) -> None:
        """Interrupt a worker still running (it removes what it created), then end it."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    @property
    def exit_code(self) -> int | None:
        return self._process.returncode

    @property
    def last_line(self) -> str:
        return self._lines[-1] if self._lines else "no output"
