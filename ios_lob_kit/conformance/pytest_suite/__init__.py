"""The conformance suite as pytest tests; collect it with `-p ios_lob_kit.conformance.pytest_plugin` (see that
module)."""
