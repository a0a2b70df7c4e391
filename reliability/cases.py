"""Hostile and ambiguous requests, every one invalid by construction, as raw bytes.

Two sources:
- mutations of the valid request bodies in the spec's examples, kept only when the operation's own
  request schema (the spec's validator) rejects the result;
- hand-made classes: JSON, encodings, sizes, query options, paths, headers, methods and HTTP framing.
Each case names the layer expected to refuse it ("http": the HTTP/1.1 parser, "application": the app).
The list is deterministic for a target; a seed only picks which cases a budget runs.
"""

from __future__ import annotations

import copy
import gzip
import json
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ios_lob_kit.mock_server.operations import Operation, compile_operations
from ios_lob_kit.openapi.index import spec_index

__all__ = ["Case", "Target", "build_cases"]

MAX_BODY_BYTES = 4 * 1024 * 1024
_CONFIG = "iosLobAppProvisioningConfigurationId"
_ASSIGNMENT = "iosLobAppProvisioningConfigurationAssignmentId"
_UNKNOWN_ID = "00000000-0000-0000-0000-000000000000"  # any other path parameter: well-formed, names nothing


@dataclass(frozen=True)
class Target:
    """Where cases go and the live ids they aim at (writes to them must never succeed)."""

    netloc: str  # host:port, the Host header
    base_path: str  # e.g. /beta (a root path before it included)
    token: str  # read-write, tenant A
    read_only_token: str  # tenant A
    other_tenant_token: str  # read-write, tenant B
    config_id: str
    assignment_id: str


@dataclass(frozen=True)
class Case:
    kind: str  # schema, json, encoding, size, query, path, header, method, framing
    label: str  # what was done, for the report (never a token)
    operation: str  # operationId, or "-" for requests that reach no operation
    raw: bytes
    layer: str = "application"  # "application" or "http"
    head: bool = False


# Values a mutation puts at a node; the schema decides which results are invalid.
_VALUES: list[Any] = [
    None, True, 0, -1, 2147483648, 1.5, "", "x", "not a date", [], {}, [None], {"@odata.type": 1},
    "#microsoft.graph.noSuchType", "\u0000", "x" * 5000,
]  # fmt: skip


def _nodes(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every position in a JSON value (the root included)."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


def _replaced(body: Any, path: tuple[str | int, ...], value: Any, *, drop: bool = False) -> Any:
    if not path:
        return value
    out = copy.deepcopy(body)
    holder = out
    for step in path[:-1]:
        holder = holder[step]
    if drop:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return out


Examples = dict[str, list[Any]]  # operationId -> its request body examples (values), by name


def _examples(spec: Examples, operation: Operation) -> list[Any]:
    return spec[operation.operation_id]


class _Builder:
    def __init__(self, target: Target) -> None:
        self.t = target
        self.cases: dict[bytes, Case] = {}  # by bytes: distinct requests only

    def path(self, operation: Operation, odd: Mapping[str, str] | None = None) -> str:
        """The operation's path with its live ids, or with `odd` values for the parameters it names."""
        live = {_CONFIG: self.t.config_id, _ASSIGNMENT: self.t.assignment_id, **(odd or {})}
        ids = {rule.name: live.get(rule.name, _UNKNOWN_ID) for rule in operation.path_params}
        return self.t.base_path + operation.path.format_map(ids)

    def add(
        self,
        kind: str,
        label: str,
        operation: Operation | None,
        *,
        method: str | None = None,
        target: str | None = None,
        headers: list[tuple[str, str]] | None = None,
        body: bytes | None = None,
        version: str = "HTTP/1.1",
        layer: str = "application",
    ) -> None:
        """A request: Host, then `headers` (default: the read-write token, and JSON when there is a body),
        then Content-Length for a body."""
        method = method or (operation.method if operation else "GET")
        target = target or (self.path(operation) if operation else self.t.base_path + "/")
        if headers is None:
            headers = [("Authorization", f"Bearer {self.t.token}")]
            if body is not None:
                headers.append(("Content-Type", "application/json"))
        lines = [f"{method} {target} {version}", f"Host: {self.t.netloc}", *(f"{n}: {v}" for n, v in headers)]
        if body is not None:
            lines.append(f"Content-Length: {len(body)}")
        raw = "\r\n".join(lines).encode("utf-8", "surrogateescape") + b"\r\n\r\n" + (body or b"")
        name = operation.operation_id if operation else "-"
        self.cases.setdefault(raw, Case(kind, label, name, raw, layer, method == "HEAD"))

    def raw(self, kind: str, label: str, raw: bytes, layer: str = "http") -> None:
        self.cases.setdefault(raw, Case(kind, label, "-", raw, layer))


def _schema_mutations(b: _Builder, spec: Examples, op: Operation) -> None:
    assert op.body is not None
    for example in _examples(spec, op):
        for node in _nodes(example):
            where = "/".join(map(str, node)) or "(root)"
            candidates = [(f"{where} = {json.dumps(v)[:24]}", _replaced(example, node, v)) for v in _VALUES]
            if node:
                candidates.append((f"{where} removed", _replaced(example, node, None, drop=True)))
            for label, mutated in candidates:
                if not op.body.validator.is_valid(mutated):
                    b.add("schema", label, op, body=json.dumps(mutated).encode())


def _json_classes(b: _Builder, spec: Examples, op: Operation) -> None:
    assert op.body is not None
    valid = json.dumps(_examples(spec, op)[0]).encode()
    deep = {n: b"[" * n + b"]" * n for n in (65, 300, 900, 100_000)}
    bodies: dict[str, bytes] = {
        "truncated": valid[:-1],
        "trailing garbage": valid + b"x",
        "two documents": valid + valid,
        "NaN": b'{"version": NaN}',
        "Infinity": b'{"version": Infinity}',
        "1e400": b'{"version": 1e400}',
        "byte order mark": b"\xef\xbb\xbf" + valid,
        "not UTF-8": b'{"displayName": "\xff\xfe"}',
        "lone surrogate": b'{"displayName": "\\ud800"}',
        "top-level array": b"[]",
        "top-level string": b'"x"',
        "top-level number": b"1",
        "top-level null": b"null",
        "comment": b"/* c */" + valid,
        "single quotes": b"{'displayName': 'x'}",
        "unquoted key": b"{displayName: 1}",
        "trailing comma": b'{"displayName": "x",}',
        "duplicate top-level key": b'{"displayName": "a", "displayName": "b"}',
        "duplicate key in target": b'{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget",'
        b' "groupId": "a", "groupId": "b"}}',
        "duplicate @odata.type": b'{"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",'
        b' "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"}}',
        "duplicate key, same value": valid[:1] + valid[1:-1] + b"," + valid[1:-1] + valid[-1:]
        if valid not in (b"{}",)
        else b'{"a": 1, "a": 1}',
        **{f"nested {n} deep at the top": b'{"displayName": ' + v + b"}" for n, v in deep.items()},
        **{f"nested {n} deep in target": b'{"target": {"groupId": ' + v + b"}}" for n, v in deep.items()},
        "nested objects 200 deep": b'{"a":' * 200 + b"1" + b"}" * 200,
    }
    if op.body.required:
        bodies |= {"empty": b"", "whitespace": b"  \r\n "}
    for label, body in bodies.items():
        b.add("json", label, op, body=body)


def _encoding_classes(b: _Builder, spec: Examples, op: Operation) -> None:
    valid = json.dumps(_examples(spec, op)[0]).encode()
    auth = ("Authorization", f"Bearer {b.t.token}")
    json_type = ("Content-Type", "application/json")
    packed = {"gzip": gzip.compress(valid, mtime=0), "deflate": zlib.compress(valid)}
    for coding in ("gzip", "deflate", "br", "compress", "x-gzip", "gzip, identity", "identity, gzip", "zstd"):
        for form, body in (("packed", packed.get(coding.split(",")[0], valid)), ("plain", valid)):
            b.add("encoding", f"Content-Encoding {coding}, {form}", op, headers=[auth, json_type,
                  ("Content-Encoding", coding)], body=body)  # fmt: skip
    b.add("encoding", "two Content-Encodings", op, headers=[auth, json_type, ("Content-Encoding", "identity"),
          ("Content-Encoding", "gzip")], body=packed["gzip"])  # fmt: skip
    types = {
        "charset latin-1": ("application/json; charset=latin-1", valid),
        "charset utf-16": ("application/json; charset=utf-16", valid.decode().encode("utf-16")),
        "charset twice": ("application/json; charset=utf-8; charset=latin-1", valid),
        "charset twice, same value": ("application/json; charset=utf-8; charset=utf-8", valid),
        "text/plain": ("text/plain", valid),
        "application/xml": ("application/xml", valid),
        "two media types in one header": ("application/json, text/plain", valid),
        "application/jsonx": ("application/jsonx", valid),
        "json-patch": ("application/json-patch+json", valid),
        "multipart": ("multipart/form-data; boundary=x", valid),
        "empty Content-Type": ("", valid),
    }
    for label, (media, body) in types.items():
        b.add("encoding", label, op, headers=[auth, ("Content-Type", media)], body=body)
    b.add("encoding", "no Content-Type", op, headers=[auth], body=valid)
    for first, second in (("application/json", "text/plain"), ("text/plain", "application/json")):
        headers = [auth, ("Content-Type", first), ("Content-Type", second)]
        b.add("encoding", f"Content-Type {first} then {second}", op, headers=headers, body=valid)
    b.add("encoding", "Content-Type twice, same", op, headers=[auth, json_type, json_type], body=valid)


def _size_classes(b: _Builder, op: Operation) -> None:
    over = b'{"displayName": "' + b"x" * MAX_BODY_BYTES + b'"}'
    b.add("size", "body over 4 MiB", op, body=over)
    auth = ("Authorization", f"Bearer {b.t.token}")
    for label, length in (("Content-Length over the limit", str(MAX_BODY_BYTES + 1)), ("Content-Length -1", "-1"),
                          ("Content-Length abc", "abc"), ("Content-Length +2", "+2")):  # fmt: skip
        raw = (
            f"{op.method} {b.path(op)} HTTP/1.1\r\nHost: {b.t.netloc}\r\n{auth[0]}: {auth[1]}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{}}"
        ).encode()
        b.raw("size", label, raw, layer="application" if length.isdigit() else "http")
    b.add("size", "Content-Length twice", op, headers=[auth, ("Content-Type", "application/json"),
          ("Content-Length", "2")], body=b"{}", layer="http")  # fmt: skip


_BAD_VALUES = {
    "integer": ["-1", "abc", "1.5", "2147483648", "", "%00", "1e3", "0x10"],
    "boolean": ["yes", "1", ""],
    "string": [],
    "array": [],
}
_UNDOCUMENTED = ["$orderby=id", "$expand=assignments", "$search=x", "$foo=1", "$apply=x", "$compute=x", "$=1"]


def _query_classes(b: _Builder, op: Operation) -> None:
    base = b.path(op)
    for key, rule in op.query.items():
        bad = list(_BAD_VALUES.get(rule.kind, []))
        if key == "$select":
            bad += ["nope", ",,", "id,,", "id,nope", "*x"]
        if key == "$filter":
            bad += ["bogus", "id eq 'a' or 1 eq 1", "id eq", "nope eq 'x'", "version eq 'x'", "((id eq 'a'))"]
        for value in bad:
            b.add("query", f"{rule.name}={value}", op, target=f"{base}?{rule.name}={quote(value, safe='%,')}")
        if rule.kind != "array":
            b.add("query", f"{rule.name} twice", op, target=f"{base}?{rule.name}=1&{rule.name}=2")
    for option in _UNDOCUMENTED + [f"{name}=1" for name in ("$top", "$skip", "$select") if name not in op.query]:
        name = option.split("=")[0]
        if name not in op.query:
            b.add("query", f"undocumented {option}", op, target=f"{base}?{option}")


def _path_classes(b: _Builder, spec: Examples, op: Operation) -> None:
    body = json.dumps(_examples(spec, op)[0]).encode() if op.body is not None else None
    ids = {
        "encoded slash into an assignment": f"{b.t.config_id}%2Fassignments%2F{b.t.assignment_id}",
        "encoded slash, trailing": f"{b.t.config_id}%2F",
        "dot-dot": "..",
        "encoded dot-dot": "%2E%2E",
        "NUL": "%00",
        "not UTF-8": "%FF%FE",
        "5000 characters": "x" * 5000,
        "quote": "'",
        "injection": "%27%20or%201=1",
        "unknown": "00000000-0000-0000-0000-000000000000",
        "encoded backslash": f"{b.t.config_id}%5C",
        "bad percent": "%ZZ",
    }
    names = {_CONFIG: "configuration id", _ASSIGNMENT: "assignment id"}
    for label, odd in ids.items():
        for rule in op.path_params:
            b.add(
                "path",
                f"{names.get(rule.name, rule.name)}: {label}",
                op,
                target=b.path(op, {rule.name: odd}),
                body=body,
            )
    base = b.path(op)
    odd_paths = {
        "trailing slash": base + "/",
        "double slash": base.replace("/deviceAppManagement", "//deviceAppManagement"),
        "extra segment": base + "/extra",
    }
    if any(rule.name == _CONFIG for rule in op.path_params):
        odd_paths["empty id"] = base.replace(b.t.config_id, "")
    for label, target in odd_paths.items():
        b.add("path", label, op, target=target, body=body)


def _header_classes(b: _Builder, spec: Examples, op: Operation) -> None:
    body = json.dumps(_examples(spec, op)[0]).encode() if op.body is not None else None
    json_type = [("Content-Type", "application/json")] if body is not None else []
    rw, ro, other = (f"Bearer {t}" for t in (b.t.token, b.t.read_only_token, b.t.other_tenant_token))
    pairs = {
        "garbage then valid": ("Bearer nope", rw),
        "valid then garbage": (rw, "Bearer nope"),
        "read-only then read-write": (ro, rw),
        "read-write then read-only": (rw, ro),
        "other tenant then own": (other, rw),
        "own then other tenant": (rw, other),
        "valid twice": (rw, rw),
        "empty then valid": ("", rw),
    }
    for label, (first, second) in pairs.items():
        headers = [("Authorization", first), ("Authorization", second), *json_type]
        b.add("header", f"Authorization {label}", op, headers=headers, body=body)
    singles = {
        "no Authorization": [],
        "Bearer without a token": [("Authorization", "Bearer")],
        "Basic scheme": [("Authorization", "Basic dXNlcjpwYXNz")],
        "two tokens in one header": [("Authorization", f"{rw}, {rw}")],
        "token with a space": [("Authorization", f"{rw} x")],
    }
    for label, headers in singles.items():
        b.add("header", label, op, headers=[*headers, *json_type], body=body)
    if op.writes:
        b.add("header", "read-only token writes", op, headers=[("Authorization", ro), *json_type], body=body)
    auth = [("Authorization", rw), *json_type]
    b.add("header", "client-request-id twice", op, headers=[*auth, ("client-request-id", "a"),
          ("client-request-id", "b")], body=body)  # fmt: skip
    b.add("header", "Host twice", op, headers=[*auth, ("Host", "evil.example")], body=body, layer="http")
    for label, line in (("control character in a value", "X-A: a\x01b"), ("space in a name", "X A: b"),
                        ("space before the colon", "X-A : b"), ("no colon", "X-A")):  # fmt: skip
        raw = f"{op.method} {b.path(op)} HTTP/1.1\r\nHost: {b.t.netloc}\r\n{line}\r\nAuthorization: {rw}\r\n\r\n"
        b.raw("header", label, raw.encode())
    no_host = f"{op.method} {b.path(op)} HTTP/1.1\r\nAuthorization: {rw}\r\n\r\n"
    b.raw("header", "no Host on HTTP/1.1", no_host.encode())


def _method_classes(b: _Builder, op: Operation, documented: set[str]) -> None:
    for method in ("get", "patch", "Delete", "BREW", "CONNECT", "G ET"):
        b.add("method", f"method {method}", op, method=method, layer="http")
    for method in ("PUT", "POST", "PATCH", "DELETE", "TRACE", "OPTIONS", "PROPFIND", "PURGE", "MKCOL"):
        if method not in documented:
            b.add("method", f"undocumented {method}", op, method=method)


def _framing_classes(b: _Builder, op: Operation) -> None:
    head = f"{op.method} {b.path(op)}"
    rest = f"Host: {b.t.netloc}\r\nAuthorization: Bearer {b.t.token}\r\nContent-Type: application/json\r\n"
    for version in ("HTTP/2.0", "HTTP/1.2", "HTTP/3.0", "HTTP/0.9", "HTTPS/1.1", "http/1.1", ""):
        b.raw("framing", f"version {version or 'missing'}", f"{head} {version}\r\n{rest}\r\n".encode())
    chunked = "2\r\n{}\r\n0\r\n\r\n"
    for coding in ("gzip, chunked", "chunked, gzip", "identity, chunked", "chunked, chunked", "xchunked"):
        raw = f"{head} HTTP/1.1\r\n{rest}Transfer-Encoding: {coding}\r\n\r\n{chunked}"
        b.raw("framing", f"Transfer-Encoding {coding}", raw.encode())
    both = f"{head} HTTP/1.1\r\n{rest}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{chunked}"
    b.raw("framing", "Transfer-Encoding and Content-Length", both.encode())
    bad_chunk = f"{head} HTTP/1.1\r\n{rest}Transfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"
    b.raw("framing", "chunk size not hex", bad_chunk.encode())
    b.raw("framing", "NUL in the request line", f"{head}\x00 HTTP/1.1\r\n{rest}\r\n".encode())
    b.raw("framing", "URL over 64 KB", f"{head}?a={'x' * 70_000} HTTP/1.1\r\n{rest}\r\n".encode())


def build_cases(target: Target) -> list[Case]:
    """Every case for the target, in a fixed order."""
    index = spec_index()
    operations = compile_operations(index)
    spec: Examples = {
        op.operation_id: [op.body.examples[name] for name in sorted(op.body.examples)] if op.body else []
        for op in index.operations
    }
    documented: dict[str, set[str]] = {}
    for op in operations:
        documented.setdefault(op.path, set()).add(op.method)
    b = _Builder(target)
    steps: list[Callable[[Operation], None]] = [
        lambda op: _query_classes(b, op),
        lambda op: _path_classes(b, spec, op),
        lambda op: _header_classes(b, spec, op),
        lambda op: _method_classes(b, op, documented[op.path] | ({"HEAD"} if "GET" in documented[op.path] else set())),
        lambda op: _framing_classes(b, op),
    ]
    for op in operations:
        if op.body is not None:
            _schema_mutations(b, spec, op)
            _json_classes(b, spec, op)
            _encoding_classes(b, spec, op)
            _size_classes(b, op)
        for step in steps:
            step(op)
    return list(b.cases.values())
