"""The reference server: every operation of the spec under `/beta`, validated with the spec's own schemas.

    from ios_lob_kit.mock_server.app import create_app              # the ASGI app
    from ios_lob_kit.mock_server.config import ServerConfig, TokenGrant, dev_tokens
    from ios_lob_kit.mock_server.runner import run_server           # as a subprocess on a free loopback port

Command line: `python -m ios_lob_kit.mock_server`, `ios-lob-mock-server` or `scripts/serve` (see `--help`).
"""
