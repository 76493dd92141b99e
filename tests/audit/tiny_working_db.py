"""A tiny, valid working database built with plain SQL: the seeds of metrics.md and a few
rows per mart, with the column names of metrics.md. Tests break one thing in it at a time.

Stores s1 (first order day 2024-03-08) and s2 (2024-03-09), as_of 2024-03-10.
Counted units: s1 2 + 3 = 5, s2 4.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.contract.raw import INGEST_LOG
from dagster_project.contract.thresholds import seed_rows

AS_OF = "2024-03-10"

STATUS_MAP = [
    *[
        (s, "completed", None)
        for s in ["交易完成", "已完成", "已签收", "已确认收货", "系统自动确认收货"]
        + ["Finished", "Completed", "Delivered", "Confirmed"]
    ],
    *[
        (s, "in_progress", None)
        for s in ["等待买家付款", "等待发货", "部分发货", "已发货", "等待买家收货", "纠纷中"]
        + ["Awaiting Payment", "Awaiting Shipment", "Partially Shipped", "Shipped"]
        + ["Awaiting Buyer Confirmation", "In Dispute"]
    ],
    ("已取消", "excluded", "cancelled"),
    ("订单关闭", "excluded", "cancelled"),
    ("Cancelled", "excluded", "cancelled"),
    ("Closed", "excluded", "cancelled"),
    ("已退款", "excluded", "refunded"),
    ("退款成功", "excluded", "refunded"),
    ("Refunded", "excluded", "refunded"),
    ("拒收", "excluded", "rejected"),
    ("Rejected", "excluded", "rejected"),
    ("物流异常", "excluded", "logistics_exception"),
    ("未妥投", "excluded", "logistics_exception"),
    ("Delivery Failed", "excluded", "logistics_exception"),
    ("Logistics Exception", "excluded", "logistics_exception"),
]

# The seed's rows as shipped: the one place of the threshold values (dagster_project/contract).
THRESHOLDS = [
    (row["name"], float(row["value"]), row["unit"], row["source"])
    for row in seed_rows(Path(__file__).resolve().parents[2] / "dbt_models")
]

PROGRAMS = ["new_store_accelerator", "top_brand", "search_ads", "overseas_warehouse"]
PROGRAMS += ["category_top100"]


def _rows(rows: list[tuple]) -> str:
    def lit(v: object) -> str:
        if v is None:
            return "null"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return str(v)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


# The log columns the rows below give (modified_ns stays NULL).
_LOGGED = ", ".join(c for c in INGEST_LOG.column_names() if c != "modified_ns")

SQL = f"""
create schema raw;
create schema seeds;
create schema marts;
create schema audit;

{INGEST_LOG.ddl()};
insert into raw.ingest_log ({_LOGGED}) values
    (1, 's1/orders/orders_2024-03-10.csv', 'orders', 's1', '2024-03-10', 'aa11', 400, 5, 4, 1,
     '2024-03-11 03:00:00', 'loaded', null),
    (2, 's2/orders/orders_2024-03-10.csv', 'orders', 's2', '2024-03-10', 'bb22', 300, 2, 2, 0,
     '2024-03-11 03:00:01', 'loaded', null);

create table seeds.status_map (raw_status varchar, "class" varchar, reason varchar);
insert into seeds.status_map values {_rows(STATUS_MAP)};

create table seeds.category_map (category_text varchar, category varchar);
insert into seeds.category_map values ('服饰', 'apparel'), ('Apparel', 'apparel'),
    ('消费电子', 'consumer_electronics'), ('家居园艺', 'home_garden');

create table seeds.platform_thresholds (name varchar, value double, unit varchar, source varchar);
insert into seeds.platform_thresholds values {_rows(THRESHOLDS)};

create table seeds.category_benchmarks (
    category varchar, top100_annual_units integer, avg_unit_price_usd decimal(10, 2),
    industry_avg_units_180d integer
);
insert into seeds.category_benchmarks values
    ('apparel', 127000, 12.00, 20000), ('consumer_electronics', 83000, 18.00, 12000),
    ('home_garden', 69000, 9.00, 10000), ('other', null, 10.00, 8000);

create table marts.fct_order_lines (
    store_id varchar, order_id varchar, sku varchar, category varchar, quantity integer,
    amount decimal(18, 2), order_time timestamp, order_day date, paid_at timestamp,
    online_at timestamp, delivered_at timestamp, raw_status varchar, status_class varchar,
    status_reason varchar, is_counted boolean, snapshot_at timestamp, source_file varchar
);
insert into marts.fct_order_lines
    select store_id, order_id, sku, 'apparel', quantity, amount, order_time,
        cast(order_time as date), order_time + interval 1 hour, null, null, raw_status,
        status_class, status_reason, status_class = 'completed', timestamp '2024-03-10',
        store_id || '/orders/orders_2024-03-10.csv'
    from (values
        ('s1', 'o1', 'A', 2, 20.00, timestamp '2024-03-08 10:00', 'Finished', 'completed', null),
        ('s1', 'o2', 'A', 1, 10.00, timestamp '2024-03-09 11:00', 'Cancelled', 'excluded',
         'cancelled'),
        ('s1', 'o3', 'B', 3, 45.00, timestamp '2024-03-10 09:00', '交易完成', 'completed', null),
        ('s1', 'o4', 'B', 1, 15.00, timestamp '2024-03-10 12:00', 'Shipped', 'in_progress', null),
        ('s2', 'o5', 'C', 4, 36.00, timestamp '2024-03-09 08:00', 'Completed', 'completed', null),
        ('s2', 'o6', 'C', 2, 18.00, timestamp '2024-03-10 08:00', '已退款', 'excluded', 'refunded')
    ) t(store_id, order_id, sku, quantity, amount, order_time, raw_status, status_class,
        status_reason);

create table marts.sales_volume_daily (
    store_id varchar, date date, units_1d bigint, units_7d bigint, units_30d bigint,
    units_90d bigint, units_180d bigint, units_365d bigint, total_sales_volume bigint,
    orders_365d bigint, gmv_30d decimal(18, 2), gmv_365d decimal(18, 2), sold_count bigint
);
insert into marts.sales_volume_daily values
    ('s1', '2024-03-08', 2, 2, 2, 2, 2, 2, 2, 1, 20.00, 20.00, 2),
    ('s1', '2024-03-09', 0, 2, 2, 2, 2, 2, 2, 1, 20.00, 20.00, 3),
    ('s1', '2024-03-10', 3, 5, 5, 5, 5, 5, 5, 2, 65.00, 65.00, 7),
    ('s2', '2024-03-09', 4, 4, 4, 4, 4, 4, 4, 1, 36.00, 36.00, 4),
    ('s2', '2024-03-10', 0, 4, 4, 4, 4, 4, 4, 1, 36.00, 36.00, 6);
comment on table marts.sales_volume_daily is 'One row per (store_id, date): sales volume windows';
comment on column marts.sales_volume_daily.units_365d is 'Units of counted lines, 365-day window';

create table marts.sku_sales_volume (
    store_id varchar, sku varchar, category varchar, listed boolean, units_7d bigint,
    units_30d bigint, units_90d bigint, units_365d bigint, sold_count bigint
);
insert into marts.sku_sales_volume values
    ('s1', 'A', 'apparel', true, 2, 2, 2, 2, 3),
    ('s1', 'B', 'apparel', true, 3, 3, 3, 3, 4),
    ('s2', 'C', 'apparel', false, 4, 4, 4, 4, 6);

create table marts.store_health_daily (
    store_id varchar, date date, online_48h_rate_30d double, overdue_72h_orders bigint,
    listed_skus bigint, active_skus_90d bigint, sku_active_rate_90d double,
    dsr_description_90d double, dsr_service_90d double, dsr_logistics_90d double,
    dsr_healthy boolean, volatility_90d double, refund_rate_90d double,
    positive_review_rate_90d double, dispute_orders_90d bigint
);
insert into marts.store_health_daily values
    ('s1', '2024-03-08', null, 0, 2, 1, 0.5, 4.8, 4.9, 4.7, false, 0.0, 0.0, null, 0),
    ('s1', '2024-03-09', null, 0, 2, 1, 0.5, 4.8, 4.9, 4.7, false, 1.0, 0.0, null, 0),
    ('s1', '2024-03-10', null, 0, 2, 2, 1.0, 4.8, 4.9, 4.7, false, 0.62, 0.0, 1.0, 0),
    ('s2', '2024-03-09', null, 0, 0, 0, null, null, null, null, null, 0.0, 0.0, null, 0),
    ('s2', '2024-03-10', null, 0, 0, 0, null, null, null, null, null, 1.0, 0.333, null, 1);

create table marts.store_eligibility (
    store_id varchar, as_of date, program varchar, eligible boolean, metric varchar,
    metric_value double, threshold double, reason varchar
);
insert into marts.store_eligibility
    select store_id, date '{AS_OF}', program, false, 'metric', 0, 1, 'Not eligible.'
    from (values ('s1'), ('s2')) s(store_id)
    cross join (values {_rows([(p,) for p in PROGRAMS])}) p(program);

create table marts.store_diagnosis (
    store_id varchar, date date, step integer, code varchar, sku varchar, order_id varchar,
    metric_value double, threshold double, message varchar
);
insert into marts.store_diagnosis values
    ('s1', '{AS_OF}', null, 'review_invite', null, 'o1', 2, 3, 'Invite the buyer to review.');

-- Export coverage and the roll-off forecast (s1 and s2 each have six kinds and two
-- horizons; s2 stopped exporting DSR).
create table seeds.export_freshness (kind varchar, max_age_days integer);
insert into seeds.export_freshness values ('orders', 7), ('dsr', 7), ('traffic', 7),
    ('listings', 30), ('reviews', 30), ('store', null);

create table seeds.rolloff_horizons (horizon_days integer);
insert into seeds.rolloff_horizons values (7), (30);

create table marts.store_export_coverage (
    store_id varchar, kind varchar, as_of date, files bigint, first_snapshot_day date,
    last_snapshot_day date, days_since_last_export bigint, max_age_days integer,
    stale boolean, gap_days bigint
);
insert into marts.store_export_coverage
    select store_id, kind, date '{AS_OF}', 1, date '2024-03-10', date '2024-03-10', 0,
        max_age_days, false, case when kind = 'orders' then 0 end
    from (values ('s1'), ('s2')) s(store_id) cross join seeds.export_freshness;
update marts.store_export_coverage
    set files = 0, first_snapshot_day = null, last_snapshot_day = null,
        days_since_last_export = null, stale = true
    where store_id = 's2' and kind = 'dsr';

create table marts.volume_rolloff_forecast (
    store_id varchar, as_of date, horizon_days integer, units_365d bigint,
    rolloff_units bigint, run_rate_units double, projected_units_365d double,
    top100_threshold double, top100_at_risk boolean
);
insert into marts.volume_rolloff_forecast values
    ('s1', '{AS_OF}', 7, 5, 0, 1.1666666666666667, 6.166666666666667, 127000, false),
    ('s1', '{AS_OF}', 30, 5, 0, 5.0, 10.0, 127000, false),
    ('s2', '{AS_OF}', 7, 4, 0, 0.9333333333333333, 4.933333333333334, 127000, false),
    ('s2', '{AS_OF}', 30, 4, 0, 4.0, 8.0, 127000, false);

create table audit.quarantine (
    store_id varchar, kind varchar, file varchar, line bigint, reason varchar, raw_line varchar
);
insert into audit.quarantine values
    ('s1', 'orders', 's1/orders/orders_2024-03-10.csv', 5, 'bad_integer:quantity',
     'o7,A,,2.5,2024-03-10 10:00,,10.00,Finished');
"""


# Money and stores (metrics.md): the fx_rates seed and marts.stores.
MONEY_AND_STORES_SQL = """
create table seeds.fx_rates (currency varchar, month date, usd_per_unit double);
insert into seeds.fx_rates values
    ('CNY', '2024-01-01', 0.139), ('CNY', '2024-02-01', 0.1389), ('CNY', '2024-03-01', 0.1388),
    ('EUR', '2024-02-01', 1.0795), ('EUR', '2024-03-01', 1.0872);

create table marts.stores (
    store_id varchar, store_name varchar, opened_at date, main_category varchar,
    first_order_day date, last_order_export_day date, client_id varchar
);
insert into marts.stores values
    ('s1', 'Shop One', '2024-01-01', 'apparel', '2024-03-08', '2024-03-10', null),
    ('s2', null, '2024-03-09', 'apparel', '2024-03-09', '2024-03-10', null);
"""


# The day the build was for, where dbt states it (the int_as_of model): the audit reads it.
AS_OF_SQL = f"""
create schema intermediate;
create table intermediate.int_as_of as select date '{AS_OF}' as as_of;
"""


def build_working_db(path: Path) -> Path:
    """Write the tiny valid working database to `path` and return it."""
    con = duckdb.connect(str(path))
    try:
        con.execute(SQL)
        con.execute(MONEY_AND_STORES_SQL)
        con.execute(AS_OF_SQL)
    finally:
        con.close()
    return path


def run_sql(path: Path, sql: str) -> None:
    """Break (or change) the working database with one SQL script."""
    con = duckdb.connect(str(path))
    try:
        con.execute(sql)
    finally:
        con.close()
