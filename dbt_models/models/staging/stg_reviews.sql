-- One row per raw review version.
select
    {{ lineage_columns() }}
    order_id,
    reviewed_at,
    cast(reviewed_at as date) as reviewed_day,
    rating
from {{ source('raw', 'reviews') }}
