"""The conformance suite as pytest tests; collect it with `-p conformance.pytest_plugin` (see that module)."""
