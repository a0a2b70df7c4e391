"""Run openapi-python-client on a spec: the generated package in a folder of your choice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from openapi import CLIENT_CONFIG_PATH, TEMPLATES_PATH

PACKAGE_NAME = "generated_client"
# Left behind by the generator's ruff post-hooks; never part of the golden record.
IGNORED_PARTS = frozenset({".ruff_cache", "__pycache__", ".mypy_cache"})


class GenerationError(RuntimeError):
    """openapi-python-client failed or warned (warnings are failures: `--fail-on-warning`)."""


def generate(spec: Path, destination: Path) -> Path:
    """Generate the client package for `spec` into `destination/generated_client` and return it."""
    return generate_all([(spec, destination)])[0]


def generate_all(jobs: list[tuple[Path, Path]]) -> list[Path]:
    """`generate` for each (spec, destination), the generators running side by side (one per core)."""
    # The post-hooks call `ruff`: use the one installed beside this Python, so output is reproducible.
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    running = [
        (spec, destination / PACKAGE_NAME, subprocess.Popen(
            _command(spec, destination / PACKAGE_NAME), env=env, cwd=destination,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        ))
        for spec, destination in jobs
    ]  # fmt: skip
    failures = []
    for spec, output, process in running:
        printed, _ = process.communicate()
        if process.returncode != 0 or not output.is_dir():
            failures.append(f"openapi-python-client failed on {spec}:\n{printed}")
        for leftover in IGNORED_PARTS:
            shutil.rmtree(output / leftover, ignore_errors=True)
    if failures:
        raise GenerationError("\n".join(failures))
    return [output for _, output, _ in running]


def _command(spec: Path, output: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "openapi-python-client"),
        "generate",
        "--path", str(spec),
        "--config", str(CLIENT_CONFIG_PATH),
        "--custom-template-path", str(TEMPLATES_PATH),
        "--meta", "none",
        "--output-path", str(output),
        "--overwrite",
        "--fail-on-warning",
    ]  # fmt: skip
