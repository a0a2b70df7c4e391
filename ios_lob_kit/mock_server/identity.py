"""The tenants' token endpoint, shaped like Entra ID's, so Microsoft's own libraries (azure-identity, MSAL)
get tokens from the reference server on loopback, as they would from login.microsoftonline.com.

Routes, outside `/beta` as on Entra ID (only with app registrations configured):
  GET  /{tenant}/v2.0/.well-known/openid-configuration   the libraries' tenant discovery
  POST /{tenant}/oauth2/v2.0/token                       client-credentials grant, with the app's secret
                                                         or an assertion signed with its certificate's key
A token issued is accepted by the API for the configured lifetime, with the app's permissions. Errors have
Entra ID's shape: `{"error", "error_description": "AADSTS...", "error_codes", "timestamp", "trace_id",
"correlation_id", "error_uri"}`. The libraries need HTTPS: run the server with a TLS certificate.
"""

from __future__ import annotations

import base64
import hmac
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from starlette.types import ASGIApp, Receive, Scope, Send

from ios_lob_kit.mock_server.auth import Authenticator
from ios_lob_kit.mock_server.config import AppRegistration
from ios_lob_kit.mock_server.jsonio import dump_bytes

__all__ = ["GRAPH_DEFAULT_SCOPE", "Identity", "with_identity"]

GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default"  # the server stands in for Graph
_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
_MAX_FORM_BYTES = 64 * 1024


class _Refusal(Exception):
    """An Entra ID error answer: status, OAuth error, AADSTS code and message."""

    def __init__(self, status: int, error: str, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.code, self.message = status, error, code, message


def _missing(name: str) -> _Refusal:
    return _Refusal(400, "invalid_request", 900144, f"The request body must contain the following parameter: '{name}'.")


@dataclass(frozen=True)
class _Certificate:
    public_key: Any
    thumbprints: frozenset[str]  # the x5t (SHA-1) and x5t#S256 header values that name it

    @classmethod
    def load(cls, pem: str) -> _Certificate:
        cert = x509.load_pem_x509_certificate(pem.encode())
        digests = (hashes.SHA1(), hashes.SHA256())  # x5t is SHA-1 by definition; x5t#S256 SHA-256
        prints = (base64.urlsafe_b64encode(cert.fingerprint(digest)).rstrip(b"=").decode() for digest in digests)
        return cls(cert.public_key(), frozenset(prints))


class Identity:
    """The token endpoint's state: the app registrations, and the authenticator that accepts what it issues."""

    def __init__(self, apps: tuple[AppRegistration, ...], auth: Authenticator, lifetime_s: int) -> None:
        self._apps = {(app.tenant, app.client_id): app for app in apps}
        self._certificates = {app.client_id: _Certificate.load(app.certificate) for app in apps if app.certificate}
        self._tenants = {app.tenant for app in apps}
        self._auth = auth
        self._lifetime_s = lifetime_s

    def openid_configuration(self, tenant: str, issuer_root: str) -> dict[str, Any]:
        self._known_tenant(tenant)
        base = f"{issuer_root}/{tenant}"
        return {
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "issuer": f"{base}/v2.0",
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "tenant_region_scope": None,
            "cloud_instance_name": "microsoftonline.com",
            "msgraph_host": "graph.microsoft.com",
        }

    def token(self, tenant: str, form: dict[str, str], token_url: str) -> dict[str, Any]:
        """The answer to a token request, or a `_Refusal` in the order Entra ID checks."""
        self._known_tenant(tenant)
        grant_type = form.get("grant_type") or _raise(_missing("grant_type"))
        if grant_type != "client_credentials":
            raise _Refusal(
                400, "unsupported_grant_type", 70003, f"The app requested an unsupported grant type '{grant_type}'."
            )
        client_id = form.get("client_id") or _raise(_missing("client_id"))
        app = self._apps.get((tenant, client_id))
        if app is None:
            raise _Refusal(
                400,
                "unauthorized_client",
                700016,
                f"Application with identifier '{client_id}' was not found in the directory '{tenant}'.",
            )
        scope = form.get("scope") or _raise(_missing("scope"))
        if not scope.endswith("/.default"):
            raise _Refusal(
                400,
                "invalid_scope",
                1002012,
                f"The provided value for scope {scope} is not valid. Client credential flows must have a scope value "
                "with /.default suffixed to the resource identifier (application ID URI).",
            )
        if scope != GRAPH_DEFAULT_SCOPE:
            resource = scope.removesuffix("/.default")
            raise _Refusal(
                400,
                "invalid_resource",
                500011,
                f"The resource principal named {resource} was not found in the tenant named {tenant}.",
            )
        self._authenticate(app, form, token_url)
        token = self._auth.issue(tenant, app.scopes, self._lifetime_s)
        return {
            "token_type": "Bearer",
            "expires_in": self._lifetime_s,
            "ext_expires_in": self._lifetime_s,
            "access_token": token,
        }

    def _known_tenant(self, tenant: str) -> None:
        if tenant not in self._tenants:
            raise _Refusal(
                400,
                "invalid_request",
                90002,
                f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into "
                "the correct cloud.",
            )

    def _authenticate(self, app: AppRegistration, form: dict[str, str], token_url: str) -> None:
        if "client_secret" in form:
            if app.secret is None or not hmac.compare_digest(form["client_secret"].encode(), app.secret.encode()):
                raise _Refusal(
                    401,
                    "invalid_client",
                    7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                    f"value, not the client secret ID, for a secret added to app '{app.client_id}'.",
                )
            return
        assertion = form.get("client_assertion")
        if not assertion:
            raise _Refusal(
                401,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        if form.get("client_assertion_type") != _ASSERTION_TYPE:
            raise _Refusal(400, "invalid_request", 50027, f"client_assertion_type must be '{_ASSERTION_TYPE}'.")
        certificate = self._certificates.get(app.client_id)
        if certificate is None or not self._valid_assertion(assertion, certificate, app.client_id, token_url):
            raise _Refusal(
                401,
                "invalid_client",
                700027,
                f"Client assertion failed signature validation, or names no certificate of app '{app.client_id}'.",
            )

    @staticmethod
    def _valid_assertion(assertion: str, certificate: _Certificate, client_id: str, token_url: str) -> bool:
        try:
            header = jwt.get_unverified_header(assertion)
            # base64url, with or without padding (MSAL pads)
            named = {str(header[name]).rstrip("=") for name in ("x5t", "x5t#S256") if header.get(name)}
            if named.isdisjoint(certificate.thumbprints):
                return False
            claims = jwt.decode(
                assertion,
                certificate.public_key,
                algorithms=["RS256", "PS256"],
                audience=token_url,
                issuer=client_id,
                options={"require": ["exp", "aud", "iss", "sub"]},
            )
        except jwt.PyJWTError:
            return False
        return bool(claims.get("sub") == client_id)


def _raise(refusal: _Refusal) -> str:
    raise refusal


def _error_body(refusal: _Refusal, root: str) -> bytes:
    trace_id, correlation_id = str(uuid.uuid4()), str(uuid.uuid4())
    stamp = time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())
    description = f"AADSTS{refusal.code}: {refusal.message} Trace ID: {trace_id} Correlation ID: {correlation_id}"
    description += f" Timestamp: {stamp}"
    return dump_bytes(
        {
            "error": refusal.error,
            "error_description": description,
            "error_codes": [refusal.code],
            "timestamp": stamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": f"{root}/error?code={refusal.code}",
        }
    )


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store, no-cache"),
        (b"pragma", b"no-cache"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _read_form(receive: Receive, content_type: str) -> dict[str, str]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return {}
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > _MAX_FORM_BYTES:
            raise _Refusal(400, "invalid_request", 90014, "The request body is too large.")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        return {}  # Entra ID reads no other body: the first required parameter is then missing
    return dict(parse_qsl(b"".join(chunks).decode("utf-8", "replace"), keep_blank_values=True))


def with_identity(api: ASGIApp, identity: Identity) -> ASGIApp:
    """`api`, with the token endpoint and tenant discovery in front of it."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await api(scope, receive, send)
            return
        parts = scope["path"].removeprefix(scope.get("root_path", "")).split("/")
        is_token = len(parts) == 5 and parts[2:] == ["oauth2", "v2.0", "token"]
        is_discovery = len(parts) == 5 and parts[2:] == ["v2.0", ".well-known", "openid-configuration"]
        if not (parts[1:2] and parts[1] and (is_token or is_discovery)):
            await api(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        host = headers.get("host") or "{}:{}".format(*(scope.get("server") or ("127.0.0.1", 80)))
        root = f"{scope['scheme']}://{host}{scope.get('root_path', '')}"
        tenant = parts[1]
        try:
            if is_discovery:
                answer = identity.openid_configuration(tenant, root)
            elif scope["method"] != "POST":
                raise _Refusal(
                    400,
                    "invalid_request",
                    900561,
                    f"The endpoint only accepts POST requests. Received a {scope['method']} request.",
                )
            else:
                form = await _read_form(receive, headers.get("content-type", ""))
                answer = identity.token(tenant, form, f"{root}/{tenant}/oauth2/v2.0/token")
        except _Refusal as refusal:
            await _answer(send, refusal.status, _error_body(refusal, root))
            return
        await _answer(send, 200, dump_bytes(answer))

    return app
