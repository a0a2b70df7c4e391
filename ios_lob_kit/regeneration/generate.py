"""Run openapi-python-client on a spec: the generated package in a folder of your choice."""

from __future__ import annotations

import contextlib
import io
import shlex
import shutil
import sys
from pathlib import Path

from ios_lob_kit.openapi import CLIENT_CONFIG_PATH, TEMPLATES_PATH

PACKAGE_NAME = "generated_client"
# Left behind by the generator's ruff post-hooks; never part of the golden record.
IGNORED_PARTS = frozenset({".ruff_cache", "__pycache__", ".mypy_cache"})


class GenerationError(RuntimeError):
    """openapi-python-client failed or warned (warnings are failures: `--fail-on-warning`)."""


def generate(spec: Path, destination: Path) -> Path:
    """Generate the client package for `spec` into `destination/generated_client` and return it."""
    return generate_all([(spec, destination)])[0]


def generate_all(jobs: list[tuple[Path, Path]]) -> list[Path]:
    """`generate` for each (spec, destination), in this process (the generator is imported once)."""
    return [_generate(spec, destination / PACKAGE_NAME) for spec, destination in jobs]


def _generate(spec: Path, output: Path) -> Path:
    """What `openapi-python-client generate --meta none --overwrite --fail-on-warning` does, in process."""
    # Imported here: a run that finds every client in the cache never pays for the generator's import.
    from openapi_python_client import generate as run_generator
    from openapi_python_client.config import Config, ConfigFile, MetaType

    settings = ConfigFile.load_from_path(CLIENT_CONFIG_PATH)
    # The post-hooks call `ruff`: the one installed beside this Python, so output is reproducible.
    ruff = shlex.quote(str(Path(sys.executable).parent / "ruff"))
    hooks = [ruff + hook[4:] if hook.startswith("ruff ") else hook for hook in settings.post_hooks or []]
    config = Config.from_sources(
        settings.model_copy(update={"post_hooks": hooks}), MetaType.NONE, spec, "utf-8", True, output
    )
    with contextlib.redirect_stdout(io.StringIO()):  # "Generating <path>"
        errors = run_generator(config=config, custom_template_path=TEMPLATES_PATH)
    for leftover in IGNORED_PARTS:
        shutil.rmtree(output / leftover, ignore_errors=True)
    if errors or not output.is_dir():  # warnings too, as with --fail-on-warning
        said = "\n".join(f"{error.level.value}: {error.header}: {error.detail or ''}" for error in errors)
        raise GenerationError(f"openapi-python-client failed on {spec}:\n{said}")
    return output
