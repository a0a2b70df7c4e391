"""The conformance suite: fuzz any server (and the generated client) against the spec, with a verdict.

cli.py              scripts/conformance: options (flags or env vars), run, reports, exit 0/1/2
options.py          FLAGS (one table for the CLI and the pytest plugin) and RunOptions, shared by both sides
errors.py           the suite's one exception tree (CheckFailed, NotExercised, RunCannotStart and its kinds)
results.py          what a run finds: CheckResult, Failure, RunInfo, verdict
stream.py           the run's one stream: typed events producers emit, handlers consume (redacted once)
runner.py           one run: open the target, build its context, server side then client side, into the stream
context.py          RunContext: the run's state (scratch configuration, kept ids, writes, exercise, redactor,
                    replay)
target.py           the server checked: --base-url, or the embedded reference server; the first probe
credentials.py      the read-write identity: a fixed token, or an app registration through azure-identity
exercise.py         what each operation's answers were; "not exercised" and "not implemented" judgements
retry.py            the suite's own requests wait out 429/503 Retry-After
fixtures.py         the run's configuration (generated client, marked, with a group assignment)
writes.py           the --max-writes budget over every request, and what the run created (deleted at its end)
markers.py          the conformance-run-<seed> marker on what a run names, and --cleanup of what runs left
engine.py           schemathesis' own engine over the spec, with the Graph checks registered
events.py           engine events -> CheckResults per operation and check, and progress events
scenario_runner.py  the Graph scenarios -> CheckResults and progress events
checks/             Graph checks: per answer (graph.py), scenarios (scenarios.py, behaviours.py, queries.py,
                    security.py)
json_meaning.py     JSON compared by meaning, date-times as instants (both sides)
reporting/          handlers of the stream: console, JUnit XML, HTML; progress lines formatted once
redact.py           tokens never leave the run
pytest_plugin.py    the same suite as plain pytest (with pytest_suite/)
client_side/        the client side (its own package)
"""
