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
        id="units_1d above units_7d",
        sql="""update marts.sales_volume_daily set units_1d = 3
               where store_id = 's1' and date = '2024-03-09'""",
        fails={"units_1d_not_above_units_7d"},
        check="units_1d_not_above_units_7d",
        failing_rows=1,
        sample={"store_id": "s1", "units_1d": 3, "units_7d": 2},
    ),
    Breakage(
        id="units_30d above units_90d",
        sql="""update marts.sales_volume_daily set units_30d = 6
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"units_30d_not_above_units_90d"},
        check="units_30d_not_above_units_90d",
        failing_rows=1,
        sample={"store_id": "s1", "units_30d": 6, "units_90d": 5},
    ),
    Breakage(
        id="units_90d above units_180d",
        sql="""update marts.sales_volume_daily set units_90d = 6
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"units_90d_not_above_units_180d"},
        check="units_90d_not_above_units_180d",
        failing_rows=1,
        sample={"store_id": "s1", "units_90d": 6, "units_180d": 5},
    ),
    Breakage(
        id="units_180d above units_365d",
        sql="""update marts.sales_volume_daily set units_180d = 6
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"units_180d_not_above_units_365d"},
        check="units_180d_not_above_units_365d",
        failing_rows=1,
        sample={"store_id": "s1", "units_180d": 6, "units_365d": 5},
    ),
    Breakage(
        id="total_sales_volume other than units_365d",
        sql="""update marts.sales_volume_daily set total_sales_volume = 6
               where store_id = 's1' and date = '2024-03-10'""",
        fails={"total_sales_volume_equals_units_365d"},
        check="total_sales_volume_equals_units_365d",
        failing_rows=1,
        sample={"store_id": "s1", "total_sales_volume": 6, "units_365d": 5},
    ),
    Breakage(
        id="a SKU twice",
        sql="""insert into marts.sku_sales_volume
               select * from marts.sku_sales_volume where sku = 'A'""",
        fails={"sku_sales_volume_one_row_per_key"},
        check="sku_sales_volume_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s1", "sku": "A"},
    ),
    Breakage(
        id="a SKU's units_7d above units_30d",
        sql="update marts.sku_sales_volume set units_7d = 3 where sku = 'A'",
        fails={"sku_units_7d_not_above_units_30d"},
        check="sku_units_7d_not_above_units_30d",
        failing_rows=1,
        sample={"sku": "A", "units_7d": 3, "units_30d": 2},
    ),
    Breakage(
        id="a SKU's units_90d above units_365d",
        sql="update marts.sku_sales_volume set units_90d = 5 where sku = 'B'",
        fails={"sku_units_90d_not_above_units_365d"},
        check="sku_units_90d_not_above_units_365d",
        failing_rows=1,
        sample={"sku": "B", "units_90d": 5, "units_365d": 3},
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
        id="a health store-day twice",
        sql="""insert into marts.store_health_daily
               select * from marts.store_health_daily
               where store_id = 's2' and date = '2024-03-09'""",
        fails={"store_health_daily_one_row_per_key"},
        check="store_health_daily_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s2", "date": date(2024, 3, 9)},
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
        id="a missing sales day inside the calendar",
        sql="delete from marts.sales_volume_daily where store_id = 's1' and date = '2024-03-09'",
        fails={"sales_volume_daily_one_row_per_calendar_day"},
        check="sales_volume_daily_one_row_per_calendar_day",
        failing_rows=1,
        sample={"store_id": "s1", "days": 2, "calendar_days": 3},
    ),
    Breakage(
        id="a health day after as_of",
        sql="""insert into marts.store_health_daily values
               ('s2', '2024-03-11', null, 0, 0, 0, null, null, null, null, null, 0.0,
                null, null, 0)""",
        fails={"store_health_daily_dates_not_after_as_of", "store_health_daily_ends_on_as_of"},
        check="store_health_daily_dates_not_after_as_of",
        failing_rows=1,
        sample={"store_id": "s2", "last_date": date(2024, 3, 11)},
    ),
    Breakage(
        id="health days ending before as_of",
        sql="delete from marts.store_health_daily where store_id = 's2' and date = '2024-03-10'",
        fails={"store_health_daily_ends_on_as_of"},
        check="store_health_daily_ends_on_as_of",
        failing_rows=1,
        sample={"store_id": "s2", "last_date": date(2024, 3, 9), "as_of": date(2024, 3, 10)},
    ),
    Breakage(
        id="health days starting after the first order day",
        sql="delete from marts.store_health_daily where store_id = 's1' and date = '2024-03-08'",
        fails={"store_health_daily_starts_on_first_order_day"},
        check="store_health_daily_starts_on_first_order_day",
        failing_rows=1,
        sample={"store_id": "s1", "first_date": date(2024, 3, 9)},
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
        id="a finding twice",
        sql="insert into marts.store_diagnosis select * from marts.store_diagnosis",
        fails={"store_diagnosis_one_row_per_key"},
        check="store_diagnosis_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s1", "code": "review_invite", "order_id": "o1"},
    ),
    Breakage(
        id="a program outside the five",
        sql="""insert into marts.store_eligibility
               values ('s1', '2024-03-10', 'flash_deals', false, 'm', 0, 1, 'Not eligible.')""",
        fails={"store_eligibility_known_program"},
        check="store_eligibility_known_program",
        failing_rows=1,
        sample={"store_id": "s1", "program": "flash_deals", "occurrences": 1},
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
