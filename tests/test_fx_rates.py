"""`asw fx-rates`: the fx_rates seed of metrics.md from an ECB history, by hand-computed
numbers on a four-currency history small enough to check with pencil and paper."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from dagster_project.cli import main
from dagster_project.fx import bundled_history, make_fx_rates

# The ECB's layout: newest day first, 'N/A' where a currency is not quoted, a trailing comma.
HISTORY = """Date,USD,JPY,CNY,RUB,
2020-03-02,1.1000,120.00,7.5000,70.00,
2020-02-28,1.0000,N/A,5.0000,N/A,
2020-02-27,1.2000,130.00,8.0000,N/A,
2020-02-26,N/A,125.00,7.0000,N/A,
2020-02-25,1.1000,N/A,N/A,N/A,
2020-01-31,1.1000,121.00,7.7000,N/A,
2019-12-31,1.1200,121.94,7.8205,69.96,
"""


def _seed(tmp_path: Path, source: Path) -> list[tuple[str, str, float]]:
    out = tmp_path / "fx_rates.csv"
    summary = make_fx_rates(out, source=source)
    with out.open(newline="") as fh:
        rows = [(r["currency"], r["month"], float(r["usd_per_unit"])) for r in csv.DictReader(fh)]
    assert summary.rows == len(rows)
    return rows


def test_mean_of_daily_cross_rates(tmp_path: Path) -> None:
    source = tmp_path / "eurofxref-hist.csv"
    source.write_text(HISTORY)
    assert _seed(tmp_path, source) == [
        # 2020-01: one day, 1.1 / 7.7
        ("CNY", "2020-01-01", 1.1 / 7.7),
        # 2020-02: days quoting both USD and CNY are 02-27 (1.2 / 8 = 0.15) and 02-28
        # (1 / 5 = 0.2): mean 0.175, not the ratio of monthly means 1.1 / 6.5 = 0.1692…;
        # 02-26 has no USD, 02-25 no CNY
        ("CNY", "2020-02-01", (1.2 / 8.0 + 1.0 / 5.0) / 2),
        # EUR is USD per EUR itself, on every day with a USD quote: 02-25, 02-27, 02-28
        ("EUR", "2020-01-01", 1.1),
        ("EUR", "2020-02-01", (1.1 + 1.2 + 1.0) / 3),
        ("JPY", "2020-01-01", 1.1 / 121.0),
        ("JPY", "2020-02-01", 1.2 / 130.0),
        # 2019 is before the first month; 2020-03 is the month of the data's last day, so
        # not yet complete: RUB, quoted only then and in 2019, has no row; USD never has one
    ]


def test_zip_of_the_history_and_the_command(tmp_path: Path, capsys) -> None:
    source = tmp_path / "hist.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("eurofxref-hist.csv", HISTORY)
    out = tmp_path / "seed.csv"
    assert main(["fx-rates", "--source", str(source), "--out", str(out)]) == 0
    assert "6 rows, 3 currencies, 2020-01 .. 2020-02 (ECB data through 2020-03-02)" in (
        capsys.readouterr().out
    )
    assert out.read_text().splitlines()[0] == "currency,month,usd_per_unit"


def test_checked_in_seed_is_the_bundled_history(tmp_path: Path) -> None:
    """Every line of the repository's seed is what the script makes from the installed
    package (a newer package adds months, and leaves the old ones as they are)."""
    seed = Path(__file__).resolve().parents[1] / "dbt_models" / "seeds" / "fx_rates.csv"
    out = tmp_path / "fx_rates.csv"
    make_fx_rates(out, source=bundled_history())
    made = set(out.read_text().splitlines())
    checked_in = seed.read_text().splitlines()
    assert len(checked_in) > 2000
    assert [line for line in checked_in if line not in made] == []
