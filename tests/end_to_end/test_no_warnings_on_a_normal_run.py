"""A normal `asw run` prints no deprecation, beta or supersession warning: a seller should
not read Dagster's or GE's notes to their developers. (`asw ui`: tests/orchestration/
test_ui_browser.py.)"""

import subprocess
import sys

WARNINGS = ("DeprecationWarning", "BetaWarning", "PreviewWarning", "SupersessionWarning")


def test_a_normal_run_prints_no_deprecation_or_beta_warning(small_inbox, tmp_path):
    command = [sys.executable, "-m", "dagster_project.cli", "run", "--inbox", str(small_inbox)]
    command += ["--warehouse", str(tmp_path / "wh")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for word in WARNINGS:
        assert word not in result.stderr, result.stderr[-3000:]
        assert word not in result.stdout, result.stdout[-3000:]
