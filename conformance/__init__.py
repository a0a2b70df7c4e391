"""The conformance suite: fuzz any server (and the generated client) against the spec, with a verdict.

cli.py              scripts/conformance: options (flags or env vars), run, reports, exit 0/1/2
options.py          RunOptions: what a run is asked to do, shared by both sides
results.py          the one result stream: CheckResult, Failure, RunInfo, verdict
runner.py           one run: open the target, server side (scenarios, then schemathesis), client side
target.py           the server checked: --base-url, or the embedded reference server; the first probe
credentials.py      the read-write identity: a fixed token, or an app registration through azure-identity
exercise.py         what each operation's answers were; "not exercised" and "not implemented" judgements
retry.py            the suite's own requests wait out 429/503 Retry-After
fixtures.py         the run's configuration (generated client), and deleting what the run created
engine.py           schemathesis' own engine over the spec, with the Graph checks registered
events.py           engine events -> CheckResults per operation and check, live progress
scenario_runner.py  the Graph scenarios -> CheckResults
checks/             Graph checks: per answer (graph.py) and multi-request scenarios (scenarios.py)
reporting/          console, JUnit XML, HTML: small consumers of the result stream
redact.py           tokens never leave the run
pytest_plugin.py    the same suite as plain pytest (with pytest_suite/)
client_side/        the client side (its own package)
"""
