"""The fx_rates and marts.stores checks can fail, and a line held for a currency without a
rate warns without blocking the publish."""

from pathlib import Path

import pytest
from audit_breakage import Breakage, assert_breakage_caught
from audit_helpers import audit, failed
from tiny_working_db import run_sql

CASES = [
    Breakage(
        id="a rate of zero",
        sql="update seeds.fx_rates set usd_per_unit = 0 "
        "where currency = 'EUR' and month = '2024-03-01'",
        fails={"fx_rate_positive"},
        check="fx_rate_positive",
        failing_rows=1,
        sample={"currency": "EUR", "usd_per_unit": 0.0},
    ),
    Breakage(
        id="a negative rate",
        sql="update seeds.fx_rates set usd_per_unit = -0.139 "
        "where currency = 'CNY' and month = '2024-01-01'",
        fails={"fx_rate_positive"},
        check="fx_rate_positive",
        failing_rows=1,
        sample={"currency": "CNY", "usd_per_unit": -0.139},
    ),
    Breakage(
        id="a rate left empty",
        sql="update seeds.fx_rates set usd_per_unit = null where currency = 'CNY' "
        "and month = '2024-02-01'",
        fails={"fx_rate_present"},
        check="fx_rate_present",
        failing_rows=1,
        sample={"currency": "CNY"},
    ),
    Breakage(
        id="a month missing between the first and the last",
        sql="delete from seeds.fx_rates where currency = 'CNY' and month = '2024-02-01'",
        fails={"fx_rates_no_missing_month"},
        check="fx_rates_no_missing_month",
        failing_rows=1,
        sample={"currency": "CNY", "months": 2, "calendar_months": 3},
    ),
    Breakage(
        id="a month twice",
        sql="insert into seeds.fx_rates values ('EUR', '2024-03-01', 1.09)",
        fails={"fx_rates_one_row_per_month"},
        check="fx_rates_one_row_per_month",
        failing_rows=1,
        sample={"currency": "EUR", "repeated_months": 1},
    ),
    Breakage(
        id="a store of the marts missing from stores",
        sql="delete from marts.stores where store_id = 's2'",
        fails={"stores_one_row_per_store_of_the_marts"},
        check="stores_one_row_per_store_of_the_marts",
        failing_rows=1,
        sample={"store_id": "s2", "occurrences": 0},
    ),
    Breakage(
        id="a store twice in stores",
        sql="insert into marts.stores select * from marts.stores where store_id = 's1'",
        fails={"stores_one_row_per_store_of_the_marts"},
        check="stores_one_row_per_store_of_the_marts",
        failing_rows=1,
        sample={"store_id": "s1", "occurrences": 2},
    ),
    Breakage(
        id="a store that is not a store of the marts",
        sql="insert into marts.stores values "
        "('s9', null, '2024-03-01', 'other', '2024-03-01', '2024-03-10', null)",
        fails={"stores_only_stores_of_the_marts"},
        check="stores_only_stores_of_the_marts",
        failing_rows=1,
        sample={"store_id": "s9", "of_the_marts": False},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_money_and_stores_checks_catch(working_db: Path, case: Breakage) -> None:
    assert_breakage_caught(working_db, case)


def test_unknown_currency_in_quarantine_warns_without_blocking(working_db: Path) -> None:
    run_sql(
        working_db,
        """insert into audit.quarantine values
            ('s2', 'orders', 's2/orders/orders_2024-03-10.csv', 3, 'unknown_currency',
             'o8,C,,,1,2024-03-10 08:00:00,,12.00,AED,Completed,,,')""",
    )
    report = audit(working_db)

    failures = failed(report)
    assert set(failures) == {"no_line_held_for_unknown_currency"}
    outcome = failures["no_line_held_for_unknown_currency"]
    assert outcome.severity == "WARN"
    assert (outcome.asset, outcome.failing_rows) == ("audit.quarantine", 1)
    assert outcome.sample == [
        {
            "reason": "unknown_currency",
            "store_id": "s2",
            "file": "s2/orders/orders_2024-03-10.csv",
            "n_rows": 1,
            "first_line": 3,
        }
    ]
    assert report.passed
