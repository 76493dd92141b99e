from pathlib import Path

import pytest
from audit_breakage import Breakage, assert_breakage_caught
from audit_helpers import audit, failed
from tiny_working_db import run_sql

CASES = [
    Breakage(
        id="excluded status forced into the counted set",
        sql="update marts.fct_order_lines set is_counted = true where order_id = 'o2'",
        fails={"counted_lines_are_completed", "units_365d_equals_counted_lines"},
        check="counted_lines_are_completed",
        failing_rows=1,
        sample={
            "raw_status": "Cancelled",
            "status_class": "excluded",
            "is_counted": True,
            "example_line": "s1 / o2 / A",
        },
    ),
    Breakage(
        id="in-progress line counted",
        sql="update marts.fct_order_lines set is_counted = true where order_id = 'o4'",
        fails={"counted_lines_are_completed", "units_365d_equals_counted_lines"},
        check="counted_lines_are_completed",
        failing_rows=1,
        sample={"raw_status": "Shipped", "status_class": "in_progress"},
    ),
    Breakage(
        id="a completed line left out of the count",
        sql="update marts.fct_order_lines set is_counted = false where order_id = 'o1'",
        fails={"completed_lines_are_counted", "units_365d_equals_counted_lines"},
        check="completed_lines_are_counted",
        failing_rows=1,
        sample={"raw_status": "Finished", "is_counted": False, "example_line": "s1 / o1 / A"},
    ),
    Breakage(
        id="a class outside the three",
        sql="update marts.fct_order_lines set status_class = 'pending' where order_id = 'o4'",
        fails={"line_status_class_is_known", "line_status_class_matches_status_map"},
        check="line_status_class_is_known",
        failing_rows=1,
        sample={"raw_status": "Shipped", "status_class": "pending", "mapped_class": "in_progress"},
    ),
    Breakage(
        id="line with a status outside status_map reaches the mart",
        sql="""update marts.fct_order_lines set raw_status = 'Lost In Space', status_class = null,
               is_counted = false where order_id = 'o4'""",
        fails={"line_has_status_class", "line_raw_status_in_status_map"},
        check="line_raw_status_in_status_map",
        failing_rows=1,
        sample={"raw_status": "Lost In Space", "example_line": "s1 / o4 / B"},
    ),
    Breakage(
        id="line class disagrees with status_map",
        sql="update marts.fct_order_lines set status_class = 'in_progress' where order_id = 'o2'",
        fails={"line_status_class_matches_status_map"},
        check="line_status_class_matches_status_map",
        failing_rows=1,
        sample={
            "raw_status": "Cancelled",
            "status_class": "in_progress",
            "mapped_class": "excluded",
        },
    ),
    Breakage(
        id="excluded line without a reason",
        sql="update marts.fct_order_lines set status_reason = null where order_id = 'o6'",
        fails={"excluded_lines_have_reason"},
        check="excluded_lines_have_reason",
        failing_rows=1,
        sample={"raw_status": "已退款", "status_reason": None, "example_line": "s2 / o6 / C"},
    ),
    Breakage(
        id="units_365d on as_of differs from the counted lines",
        sql="""update marts.sales_volume_daily set units_365d = 7, total_sales_volume = 7
               where store_id = 's2' and date = '2024-03-10'""",
        fails={"units_365d_equals_counted_lines"},
        check="units_365d_equals_counted_lines",
        failing_rows=1,
        sample={"store_id": "s2", "mart_units_365d": 7, "counted_line_units_365d": 4},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_status_exclusion_suite_catches(working_db: Path, case: Breakage) -> None:
    assert_breakage_caught(working_db, case)


def test_unknown_status_in_quarantine_warns_without_blocking(working_db: Path) -> None:
    run_sql(
        working_db,
        """insert into audit.quarantine values
            ('s2', 'orders', 's2/orders/orders_2024-03-10.csv', 3, 'unknown_status', 'o8,C,1,Lost'),
            ('s2', 'orders', 's2/orders/orders_2024-03-10.csv', 4, 'unknown_status', 'o9,C,1,Lost')
        """,
    )
    report = audit(working_db)

    failures = failed(report)
    assert set(failures) == {"no_line_held_for_unknown_status"}
    outcome = failures["no_line_held_for_unknown_status"]
    assert outcome.severity == "WARN"
    assert (outcome.asset, outcome.failing_rows) == ("audit.quarantine", 2)
    assert outcome.sample == [
        {
            "reason": "unknown_status",
            "store_id": "s2",
            "file": "s2/orders/orders_2024-03-10.csv",
            "n_rows": 2,
            "first_line": 3,
        }
    ]
    assert report.passed
