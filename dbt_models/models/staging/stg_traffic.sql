-- One row per raw SKU-day traffic version.
select
    {{ lineage_columns() }}
    cast(date as date) as date,
    sku,
    cast(visitors as bigint) as visitors,
    cast(add_to_cart_users as bigint) as add_to_cart_users,
    cast(paying_buyers as bigint) as paying_buyers
from {{ source('raw', 'traffic') }}
