-- The core number as one DuckDB SQL script over the inbox, a peer to `asw run`: every
-- orders export, each order line's latest snapshot, completed lines only, daily units and
-- the 1/7/30/90/180/365-day rolling sums per store over a dense calendar.
-- core_duckdb.py fills in {inbox} and {status_map}.

create temp table exports as
select *
from read_csv(
    '{inbox}/*/orders/*.csv',
    all_varchar = true, union_by_name = true, filename = true,
    null_padding = true, strict_mode = false, ignore_errors = true
);

create temp table lines as
with typed as (
    select
        split_part(filename, '/', -3) as store_id,
        regexp_extract(filename, '[^/]*$') as file_name,
        coalesce(
            try_strptime(replace(regexp_extract_all(file_name, '\d{4}-?\d{2}-?\d{2}')[-1], '-', ''), '%Y%m%d'),
            files.last_modified::timestamp
        ) as snapshot_at,
        row_number() over (partition by filename order by rowid) as line,
        trim(coalesce("订单号", "Order ID")) as order_id,
        trim(coalesce("SKU", "商品编码")) as sku,
        try_cast(trim(coalesce("数量", "Quantity")) as decimal(18, 4)) as quantity,
        try_cast(replace(left(trim(coalesce("成交时间", "下单时间", "Order Time")), 10), '/', '-') as date) as day,
        lower(trim(coalesce("订单状态", "Order Status"))) as status
    from exports
    -- A file without a date in its name is as old as its modification time.
    inner join (
        select filename, last_modified from read_blob('{inbox}/*/orders/*.csv')
    ) as files using (filename)
)
select * exclude (rn)
from (
    select
        *,
        row_number() over (
            partition by store_id, order_id, sku order by snapshot_at desc, file_name desc, line desc
        ) as rn
    from typed
    where order_id <> '' and sku <> '' and day is not null
        and quantity >= 1 and quantity = round(quantity)
)
where rn = 1;

create temp table status_map as
select lower(trim(raw_status)) as status, class
from read_csv('{status_map}', all_varchar = true);

create temp table daily as
with known as (
    select lines.store_id, lines.day, lines.quantity, status_map.class
    from lines
    inner join status_map using (status)
),
as_of as (select max(day) as as_of from known),
calendar as (
    select store_id, unnest(generate_series(min(day), (select as_of from as_of), interval 1 day))::date as date
    from known
    group by store_id
),
units as (
    select store_id, day as date, sum(quantity) as units
    from known
    where class = 'completed'
    group by all
)
select
    calendar.store_id,
    calendar.date,
    coalesce(units.units, 0) as units_1d,
    sum(units_1d) over (w rows between 6 preceding and current row) as units_7d,
    sum(units_1d) over (w rows between 29 preceding and current row) as units_30d,
    sum(units_1d) over (w rows between 89 preceding and current row) as units_90d,
    sum(units_1d) over (w rows between 179 preceding and current row) as units_180d,
    sum(units_1d) over (w rows between 364 preceding and current row) as units_365d
from calendar
left join units using (store_id, date)
window w as (partition by calendar.store_id order by calendar.date);

select
    count(distinct store_id) as stores,
    count(*) as rows,
    max(date) as as_of,
    sum(units_365d) filter (where date = (select max(date) from daily)) as units_365d_on_as_of
from daily;
