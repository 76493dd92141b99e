"""Time the audit on a synthetic working database of any size.

    python -m expectations.benchmark --lines 10000000 --dir /tmp/asw-bench

Builds the working database with DuckDB SQL alone (a few hundred stores, two years of days,
every status of metrics.md), then runs the whole audit once and prints the timings. The data is
valid, so every check runs its full path and passes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

# (raw status, class, reason): the statuses of metrics.md, enough to exercise every class.
STATUSES = [
    ("交易完成", "completed", None),
    ("Finished", "completed", None),
    ("Completed", "completed", None),
    ("Delivered", "completed", None),
    ("等待发货", "in_progress", None),
    ("Shipped", "in_progress", None),
    ("In Dispute", "in_progress", None),
    ("已取消", "excluded", "cancelled"),
    ("Refunded", "excluded", "refunded"),
    ("Rejected", "excluded", "rejected"),
    ("Delivery Failed", "excluded", "logistics_exception"),
]
THRESHOLD_VALUES = {"rate": 0.3, "positive": 48, "dsr": 4.78}
AS_OF = "2024-06-30"


def _literal(value: object) -> str:
    return "null" if value is None else "'" + str(value).replace("'", "''") + "'"


def build(path: Path, lines: int, stores: int = 200, days: int = 730, skus: int = 400) -> None:
    from expectations.suites.marts import PROGRAMS
    from expectations.suites.threshold_tables import THRESHOLD_KINDS

    statuses = ", ".join(f"({i}, {', '.join(map(_literal, s))})" for i, s in enumerate(STATUSES))
    thresholds = ", ".join(
        f"('{name}', {THRESHOLD_VALUES[kind]})" for name, kind in THRESHOLD_KINDS.items()
    )
    programs = ", ".join(f"('{p}')" for p in PROGRAMS)
    con = duckdb.connect(str(path))
    con.execute(f"""
        create schema seeds; create schema marts; create schema audit; create schema raw;
        create table seeds.status_map as
            select raw_status, "class", reason
            from (values {statuses}) t(i, raw_status, "class", reason);
        create table seeds.platform_thresholds as
            select name, value::double as value, 'unit' as unit, 'benchmark' as source
            from (values {thresholds}) t(name, value);
        update seeds.platform_thresholds set value = 0.65 where name = 'sku_active_rate_healthy';
        create table seeds.category_benchmarks as select * from (values
            ('apparel', 127000, 12.00, 20000), ('consumer_electronics', 83000, 18.00, 12000),
            ('home_garden', 69000, 9.00, 10000), ('other', null, 10.00, 8000)
        ) t(category, top100_annual_units, avg_unit_price_usd, industry_avg_units_180d);

        create table marts.fct_order_lines as
        with lines as (
            select i, hash(i) as h from range({lines}) r(i)
        ),
        status as (
            select i as status_no, raw_status, "class", reason
            from (values {statuses}) t(i, raw_status, "class", reason)
        )
        select
            's' || (i % {stores}) as store_id,
            'o' || i as order_id,
            'k' || (h % {skus}) as sku,
            'apparel' as category,
            (1 + h % 3)::integer as quantity,
            (10 + h % 50)::decimal(18, 2) as amount,
            date '{AS_OF}' - ((h >> 8) % {days})::integer + interval 10 hour as order_time,
            (date '{AS_OF}' - ((h >> 8) % {days})::integer)::date as order_day,
            date '{AS_OF}' - ((h >> 8) % {days})::integer + interval 11 hour as paid_at,
            null::timestamp as online_at,
            null::timestamp as delivered_at,
            s.raw_status,
            s."class" as status_class,
            s.reason as status_reason,
            s."class" = 'completed' as is_counted,
            timestamp '{AS_OF}' as snapshot_at,
            's/orders/x.csv' as source_file
        from lines
        join status as s on s.status_no = (h >> 20) % {len(STATUSES)};

        create table marts.sales_volume_daily as
        with calendar as (
            select store_id, unnest(generate_series(min(order_day), date '{AS_OF}',
                interval 1 day))::date as date
            from marts.fct_order_lines group by store_id
        ),
        per_day as (
            select store_id, order_day as date, sum(quantity) as units
            from marts.fct_order_lines where is_counted group by all
        ),
        daily as (
            select c.store_id, c.date, coalesce(p.units, 0)::bigint as units_1d
            from calendar as c left join per_day as p using (store_id, date)
        )
        select
            store_id, date, units_1d,
            {
        ", ".join(
            f"sum(units_1d) over (partition by store_id order by date range between "
            f"{n - 1} preceding and current row)::bigint as units_{n}d"
            for n in (7, 30, 90, 180, 365)
        )
    }
        from daily;
        alter table marts.sales_volume_daily add column total_sales_volume bigint;
        update marts.sales_volume_daily set total_sales_volume = units_365d;

        create table marts.sku_sales_volume as
        select store_id, sku, 'apparel' as category, true as listed,
            {
        ", ".join(
            f"coalesce(sum(quantity) filter (where is_counted and "
            f"order_day > date '{AS_OF}' - {n}), 0)::bigint as units_{n}d"
            for n in (7, 30, 90, 365)
        )
    }
        from marts.fct_order_lines group by all;

        create table marts.store_health_daily as
        select store_id, date, (hash(store_id, date) % 1000) / 1000.0 as online_48h_rate_30d,
            0 as overdue_72h_orders, (hash(date, store_id) % 1000) / 1000.0 as sku_active_rate_90d
        from marts.sales_volume_daily;

        create table marts.store_eligibility as
        select store_id, date '{AS_OF}' as as_of, program, false as eligible
        from (select distinct store_id from marts.fct_order_lines)
        cross join (values {programs}) p(program);

        create table marts.store_diagnosis as
        select distinct store_id, date '{AS_OF}' as date, null::integer as step,
            'logistics_bottleneck' as code, null as sku, null as order_id
        from marts.fct_order_lines;

        create table audit.quarantine as
        select 's' || (i % {stores}) as store_id, 'orders' as kind, 'x.csv' as file,
            i as line, 'bad_integer:quantity' as reason, 'raw' as raw_line
        from range(1000) r(i);
    """)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    from expectations import run_audit  # loads great_expectations (the suites use it)

    imported = time.perf_counter() - started
    db = args.dir / "warehouse.duckdb"
    if not db.exists():
        built = time.perf_counter()
        build(db, args.lines)
        print(f"built {args.lines:,} order lines in {time.perf_counter() - built:.1f} s")

    report = run_audit(db, run_id="benchmark", data_docs_dir=args.dir / "data_docs")
    failed = [c.check_name for c in report.checks if not c.passed]
    print(
        f"audit: {len(report.checks)} checks, failed: {', '.join(failed) or 'none'}; "
        f"run_audit {report.seconds:.1f} s + great_expectations import {imported:.1f} s "
        f"= {report.seconds + imported:.1f} s"
    )


if __name__ == "__main__":
    main()
