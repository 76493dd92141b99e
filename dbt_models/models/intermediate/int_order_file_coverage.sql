-- One row per load of an order file that loaded: the days it covers (metrics.md,
-- store_export_coverage). A file covers the days from the earliest order_time day among
-- its rows loaded at ingest to its snapshot day. Every row in raw.orders passed ingest;
-- rows held later for an unknown status are there too (they were exported), rows
-- quarantined at ingest never reached it. A file with no row loaded covers no day.
with loads as (
    select
        ingest_id,
        store_id,
        file,
        snapshot_at,
        cast(snapshot_at as date) as snapshot_day
    from {{ source('raw', 'ingest_log') }}
    where kind = 'orders'
        and status = 'loaded'
),

first_rows as (
    select ingest_id, cast(min(order_time) as date) as first_row_day
    from {{ source('raw', 'orders') }}
    group by ingest_id
)

select
    loads.ingest_id,
    loads.store_id,
    loads.file,
    loads.snapshot_at,
    loads.snapshot_day,
    first_rows.first_row_day as covers_from,
    loads.snapshot_day as covers_through
from loads
left join first_rows on loads.ingest_id = first_rows.ingest_id
