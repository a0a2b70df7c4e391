"""Report formats: each a small consumer of the `CheckResult` stream and `RunInfo`, one module each."""
