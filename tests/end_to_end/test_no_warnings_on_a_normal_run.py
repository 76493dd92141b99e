"""A normal `asw run` prints no deprecation, beta or supersession warning: a seller should
not read Dagster's or GE's notes to their developers. (`asw ui`: tests/orchestration/
test_ui_browser.py.)"""

WARNINGS = ("DeprecationWarning", "BetaWarning", "PreviewWarning", "SupersessionWarning")


def test_a_normal_run_prints_no_deprecation_or_beta_warning(nightly_run):
    # The shared nightly run is `asw run` in its own process, its stdout and stderr kept.
    assert nightly_run.exit_code == 0, nightly_run.output[-3000:] + nightly_run.stderr[-3000:]
    for word in WARNINGS:
        assert word not in nightly_run.stderr, nightly_run.stderr[-3000:]
        assert word not in nightly_run.output, nightly_run.output[-3000:]
