"""A check that no breakage makes fail could be a check that cannot fail."""

from test_coverage_suite_fails_on_broken_marts import CASES as COVERAGE_CASES
from test_marts_suite_fails_on_broken_marts import CASES as MARTS_CASES
from test_money_and_stores_suite_fails import CASES as MONEY_AND_STORES_CASES
from test_status_exclusion_suite_fails_on_miscounted_lines import CASES as STATUS_CASES
from test_threshold_suite_fails_on_bad_seeds import CASES as THRESHOLD_CASES

from expectations.suites import ALL_FRAMES

# Made to fail by tests of their own rather than a Breakage case.
FAILED_ELSEWHERE = {
    "no_line_held_for_unknown_status",
    "no_line_held_for_unknown_currency",
    "marts_built_for_the_requested_as_of",  # test_audit_knows_the_requested_as_of.py
}


def test_every_check_is_made_to_fail_by_some_test() -> None:
    failed = set(FAILED_ELSEWHERE)
    cases = [*STATUS_CASES, *THRESHOLD_CASES, *MARTS_CASES, *COVERAGE_CASES]
    for case in [*cases, *MONEY_AND_STORES_CASES]:
        failed |= case.fails
    checks = {c.name for frame in ALL_FRAMES for c in frame.checks}
    assert checks - failed == set()
