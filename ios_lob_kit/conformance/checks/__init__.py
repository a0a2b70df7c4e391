"""Graph-specific checks: plain functions that raise `CheckFailed`.

`graph` holds the checks that judge one request and its answer (run on every schemathesis case and every
answer the scenarios get); `scenarios` holds the multi-request behaviours (merge, read-after-write, the
seed's operation, auth), `behaviours` what writes must do beyond answering well (server-set properties,
replacing `target`, scoping the seed's body `id`, creates and assign), and `queries` the listings judged
against a model (query options, paging).
"""

from ios_lob_kit.conformance.checks.exchange import Exchange
from ios_lob_kit.conformance.errors import CheckFailed

__all__ = ["CheckFailed", "Exchange"]
