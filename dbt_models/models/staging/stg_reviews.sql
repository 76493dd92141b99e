-- One row per raw review version.
select
    store_id,
    source_file,
    file_name,
    ingest_id,
    line,
    snapshot_at,
    order_id,
    reviewed_at,
    cast(reviewed_at as date) as reviewed_day,
    rating
from {{ source('raw', 'reviews') }}
