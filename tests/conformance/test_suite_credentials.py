"""The suite with an app registration, end to end on loopback: azure-identity gets tokens from the reference
server's token endpoint (HTTPS, instance discovery off), tokens expire within the run and are renewed, and
the secret reaches no output, report or replay line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ios_lob_kit.conformance import cli
from ios_lob_kit.conformance.credentials import AppRegistration, Issued, from_app
from ios_lob_kit.mock_server.config import WRITE_SCOPE, ServerConfig, dev_tokens
from ios_lob_kit.mock_server.config import AppRegistration as ServerApp
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from tests.identities import TlsFiles, make_app_certificate, make_tls

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
SECRET = "app-secret-" + uuid.uuid4().hex
LIFETIME_S = 3  # far shorter than the run below: it only passes if tokens are renewed


@dataclass(frozen=True)
class Tenant:
    server: RunningServer
    tls: TlsFiles
    certificate: Path

    @property
    def authority(self) -> str:
        return self.server.base_url.removesuffix("/beta")

    def trust_env(self) -> dict[str, str]:
        """How a user trusts a private CA: the variables httpx and requests (schemathesis, azure-identity) read."""
        return {"SSL_CERT_FILE": str(self.tls.ca_bundle), "REQUESTS_CA_BUNDLE": str(self.tls.ca_bundle)}


@pytest.fixture(scope="module")
def tenant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tenant]:
    folder = tmp_path_factory.mktemp("tenant")
    tls = make_tls(folder)
    certificate = make_app_certificate(folder)
    apps = (
        ServerApp("contoso", "suite-app", frozenset({WRITE_SCOPE}), secret=SECRET),
        ServerApp("contoso", "suite-cert-app", frozenset({WRITE_SCOPE}), certificate=certificate.public_pem),
    )
    config = ServerConfig(
        db_path=None, tokens=dev_tokens(), apps=apps, token_lifetime_s=LIFETIME_S, tls_cert=tls.cert, tls_key=tls.key
    )
    with run_server(config) as server:
        yield Tenant(server, tls, certificate.combined)


def _suite(tenant: Tenant, report_dir: Path, secret: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AZURE_", "CONFORMANCE_"))}
    env |= tenant.trust_env() | {"AZURE_TENANT_ID": "contoso", "AZURE_CLIENT_ID": "suite-app"}
    env["AZURE_CLIENT_SECRET"] = secret
    command = [
        sys.executable, "-m", "ios_lob_kit.conformance",
        "--base-url", tenant.server.base_url, "--authority", tenant.authority,
        "--max-examples", "2", "--seed", "7", "--report-dir", str(report_dir),
    ]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_a_run_longer_than_a_token_passes_and_never_shows_the_secret(
    tenant: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A token from the library is refused once its lifetime is over: the run below outlives many.
    for name, value in tenant.trust_env().items():
        monkeypatch.setenv(name, value)
    stale = from_app(_app(tenant, client_secret=SECRET), Issued())()
    time.sleep(LIFETIME_S + 0.5)
    refused = httpx.get(tenant.server.base_url + CONFIGS, headers={"Authorization": f"Bearer {stale}"})
    assert refused.status_code == 401
    assert "expired" in refused.json()["error"]["message"]

    started = time.monotonic()
    done = _suite(tenant, tmp_path, SECRET)
    assert done.returncode == cli.EXIT_PASSED, done.stdout[-3000:] + done.stderr[-3000:]
    assert time.monotonic() - started > LIFETIME_S  # so tokens did expire during the run
    assert "Verdict: PASSED" in done.stdout
    assert f"--authority {tenant.authority}" in done.stdout  # the replay line names the authority ...
    reports = [path.read_text(encoding="utf-8") for path in (tmp_path / "junit.xml", tmp_path / "report.html")]
    for text in (done.stdout, done.stderr, *reports):
        assert SECRET not in text  # ... and never the secret (it stays in AZURE_CLIENT_SECRET)
    # Its clean-up at the end, long after its first token expired, still went through.
    fresh = from_app(_app(tenant, client_secret=SECRET), Issued())()
    left = httpx.get(tenant.server.base_url + CONFIGS, headers={"Authorization": f"Bearer {fresh}"})
    assert left.json()["value"] == []


@pytest.mark.slow
def test_a_wrong_secret_is_one_line_and_exit_2(tenant: Tenant, tmp_path: Path) -> None:
    wrong = "wrong-" + uuid.uuid4().hex
    done = _suite(tenant, tmp_path, wrong)
    assert done.returncode == cli.EXIT_USAGE
    assert done.stderr.count("\n") == 1, done.stderr
    assert "AADSTS7000215" in done.stderr
    assert "suite-app" in done.stderr
    assert wrong not in done.stdout + done.stderr


@pytest.mark.slow
def test_a_certificate_app_gets_tokens_the_api_accepts(tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in tenant.trust_env().items():
        monkeypatch.setenv(name, value)
    issued = Issued()
    source = from_app(_app(tenant, client_id="suite-cert-app", certificate_path=tenant.certificate), issued)
    token = source()
    answer = httpx.get(tenant.server.base_url + CONFIGS, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert token in set(issued)  # what the reports redact


def _app(tenant: Tenant, client_id: str = "suite-app", **credential: object) -> AppRegistration:
    return AppRegistration(
        tenant_id="contoso",
        client_id=client_id,
        authority=tenant.authority,
        client_secret=credential.get("client_secret"),  # type: ignore[arg-type]
        certificate_path=credential.get("certificate_path"),  # type: ignore[arg-type]
    )


APP_ENV = {"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "a", "AZURE_CLIENT_SECRET": "s"}


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["--client-id", "a"], {}, "--tenant-id"),
        (["--tenant-id", "t", "--client-id", "a"], {}, "exactly one of --client-secret and --client-certificate"),
        (["--tenant-id", "t", "--client-id", "a", "--client-secret", "s", "--client-certificate", "c"], {}, "exactly"),
        (["--token", "x"], APP_ENV, "both --token"),
        (["--authority", "http://login.example"], APP_ENV, "https://"),
    ],
)
def test_a_partial_or_ambiguous_app_registration_is_a_usage_error(
    args: list[str],
    env: dict[str, str],
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    for name in ("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CONFORMANCE_TOKEN", raising=False)
    assert cli.main(["--base-url", "https://127.0.0.1:9/beta", "--report-dir", str(tmp_path), *args]) == cli.EXIT_USAGE
    assert said in capsys.readouterr().err
