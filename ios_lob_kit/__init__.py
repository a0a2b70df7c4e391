"""The iOS LOB app provisioning assignments contract kit, as one import package.

Its parts are subpackages: `openapi` (the spec and its index), `generated_client`, `contract_client`,
`mock_server` (the reference server), `conformance` (the suite), `regeneration` (drift gate and change
report) and `traffic` (the validating proxy). See ARCHITECTURE.md.
"""
