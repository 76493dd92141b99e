from datetime import date
from pathlib import Path

import pytest
from audit_breakage import Breakage, assert_breakage_caught

CASES = [
    Breakage(
        id="units_7d above units_30d",
        sql="""update marts.sales_volume_daily set units_7d = 9
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"units_7d_not_above_units_30d"},
        check="units_7d_not_above_units_30d",
        failing_rows=1,
        sample={"store_id": "s1", "units_7d": 9, "units_30d": 5},
    ),
    Breakage(
        id="a SKU's units_30d above units_90d",
        sql="update marts.sku_sales_volume set units_30d = 10 where sku = 'C'",
        fails={"sku_units_30d_not_above_units_90d"},
        check="sku_units_30d_not_above_units_90d",
        failing_rows=1,
        sample={"store_id": "s2", "sku": "C", "units_30d": 10, "units_90d": 4},
    ),
    Breakage(
        id="an order line twice",
        sql="""insert into marts.fct_order_lines
               select * from marts.fct_order_lines where order_id = 'o5'""",
        # The copy also adds 4 units to s2's counted lines.
        fails={"fct_order_lines_one_row_per_key", "units_365d_equals_counted_lines"},
        check="fct_order_lines_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s2", "order_id": "o5", "sku": "C", "occurrences": 2},
    ),
    Breakage(
        id="a store-day twice",
        sql="""insert into marts.sales_volume_daily
               select * from marts.sales_volume_daily
               where store_id = 's2' and date = '2024-03-09'""",
        fails={"sales_volume_daily_one_row_per_key"},
        check="sales_volume_daily_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s2", "units_1d": 4},
    ),
    Breakage(
        id="a rate above 1",
        sql="""update marts.store_health_daily set sku_active_rate_90d = 1.2
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"sku_active_rate_90d_in_unit_interval_or_null"},
        check="sku_active_rate_90d_in_unit_interval_or_null",
        failing_rows=1,
        sample={"store_id": "s1", "sku_active_rate_90d": 1.2},
    ),
    Breakage(
        id="a program missing for a store",
        sql="""delete from marts.store_eligibility
               where store_id = 's2' and program = 'search_ads'""",
        fails={"store_eligibility_every_program_once"},
        check="store_eligibility_every_program_once",
        failing_rows=1,
        sample={"store_id": "s2", "program": "search_ads", "occurrences": 0},
    ),
    Breakage(
        id="an eligibility row of another as_of",
        sql="""update marts.store_eligibility set as_of = '2024-03-09'
               where store_id = 's1' and program = 'top_brand'""",
        fails={"store_eligibility_as_of_is_audit_as_of"},
        check="store_eligibility_as_of_is_audit_as_of",
        failing_rows=1,
        sample={"store_id": "s1", "program": "top_brand"},
    ),
    Breakage(
        id="a day after as_of",
        sql="""insert into marts.sales_volume_daily
               values ('s2', '2024-03-11', 0, 4, 4, 4, 4, 4, 4, 1, 36.00, 36.00, 6)""",
        fails={"sales_volume_daily_dates_not_after_as_of", "sales_volume_daily_ends_on_as_of"},
        check="sales_volume_daily_dates_not_after_as_of",
        failing_rows=1,
        sample={"store_id": "s2", "last_date": date(2024, 3, 11)},
    ),
    Breakage(
        id="a missing day inside the calendar",
        sql="delete from marts.store_health_daily where store_id = 's1' and date = '2024-03-09'",
        fails={"store_health_daily_one_row_per_calendar_day"},
        check="store_health_daily_one_row_per_calendar_day",
        failing_rows=1,
        sample={"store_id": "s1", "days": 2, "calendar_days": 3},
    ),
    Breakage(
        id="a store starting after its first order day",
        sql="delete from marts.sales_volume_daily where store_id = 's1' and date = '2024-03-08'",
        fails={"sales_volume_daily_starts_on_first_order_day"},
        check="sales_volume_daily_starts_on_first_order_day",
        failing_rows=1,
        sample={
            "store_id": "s1",
            "first_date": date(2024, 3, 9),
            "first_order_day": date(2024, 3, 8),
        },
    ),
    Breakage(
        id="a finding dated after as_of",
        sql="update marts.store_diagnosis set date = '2024-03-12'",
        fails={"store_diagnosis_dates_not_after_as_of"},
        check="store_diagnosis_dates_not_after_as_of",
        failing_rows=1,
        sample={"store_id": "s1", "code": "review_invite", "date": date(2024, 3, 12)},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_marts_suite_catches(working_db: Path, case: Breakage) -> None:
    assert_breakage_caught(working_db, case)
