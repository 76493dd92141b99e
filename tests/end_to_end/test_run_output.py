"""What `asw run` prints when its output is not a terminal (CI, cron, a log file): a
bounded number of plain lines, no line per file, and a summary that agrees with itself and
ends by saying where the results are."""

import io
import re

from dagster_project.progress import Reporter

PER_FILE = re.compile(r"\.(csv|xlsx): \d+ rows read = ")


def test_output_is_short_and_has_no_per_file_lines(nightly_run):
    assert nightly_run.exit_code == 0, nightly_run.output
    lines = nightly_run.output.splitlines()
    # 3 stores x 150 days: ~100 files. One line per kind and step, the audit's warnings,
    # the summary and where to look; never one per file.
    assert len(lines) <= 45, nightly_run.output
    assert not [line for line in lines if PER_FILE.search(line)]
    assert "\x1b[" not in nightly_run.output  # no terminal escape codes in a log


def test_audit_wording_agrees_with_itself(nightly_run):
    counts = re.findall(
        r"expectations: (\d+) passed, (\d+) failed, (\d+) warnings?", nightly_run.output
    )
    assert len(counts) == 2, nightly_run.output  # the audit step's line and the summary's
    assert counts[0] == counts[1]
    assert "did not" not in nightly_run.output
    for line in nightly_run.output.splitlines():
        match = re.match(r"\s*(FAILED|WARNING) (\w+): (.*)", line)
        if match:
            assert match.group(2) not in match.group(3), line  # a check's name once


def test_summary_ends_with_where_to_look(nightly_run):
    tail = nightly_run.output.strip().splitlines()
    start = tail.index("look at the results:")
    serving = str(nightly_run.serving_db)
    where = "\n".join(tail[start:])
    assert f"duckdb -readonly {serving}" in where
    assert f"duckdb.connect('{serving}', read_only=True)" in where
    assert f"asw ui --warehouse {nightly_run.warehouse}" in where
    assert "data_docs/index.html" in where


def test_per_file_lines_only_when_verbose():
    quiet, loud = io.StringIO(), io.StringIO()
    Reporter(quiet).detail("s1/orders/a.csv: 3 rows read = 3 loaded + 0 quarantined")
    Reporter(loud, verbose=True).detail("s1/orders/a.csv: 3 rows read = 3 loaded + 0 quarantined")
    assert quiet.getvalue() == ""
    assert loud.getvalue().count("\n") == 1


def test_a_step_off_a_terminal_prints_a_heartbeat_not_a_line_per_update():
    out = io.StringIO()
    reporter = Reporter(out)
    assert not reporter.live
    step = reporter.step("ingest orders", 10_000)
    for done in range(1, 10_001):
        step.update(done, f"{done * 10:,} rows")
    step.close()
    assert out.getvalue() == ""  # well within one heartbeat

    beating = Reporter(out, heartbeat=0.0)
    step = beating.step("dbt build", 4)
    step.update(2, "2 built")
    step.close()
    (line,) = out.getvalue().splitlines()
    assert line.startswith("  dbt build: 2/4, 2 built; 0:00 elapsed, about 0:00 left")


def test_a_step_on_a_terminal_updates_one_line():
    out = io.StringIO()
    reporter = Reporter(out, live=True)
    for kind in ("dsr", "orders"):
        step = reporter.step(f"ingest {kind}", 300)
        for done in range(1, 301):
            step.update(done, f"{done} rows")
        step.close()
        reporter.write(f"{kind} done")
    reporter.close()
    text = out.getvalue()
    # rich redraws its lines in place (carriage return, cursor up): 600 updates make a
    # handful of newlines (written lines, redraws of the two-line display), not one each.
    assert text.count("\n") < 20, text.count("\n")
    assert "ingest orders" in text and "300/300" in text
    final = text.rsplit("\r", 1)[0]
    assert "dsr done" in final and "orders done" in final
