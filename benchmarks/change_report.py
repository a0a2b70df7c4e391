"""The change report's speed: `scripts/regenerate --old` now against the report before the cache.

    python -m benchmarks.change_report [--rounds 5] [--baseline-revision REV]

Each run is the whole command (`python -m ios_lob_kit.regeneration.cli --old OLD --spec NEW --client-dir DIR`, what
`scripts/regenerate` runs once .venv is set up) in a fresh process, wall time and CPU time (user +
system). The baseline is the kit at `--baseline-revision` (the report before this benchmark existed:
it generated both clients every time), extracted from git into a scratch folder and run with the same
venv. Scenarios:

- first comparison after an edit: the old spec's client is cached (it was generated when the old
  spec was current), the edited spec is new, so one client is generated (a new edit every round);
- repeated comparison: both clients cached (CI comparing the same two specs again);
- no change: the old and new specs have the same contract;
- cold cache: an empty cache, both clients generated (a fresh machine).
oasdiff (`oasdiff breaking OLD NEW`) is timed too when it is on PATH; it is a Go program that no
registry this kit installs from (PyPI, npm, Debian) packages.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import jsonpatch
import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "ios_lob_kit" / "openapi" / "ios-lob-app-provisioning-assignments.yaml"
BASELINE_REVISION = "9f455e2"  # the change report before its cache, --fail-on and corpus


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of one run."""
    cpu, start = _cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if result.returncode not in (0, 3, 4):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return wall, _cpu() - cpu, result.returncode


def edited(base: dict[str, Any], round_number: int) -> dict[str, Any]:
    """A new optional response property (a real contract change), different in every round."""
    collection = "/components/schemas/iosLobAppProvisioningConfigurationCollectionResponse"
    where = f"{collection}/properties/@odata.delta{round_number}"
    patch = [{"op": "add", "path": where, "value": {"type": "string"}}]
    spec: dict[str, Any] = jsonpatch.apply_patch(json.loads(json.dumps(base)), patch)
    return spec


def extract(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-revision", default=BASELINE_REVISION)
    args = parser.parse_args(argv)
    base = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    results: dict[str, list[tuple[float, float]]] = {}

    with tempfile.TemporaryDirectory(prefix="bench-change-report-") as scratch_name:
        scratch = Path(scratch_name)
        old_spec = scratch / "old.yaml"
        old_spec.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
        baseline_tree = extract(args.baseline_revision, scratch / "baseline")
        shutil.copytree(ROOT / "ios_lob_kit" / "generated_client", scratch / "client" / "generated_client")
        client = scratch / "client" / "generated_client"
        env = dict(os.environ, REGENERATE_CACHE_DIR=str(scratch / "cache"))
        python = str(Path(sys.executable))

        def kit(tree: Path, new_spec: Path, extra_env: dict[str, str] | None = None) -> tuple[float, float]:
            # A revision from before the kit became one package (the baseline) has the module at the top level.
            module = "ios_lob_kit.regeneration.cli" if (tree / "ios_lob_kit").is_dir() else "regeneration.cli"
            command = [python, "-m", module, "--old", str(old_spec), "--spec", str(new_spec)]
            command += ["--client-dir", str(client)]
            wall, cpu, _ = timed(command, tree, {**env, **(extra_env or {}), "PYTHONPATH": str(tree)})
            return wall, cpu

        kit(ROOT, old_spec)  # the old spec's client, cached as it is when that spec was current

        def first(tree: Path, n: int) -> tuple[float, float]:
            return kit(tree, write(scratch / f"first-{tree.name}-{n}.yaml", edited(base, n)))

        def repeated(tree: Path, n: int) -> tuple[float, float]:
            return kit(tree, write(scratch / "repeated.yaml", edited(base, 0)))

        def unchanged(tree: Path, n: int) -> tuple[float, float]:
            return kit(tree, old_spec)

        def cold(n: int) -> tuple[float, float]:
            cache = {"REGENERATE_CACHE_DIR": str(scratch / f"cold-{n}")}
            return kit(ROOT, write(scratch / "cold.yaml", edited(base, 0)), cache)

        scenarios: dict[str, Callable[[int], tuple[float, float]]] = {}
        for label, tree in (("now", ROOT), ("baseline", baseline_tree)):
            scenarios[f"first comparison after an edit ({label})"] = functools.partial(first, tree)
            scenarios[f"repeated comparison ({label})"] = functools.partial(repeated, tree)
            scenarios[f"no change ({label})"] = functools.partial(unchanged, tree)
        scenarios["cold cache (now)"] = cold
        oasdiff = shutil.which("oasdiff")
        if oasdiff:
            new_spec = write(scratch / "oasdiff.yaml", edited(base, 0))
            command = [oasdiff, "breaking", str(old_spec), str(new_spec)]
            scenarios["oasdiff breaking"] = lambda _: timed(command, ROOT, env)[:2]
        kit(ROOT, write(scratch / "repeated.yaml", edited(base, 0)))  # warm the repeated scenario
        for round_number in range(1, args.rounds + 1):  # rounds alternate between the contenders
            for name, run in scenarios.items():
                results.setdefault(name, []).append(run(round_number))

    report(results, args)
    return 0


def write(path: Path, spec: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def report(results: dict[str, list[tuple[float, float]]], args: argparse.Namespace) -> None:
    median = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
              for name, runs in results.items()}  # fmt: skip
    print(f"change report, {args.rounds} rounds, medians; baseline: the kit at {args.baseline_revision}")
    print(f"{'scenario':48} {'wall':>8} {'CPU':>8} {'wall vs baseline':>17}")
    for name, (wall, cpu) in median.items():
        baseline = median.get(name.replace("(now)", "(baseline)"))
        ratio = f"{wall / baseline[0]:.2f}x" if baseline and "(now)" in name else ""
        print(f"{name:48} {wall:7.2f}s {cpu:7.2f}s {ratio:>17}")
    if "oasdiff breaking" not in median:
        print("oasdiff: not on PATH (no Debian, PyPI or npm package; npm's `oasdiff` is a placeholder)")


if __name__ == "__main__":
    sys.exit(main())
