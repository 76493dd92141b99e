from pathlib import Path

import pytest
from audit_breakage import Breakage, assert_breakage_caught

CASES = [
    Breakage(
        id="a rate set to 1.7",
        sql="update seeds.platform_thresholds set value = 1.7 where name = 'logistics_issue_share'",
        fails={"threshold_rate_in_unit_interval"},
        check="threshold_rate_in_unit_interval",
        failing_rows=1,
        sample={"name": "logistics_issue_share", "kind": "rate", "numeric_value": 1.7},
    ),
    Breakage(
        id="a threshold missing",
        sql="delete from seeds.platform_thresholds where name = 'review_window_days'",
        fails={"threshold_present_once"},
        check="threshold_present_once",
        failing_rows=1,
        sample={"name": "review_window_days", "occurrences": 0},
    ),
    Breakage(
        id="a threshold twice",
        sql="insert into seeds.platform_thresholds values ('dsr_healthy', 4.5, 'score', 'copy')",
        fails={"threshold_present_once"},
        check="threshold_present_once",
        failing_rows=1,
        sample={"name": "dsr_healthy", "occurrences": 2},
    ),
    Breakage(
        id="a threshold that is not a number",
        sql="""alter table seeds.platform_thresholds alter value type varchar;
               update seeds.platform_thresholds set value = 'forty-eight'
               where name = 'logistics_online_hours'""",
        fails={"threshold_is_numeric"},
        check="threshold_is_numeric",
        failing_rows=1,
        sample={"name": "logistics_online_hours", "value": "forty-eight", "numeric_value": None},
    ),
    Breakage(
        id="zero hours",
        sql="update seeds.platform_thresholds set value = 0 "
        "where name = 'logistics_downrank_hours'",
        fails={"threshold_hours_and_counts_positive"},
        check="threshold_hours_and_counts_positive",
        failing_rows=1,
        sample={"name": "logistics_downrank_hours", "numeric_value": 0.0},
    ),
    Breakage(
        id="a DSR threshold above 5",
        sql="update seeds.platform_thresholds set value = 6 where name = 'dsr_healthy'",
        fails={"threshold_dsr_in_range"},
        check="threshold_dsr_in_range",
        failing_rows=1,
        sample={"name": "dsr_healthy", "numeric_value": 6.0},
    ),
    Breakage(
        id="warning rate above the healthy rate",
        sql="update seeds.platform_thresholds set value = 0.7 "
        "where name = 'sku_active_rate_warning'",
        fails={"sku_active_rate_warning_below_healthy"},
        check="sku_active_rate_warning_below_healthy",
        failing_rows=1,
        sample={"sku_active_rate_warning": 0.7, "sku_active_rate_healthy": 0.65},
    ),
    Breakage(
        id="a benchmark category twice",
        sql="insert into seeds.category_benchmarks values ('apparel', 1, 1.00, 1)",
        fails={"benchmark_category_present_once"},
        check="benchmark_category_present_once",
        failing_rows=1,
        sample={"category": "apparel", "occurrences": 2},
    ),
    Breakage(
        id="a benchmark category missing",
        sql="delete from seeds.category_benchmarks where category = 'other'",
        fails={"benchmark_category_present_once"},
        check="benchmark_category_present_once",
        failing_rows=1,
        sample={"category": "other", "occurrences": 0},
    ),
    Breakage(
        id="a negative average price",
        sql="update seeds.category_benchmarks set avg_unit_price_usd = -3 "
        "where category = 'home_garden'",
        fails={"benchmark_avg_unit_price_positive"},
        check="benchmark_avg_unit_price_positive",
        failing_rows=1,
        sample={"category": "home_garden", "avg_unit_price_usd": -3.0},
    ),
    Breakage(
        id="an average price missing",
        sql="update seeds.category_benchmarks set avg_unit_price_usd = null "
        "where category = 'other'",
        fails={"benchmark_avg_unit_price_present"},
        check="benchmark_avg_unit_price_present",
        failing_rows=1,
        sample={"category": "other", "avg_unit_price_usd": None},
    ),
    Breakage(
        id="an industry average of zero",
        sql="update seeds.category_benchmarks set industry_avg_units_180d = 0 "
        "where category = 'consumer_electronics'",
        fails={"benchmark_industry_avg_units_180d_positive"},
        check="benchmark_industry_avg_units_180d_positive",
        failing_rows=1,
        sample={"category": "consumer_electronics", "industry_avg_units_180d": 0.0},
    ),
    Breakage(
        id="a negative top-100 threshold",
        sql="update seeds.category_benchmarks set top100_annual_units = -1 "
        "where category = 'home_garden'",
        fails={"benchmark_top100_annual_units_positive"},
        check="benchmark_top100_annual_units_positive",
        failing_rows=1,
        sample={"category": "home_garden", "top100_annual_units": -1.0},
    ),
    Breakage(
        id="an industry average missing",
        sql="update seeds.category_benchmarks set industry_avg_units_180d = null "
        "where category = 'apparel'",
        fails={"benchmark_industry_avg_units_180d_present"},
        check="benchmark_industry_avg_units_180d_present",
        failing_rows=1,
        sample={"category": "apparel", "industry_avg_units_180d": None},
    ),
    Breakage(
        id="a raw status twice after trimming and case folding",
        sql="insert into seeds.status_map values (' finished ', 'completed', null)",
        fails={"status_map_raw_status_once"},
        check="status_map_raw_status_once",
        failing_rows=1,
        sample={"status_key": "finished", "occurrences": 2},
    ),
    Breakage(
        id="an unknown class in status_map",
        sql="""update seeds.status_map set "class" = 'maybe' where raw_status = 'Shipped'""",
        # The order line with status Shipped now disagrees with its map entry too.
        fails={"status_map_known_classes", "line_status_class_matches_status_map"},
        check="status_map_known_classes",
        failing_rows=1,
        sample={"raw_status": "Shipped", "status_class": "maybe"},
    ),
    Breakage(
        id="a status without a class",
        sql="""update seeds.status_map set "class" = null where raw_status = 'Closed'""",
        fails={"status_map_class_present"},
        check="status_map_class_present",
        failing_rows=1,
        sample={"raw_status": "Closed", "status_class": None},
    ),
    Breakage(
        id="an exclusion reason outside the four",
        sql="update seeds.status_map set reason = 'lost' where raw_status = '未妥投'",
        fails={"status_map_excluded_reason_known"},
        check="status_map_excluded_reason_known",
        failing_rows=1,
        sample={"raw_status": "未妥投", "reason": "lost"},
    ),
    Breakage(
        id="an excluded status without a reason",
        sql="update seeds.status_map set reason = null where raw_status = 'Rejected'",
        fails={"status_map_excluded_has_reason"},
        check="status_map_excluded_has_reason",
        failing_rows=1,
        sample={"raw_status": "Rejected", "status_class": "excluded", "reason": None},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_threshold_suite_catches(working_db: Path, case: Breakage) -> None:
    assert_breakage_caught(working_db, case)
