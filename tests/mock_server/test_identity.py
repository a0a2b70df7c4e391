"""The tenants' token endpoint: Microsoft's own library (azure-identity, MSAL beneath) gets tokens from the
reference server over HTTPS on loopback, with a secret or a certificate; refusals have Entra ID's shape;
issued tokens carry the app's permissions and expire."""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from azure.core.exceptions import ClientAuthenticationError
from azure.identity import CertificateCredential, ClientSecretCredential

from ios_lob_kit.mock_server.auth import Authenticator
from ios_lob_kit.mock_server.config import READ_SCOPE, WRITE_SCOPE, AppRegistration, ServerConfig, dev_tokens
from ios_lob_kit.mock_server.errors import ApiError
from ios_lob_kit.mock_server.identity import GRAPH_DEFAULT_SCOPE
from ios_lob_kit.mock_server.runner import RunningServer, run_server
from tests.identities import TlsFiles, make_app_certificate, make_tls

CONFIGS = "/deviceAppManagement/iosLobAppProvisioningConfigurations"
SECRET = "s3cret-" + uuid.uuid4().hex


@dataclass(frozen=True)
class Tenantry:
    server: RunningServer
    tls: TlsFiles
    certificate: Path  # the certificate app's key + certificate

    @property
    def authority(self) -> str:
        return self.server.base_url.removesuffix("/beta")


@pytest.fixture(scope="module")
def tenantry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tenantry]:
    folder = tmp_path_factory.mktemp("identity")
    tls = make_tls(folder)
    certificate = make_app_certificate(folder)
    apps = (
        AppRegistration("contoso", "writer", frozenset({WRITE_SCOPE}), secret=SECRET),
        AppRegistration("contoso", "reader", frozenset({READ_SCOPE}), certificate=certificate.public_pem),
    )
    config = ServerConfig(db_path=None, tokens=dev_tokens(), apps=apps, tls_cert=tls.cert, tls_key=tls.key)
    with run_server(config) as server:
        yield Tenantry(server, tls, certificate.combined)


def _api(tenantry: Tenantry, token: str, method: str = "GET", **kwargs: Any) -> httpx.Response:
    url = tenantry.server.base_url + CONFIGS
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.request(method, url, headers=headers, verify=_trust(tenantry), **kwargs)


def _trust(tenantry: Tenantry) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=tenantry.tls.ca_bundle)


def _library_options(tenantry: Tenantry) -> dict[str, Any]:
    return {
        "authority": tenantry.authority,
        "disable_instance_discovery": True,
        "connection_verify": str(tenantry.tls.ca_bundle),
    }


@pytest.mark.slow
def test_the_library_gets_a_token_with_a_secret_and_the_api_accepts_it(tenantry: Tenantry) -> None:
    credential = ClientSecretCredential("contoso", "writer", SECRET, **_library_options(tenantry))
    token = credential.get_token(GRAPH_DEFAULT_SCOPE)
    assert _api(tenantry, token.token).status_code == 200
    created = _api(tenantry, token.token, "POST", json={"displayName": "by an app"})
    assert created.status_code == 201, created.text


@pytest.mark.slow
def test_the_library_gets_a_token_with_a_certificate_carrying_the_apps_permissions(tenantry: Tenantry) -> None:
    credential = CertificateCredential("contoso", "reader", str(tenantry.certificate), **_library_options(tenantry))
    token = credential.get_token(GRAPH_DEFAULT_SCOPE)
    assert _api(tenantry, token.token).status_code == 200
    assert _api(tenantry, token.token, "POST", json={"displayName": "x"}).status_code == 403  # Read.All only


@pytest.mark.slow
def test_a_wrong_secret_is_refused_to_the_library_with_entras_code(tenantry: Tenantry) -> None:
    credential = ClientSecretCredential("contoso", "writer", "wrong", **_library_options(tenantry))
    with pytest.raises(ClientAuthenticationError, match="AADSTS7000215"):
        credential.get_token(GRAPH_DEFAULT_SCOPE)


@pytest.mark.slow
def test_a_certificate_the_app_does_not_hold_is_refused(tenantry: Tenantry, tmp_path: Path) -> None:
    stranger = make_app_certificate(tmp_path, "stranger")
    credential = CertificateCredential("contoso", "reader", str(stranger.combined), **_library_options(tenantry))
    with pytest.raises(ClientAuthenticationError, match="AADSTS700027"):
        credential.get_token(GRAPH_DEFAULT_SCOPE)


GOOD = {
    "grant_type": "client_credentials",
    "client_id": "writer",
    "client_secret": SECRET,
    "scope": GRAPH_DEFAULT_SCOPE,
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tenant", "form", "status", "error", "code"),
    [
        ("nowhere", GOOD, 400, "invalid_request", 90002),
        ("contoso", {**GOOD, "grant_type": ""}, 400, "invalid_request", 900144),
        ("contoso", {**GOOD, "grant_type": "password"}, 400, "unsupported_grant_type", 70003),
        ("contoso", {**GOOD, "client_id": "nobody"}, 400, "unauthorized_client", 700016),
        ("contoso", {**GOOD, "scope": "https://graph.microsoft.com/User.Read"}, 400, "invalid_scope", 1002012),
        ("contoso", {**GOOD, "scope": "https://example.com/.default"}, 400, "invalid_resource", 500011),
        ("contoso", {**GOOD, "client_secret": "wrong"}, 401, "invalid_client", 7000215),
        ("contoso", {k: v for k, v in GOOD.items() if k != "client_secret"}, 401, "invalid_client", 7000218),
    ],
)
def test_refusals_have_entras_shape_and_never_echo_the_secret(
    tenantry: Tenantry, tenant: str, form: dict[str, str], status: int, error: str, code: int
) -> None:
    answer = httpx.post(f"{tenantry.authority}/{tenant}/oauth2/v2.0/token", data=form, verify=_trust(tenantry))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["error"] == error
    assert body["error_codes"] == [code]
    assert body["error_description"].startswith(f"AADSTS{code}: ")
    assert {"timestamp", "trace_id", "correlation_id", "error_uri"} <= set(body)
    assert SECRET not in answer.text


@pytest.mark.slow
def test_a_token_answer_has_entras_shape_and_discovery_names_the_endpoint(tenantry: Tenantry) -> None:
    verify = _trust(tenantry)
    discovery = httpx.get(f"{tenantry.authority}/contoso/v2.0/.well-known/openid-configuration", verify=verify)
    assert discovery.status_code == 200
    token_url = discovery.json()["token_endpoint"]
    assert token_url == f"{tenantry.authority}/contoso/oauth2/v2.0/token"
    answer = httpx.post(token_url, data=GOOD, verify=verify)
    assert answer.status_code == 200
    assert answer.headers["cache-control"].startswith("no-store")
    body = answer.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == body["ext_expires_in"] == 3599
    assert _api(tenantry, body["access_token"]).status_code == 200
    assert httpx.get(token_url, verify=verify).json()["error_codes"] == [900561]  # POST only


def test_an_issued_token_expires_after_its_lifetime() -> None:
    now = [100.0]
    auth = Authenticator((), clock=lambda: now[0])
    token = auth.issue("contoso", frozenset({WRITE_SCOPE}), lifetime_s=60)
    assert auth.grant(f"Bearer {token}").tenant == "contoso"
    now[0] += 59.9
    auth.grant(f"Bearer {token}")
    now[0] += 0.1
    with pytest.raises(ApiError, match="expired") as refused:
        auth.grant(f"Bearer {token}")
    assert refused.value.status == 401
    assert refused.value.code == "InvalidAuthenticationToken"


def test_an_app_registration_needs_a_secret_or_a_certificate() -> None:
    with pytest.raises(ValueError, match="secret or a certificate"):
        AppRegistration("contoso", "nothing", frozenset({WRITE_SCOPE}))
    assert SECRET not in repr(AppRegistration("contoso", "writer", frozenset({WRITE_SCOPE}), secret=SECRET))
