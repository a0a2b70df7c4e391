"""The HTML report renders from the result stream alone, including the client's out-of-spec behaviour."""

from __future__ import annotations

from ios_lob_kit.conformance.reporting import html
from ios_lob_kit.conformance.results import CheckResult, Failure, Outcome, RunInfo, Side

INFO = RunInfo(target="http://127.0.0.1:1/beta", seed=3, max_examples=2, replay_command="scripts/conformance --seed 3")


def test_the_client_behaviour_on_out_of_spec_answers_is_listed() -> None:
    results = [
        CheckResult(Side.CLIENT, "getAssignment", "out_of_spec_html_page", Outcome.PASSED, 1, (),
                    "raw client raises JSONDecodeError; contract_client raises MalformedBody"),
        CheckResult(Side.SERVER, "getAssignment", "request_id", Outcome.FAILED, 4,
                    (Failure("Missing header", "no request-id <b>", "GET /x", curl="curl -X GET ..."),)),
    ]  # fmt: skip
    page = html.render(INFO, results)
    assert 'id="client-behaviours"' in page
    assert "<td>html page</td><td>raw client raises JSONDecodeError; contract_client raises MalformedBody</td>" in page
    assert 'id="failure-server-getAssignment-request_id"' in page
    assert "no request-id &lt;b&gt;" in page  # escaped


def test_without_client_results_there_is_no_behaviour_section() -> None:
    results = [CheckResult(Side.SERVER, "getAssignment", "request_id", Outcome.PASSED, 4)]
    assert 'id="client-behaviours"' not in html.render(INFO, results)
