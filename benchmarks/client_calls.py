"""The client benchmark: per-call cost and import time of the generated client against raw httpx.

    python -m benchmarks.client_calls [--calls 2000] [--rounds 5] [--sdk-python PATH]

Each measurement runs in a fresh process; rounds alternate between the contenders and medians are
reported, so the ratios hold while absolute figures drift with the machine. `--sdk-python` names the
Python of a separate venv with msgraph-beta-sdk (about 760 MB, so never part of the kit's own venv).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Final

from benchmarks._servers import baseline, free_port, serving

ROOT = Path(__file__).resolve().parents[1]

CONFIG_ID = "c0ffee00-0000-4000-8000-000000000001"
BODY = {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"}}
KIND: Final = "#microsoft.graph.groupAssignmentTarget"
TOKEN = "benchmark-token"  # the echo server checks nothing


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_httpx_sync(base_url: str, calls: int) -> tuple[float, float]:
    import httpx

    url = f"{base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIG_ID}/assignments"
    with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        start = time.perf_counter()
        client.patch(url, json=BODY).json()
        first = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(calls):
            client.patch(url, json=BODY).json()
        return first, (time.perf_counter() - start) / calls


def run_client_sync(base_url: str, calls: int) -> tuple[float, float]:
    from ios_lob_kit.generated_client import AuthenticatedClient
    from ios_lob_kit.generated_client.api.assignments import update_assignments
    from ios_lob_kit.generated_client.models import (
        GroupAssignmentTarget,
        IosLobAppProvisioningConfigurationAssignmentRequest,
    )

    with AuthenticatedClient(base_url=base_url, token=TOKEN) as client:
        start = time.perf_counter()
        body = IosLobAppProvisioningConfigurationAssignmentRequest(
            target=GroupAssignmentTarget(odata_type=KIND, group_id="g")
        )
        update_assignments.sync(CONFIG_ID, client=client, body=body)
        first = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(calls):
            body = IosLobAppProvisioningConfigurationAssignmentRequest(
                target=GroupAssignmentTarget(odata_type=KIND, group_id="g")
            )
            update_assignments.sync(CONFIG_ID, client=client, body=body)
        return first, (time.perf_counter() - start) / calls


def run_httpx_async(base_url: str, calls: int) -> tuple[float, float]:
    import httpx

    url = f"{base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIG_ID}/assignments"

    async def go() -> tuple[float, float]:
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            start = time.perf_counter()
            (await client.patch(url, json=BODY)).json()
            first = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(calls):
                (await client.patch(url, json=BODY)).json()
            return first, (time.perf_counter() - start) / calls

    return asyncio.run(go())


def run_client_async(base_url: str, calls: int) -> tuple[float, float]:
    from ios_lob_kit.generated_client import AuthenticatedClient
    from ios_lob_kit.generated_client.api.assignments import update_assignments
    from ios_lob_kit.generated_client.models import (
        GroupAssignmentTarget,
        IosLobAppProvisioningConfigurationAssignmentRequest,
    )

    async def go() -> tuple[float, float]:
        async with AuthenticatedClient(base_url=base_url, token=TOKEN) as client:
            start = time.perf_counter()
            body = IosLobAppProvisioningConfigurationAssignmentRequest(
                target=GroupAssignmentTarget(odata_type=KIND, group_id="g")
            )
            await update_assignments.asyncio(CONFIG_ID, client=client, body=body)
            first = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(calls):
                body = IosLobAppProvisioningConfigurationAssignmentRequest(
                    target=GroupAssignmentTarget(odata_type=KIND, group_id="g")
                )
                await update_assignments.asyncio(CONFIG_ID, client=client, body=body)
            return first, (time.perf_counter() - start) / calls

    return asyncio.run(go())


SDK_WORKER = """
import asyncio, json, resource, sys, time
from kiota_abstractions.authentication import AnonymousAuthenticationProvider
from msgraph_beta import GraphRequestAdapter, GraphServiceClient
from msgraph_beta.generated.models.ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment)
from msgraph_beta.generated.models.group_assignment_target import GroupAssignmentTarget
base_url, calls, config_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
async def go():
    adapter = GraphRequestAdapter(AnonymousAuthenticationProvider())
    adapter.base_url = base_url
    item = (GraphServiceClient(request_adapter=adapter).device_app_management
            .ios_lob_app_provisioning_configurations.by_ios_lob_app_provisioning_configuration_id(config_id)
            .assignments.by_ios_lob_app_provisioning_configuration_assignment_id("a"))
    body = IosLobAppProvisioningConfigurationAssignment(target=GroupAssignmentTarget(group_id="g"))
    start = time.perf_counter(); await item.patch(body); first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(calls):
        await item.patch(body)
    return first, (time.perf_counter() - start) / calls
first, per_call = asyncio.run(go())
print(json.dumps({"first_ms": first * 1e3, "per_call_ms": per_call * 1e3,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

RUNNERS = {
    "httpx sync": run_httpx_sync,
    "generated client sync": run_client_sync,
    "httpx async": run_httpx_async,
    "generated client async": run_client_async,
}


def worker(name: str, base_url: str, calls: int) -> None:
    first, per_call = RUNNERS[name](base_url, calls)
    print(json.dumps({"first_ms": first * 1e3, "per_call_ms": per_call * 1e3, "rss_mb": _rss_mb()}))


def measure(command: list[str]) -> dict[str, float]:
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


IMPORT_SNIPPET = "import time; t = time.perf_counter(); {statement}; print((time.perf_counter() - t) * 1e3)"
IMPORTS = {
    "import httpx": "import httpx",
    "import the generated client (client + seed operation + models)": (
        "from ios_lob_kit.generated_client import AuthenticatedClient; "
        "from ios_lob_kit.generated_client.api.assignments import update_assignments; "
        "from ios_lob_kit.generated_client.models import IosLobAppProvisioningConfigurationAssignmentRequest"
    ),
}


def import_times(rounds: int) -> dict[str, float]:
    # An installed package has bytecode (pip compiles it); a checkout may not (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(str(ROOT / "ios_lob_kit" / "generated_client"), quiet=1)
    samples: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(rounds):
        for name, statement in IMPORTS.items():
            code = IMPORT_SNIPPET.format(statement=statement)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            samples[name].append(float(out))
    return {name: statistics.median(values) for name, values in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.client_calls", description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    sdk = ROOT / ".tools" / "sdk-venv" / "bin" / "python"  # scripts/install-peers puts it there
    parser.add_argument(
        "--sdk-python",
        default=str(sdk) if sdk.exists() else None,
        help="a Python with msgraph-beta-sdk installed, to measure it alongside (default: .tools/sdk-venv)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "BASE_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], args.worker[1], args.calls)
        return 0

    port = free_port()
    base_url = f"http://127.0.0.1:{port}/beta"
    results: dict[str, list[dict[str, float]]] = {name: [] for name in RUNNERS}
    with serving(baseline("echo", port), port):
        for _ in range(args.rounds):
            for name in RUNNERS:
                command = [sys.executable, "-m", "benchmarks.client_calls", "--calls", str(args.calls)]
                results[name].append(measure([*command, "--worker", name, base_url]))
        if args.sdk_python:
            results["official SDK (item PATCH, async)"] = [
                measure([args.sdk_python, "-c", SDK_WORKER, base_url, str(max(args.calls // 10, 50)), CONFIG_ID])
                for _ in range(max(args.rounds // 2, 1))
            ]
    report: dict[str, Any] = {
        name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()
    }
    imports = import_times(args.rounds * 3)
    print(f"{'client':<34}{'per call ms':>12}{'x httpx':>9}{'first ms':>10}{'RSS MB':>8}")
    for name, row in report.items():
        base = report["httpx async" if "async" in name else "httpx sync"]["per_call_ms"]
        line = f"{name:<34}{row['per_call_ms']:>12.3f}{row['per_call_ms'] / base:>9.2f}"
        print(f"{line}{row['first_ms']:>10.1f}{row['rss_mb']:>8.0f}")
    httpx_import = imports["import httpx"]
    for name, ms in imports.items():
        print(f"{name:<70}{ms:>8.1f} ms {ms / httpx_import:>6.2f}x")
    print(json.dumps({"calls": report, "imports_ms": imports}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
