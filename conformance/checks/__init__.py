"""Graph-specific checks: plain functions that raise `CheckFailed`.

`graph` holds the checks that judge one request and its answer (run by schemathesis on every case);
`scenarios` holds the multi-request behaviours (merge, read-after-write, the seed's operation, auth).
"""

from conformance.checks.exchange import CheckFailed, Exchange

__all__ = ["CheckFailed", "Exchange"]
