"""Certificates for tests that run the token flow on loopback: a throwaway CA, a TLS certificate for
127.0.0.1 signed by it, and an app registration's certificate (made with `cryptography`)."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TlsFiles:
    ca_bundle: Path  # trust this to reach the server
    cert: Path  # the server's certificate chain
    key: Path  # and its key


@dataclass(frozen=True)
class AppCertificate:
    public_pem: str  # what the app registration holds
    combined: Path  # private key + certificate, as AZURE_CLIENT_CERTIFICATE_PATH expects


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, public_key: rsa.RSAPublicKey) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def make_tls(folder: Path) -> TlsFiles:
    """A CA and a server certificate for 127.0.0.1 and localhost signed by it, written under `folder`."""
    ca_key, server_key = _key(), _key()
    ca_name = _name("ios-lob test CA")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        _builder(ca_name, ca_name, ca_key.public_key())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # keyCertSign, cRLSign
        .sign(ca_key, hashes.SHA256())
    )
    server = (
        _builder(_name("127.0.0.1"), ca_name, server_key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files = TlsFiles(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    files.ca_bundle.write_bytes(_pem(ca))
    files.cert.write_bytes(_pem(server))
    files.key.write_bytes(_key_pem(server_key))
    return files


def make_app_certificate(folder: Path, name: str = "app") -> AppCertificate:
    """A self-signed certificate an app registration can hold, and its key+cert PEM for the app's side."""
    key = _key()
    cert = _builder(_name(name), _name(name), key.public_key()).sign(key, hashes.SHA256())
    combined = folder / f"{name}.pem"
    combined.write_bytes(_key_pem(key) + _pem(cert))
    return AppCertificate(_pem(cert).decode(), combined)
