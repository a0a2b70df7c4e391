"""The reference server: every operation of the spec under `/beta`, validated with the spec's own schemas.

    from mock_server.app import create_app              # the ASGI app
    from mock_server.config import ServerConfig, TokenGrant, dev_tokens
    from mock_server.runner import run_server           # as a subprocess on a free loopback port

Command line: `python -m mock_server`, `ios-lob-mock-server` or `scripts/serve` (see `--help`).
"""
