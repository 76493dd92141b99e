-- One row per raw store-file version, with the main category mapped to a class.
with source as (
    select * from {{ source('raw', 'store') }}
),

category_map as (
    {{ category_lookup() }}
)

select
    {{ lineage_columns('source') }}
    source.store_name,
    cast(source.opened_at as date) as opened_at,
    source.main_category,
    {{ category_class('source.main_category') }} as main_category_class
from source
left join category_map
    on {{ match_key('source.main_category') }} = category_map.category_key
