"""The expectations of the export coverage, the roll-off forecast, the new rates and their
seeds (metrics.md, store_export_coverage, volume_rolloff_forecast, Rates) can fail."""

from pathlib import Path

import pytest
from audit_breakage import Breakage, assert_breakage_caught

CASES = [
    Breakage(
        id="a coverage kind missing for a store",
        sql="delete from marts.store_export_coverage where store_id = 's2' and kind = 'traffic'",
        fails={"store_export_coverage_six_kinds_once"},
        check="store_export_coverage_six_kinds_once",
        failing_rows=1,
        sample={"store_id": "s2", "kind": "traffic", "occurrences": 0},
    ),
    Breakage(
        id="a coverage kind twice",
        sql="""insert into marts.store_export_coverage
               select * from marts.store_export_coverage
               where store_id = 's1' and kind = 'orders'""",
        fails={"store_export_coverage_six_kinds_once"},
        check="store_export_coverage_six_kinds_once",
        failing_rows=1,
        sample={"store_id": "s1", "kind": "orders", "occurrences": 2},
    ),
    Breakage(
        id="a coverage row of an unknown kind",
        sql="""insert into marts.store_export_coverage
               values ('s1', 'ads', '2024-03-10', 0, null, null, null, null, false, null)""",
        fails={"store_export_coverage_known_kind"},
        check="store_export_coverage_known_kind",
        failing_rows=1,
        sample={"store_id": "s1", "kind": "ads"},
    ),
    Breakage(
        id="a negative projection",
        sql="""update marts.volume_rolloff_forecast set projected_units_365d = -3.5
               where store_id = 's2' and horizon_days = 30""",
        fails={"projected_units_365d_not_negative"},
        check="projected_units_365d_not_negative",
        failing_rows=1,
        sample={"store_id": "s2", "horizon_days": 30, "projected_units_365d": -3.5},
    ),
    Breakage(
        id="more rolling off than the 365 days hold",
        sql="""update marts.volume_rolloff_forecast set rolloff_units = 6
               where store_id = 's1' and horizon_days = 7""",
        fails={"rolloff_units_not_above_units_365d"},
        check="rolloff_units_not_above_units_365d",
        failing_rows=1,
        sample={"store_id": "s1", "horizon_days": 7, "rolloff_units": 6, "units_365d": 5},
    ),
    Breakage(
        id="a horizon twice",
        sql="""insert into marts.volume_rolloff_forecast
               select * from marts.volume_rolloff_forecast
               where store_id = 's1' and horizon_days = 30""",
        fails={"volume_rolloff_forecast_one_row_per_key"},
        check="volume_rolloff_forecast_one_row_per_key",
        failing_rows=2,
        sample={"store_id": "s1", "horizon_days": 30},
    ),
    Breakage(
        id="a freshness kind missing",
        sql="delete from seeds.export_freshness where kind = 'reviews'",
        # the coverage rows of the tiny database are built from the seed beforehand
        fails={"export_freshness_kind_present_once"},
        check="export_freshness_kind_present_once",
        failing_rows=1,
        sample={"kind": "reviews", "occurrences": 0},
    ),
    Breakage(
        id="a negative freshness limit",
        sql="update seeds.export_freshness set max_age_days = -1 where kind = 'dsr'",
        fails={"export_freshness_max_age_not_negative"},
        check="export_freshness_max_age_not_negative",
        failing_rows=1,
        sample={"kind": "dsr", "max_age_days": -1.0},
    ),
    Breakage(
        id="a horizon of zero days",
        sql="update seeds.rolloff_horizons set horizon_days = 0 where horizon_days = 7",
        fails={"rolloff_horizon_within_a_year"},
        check="rolloff_horizon_within_a_year",
        failing_rows=1,
        sample={"horizon_days": 0.0},
    ),
    Breakage(
        id="a horizon listed twice",
        sql="insert into seeds.rolloff_horizons values (30)",
        fails={"rolloff_horizon_once"},
        check="rolloff_horizon_once",
        failing_rows=1,
        sample={"horizon_days": 30.0, "occurrences": 2},
    ),
    Breakage(
        id="a review rating threshold of 6 stars",
        sql="""update seeds.platform_thresholds set value = 6
               where name = 'positive_review_min_rating'""",
        fails={"threshold_rating_in_range"},
        check="threshold_rating_in_range",
        failing_rows=1,
        sample={"name": "positive_review_min_rating", "numeric_value": 6.0},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_coverage_suite_catches(working_db: Path, case: Breakage) -> None:
    assert_breakage_caught(working_db, case)
