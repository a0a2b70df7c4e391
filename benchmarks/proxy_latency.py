"""The validating proxy's added latency: the same sequential calls to the reference server, direct and through
`scripts/proxy`, as a ratio per call (judging happens when the proxy stops, so the calls pay forwarding only).

    .venv/bin/python -m benchmarks.proxy_latency [--rounds 5] [--calls 500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

import httpx

from benchmarks._servers import free_port, serving
from ios_lob_kit.conformance.checks import spec
from ios_lob_kit.mock_server.config import ServerConfig, dev_tokens
from ios_lob_kit.mock_server.runner import run_server


def _per_call(base_url: str, token: str, path: str, calls: int) -> float:
    """Seconds per GET of `path` over one reused connection (after a warm-up)."""
    with httpx.Client(base_url=base_url + "/", headers={"Authorization": f"Bearer {token}"}) as client:
        for _ in range(20):
            client.get(path).raise_for_status()
        started = time.perf_counter()
        for _ in range(calls):
            client.get(path).raise_for_status()
        return (time.perf_counter() - started) / calls


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--calls", type=int, default=500)
    args = p.parse_args(argv)
    tokens = dev_tokens()
    token = tokens[0].token
    with run_server(ServerConfig(db_path=None, tokens=tokens)) as server, tempfile.TemporaryDirectory() as reports:
        created = httpx.post(
            f"{server.base_url}/deviceAppManagement/iosLobAppProvisioningConfigurations",
            json=spec.request_example("createConfiguration"),
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        path = f"deviceAppManagement/iosLobAppProvisioningConfigurations/{created['id']}"
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "ios_lob_kit.traffic",
            "proxy",
            "--upstream",
            server.base_url,
            "--port",
            str(port),
        ]
        with serving([*command, "--report-dir", reports], port):
            proxied_url = f"http://127.0.0.1:{port}/beta"
            direct, proxied = [], []
            for _ in range(args.rounds):  # interleaved, so drift on a shared machine hits both alike
                direct.append(_per_call(server.base_url, token, path, args.calls))
                proxied.append(_per_call(proxied_url, token, path, args.calls))
    d, q = statistics.median(direct), statistics.median(proxied)
    print(f"GET getConfiguration, {args.calls} sequential calls x {args.rounds} rounds (median)")
    print(f"direct        {d * 1000:.3f} ms/call  1.00")
    print(f"through proxy {q * 1000:.3f} ms/call  {q / d:.2f}x  (+{(q - d) * 1000:.3f} ms)")


if __name__ == "__main__":
    main(sys.argv[1:])
