-- One row per raw listing version, with the canonical category class.
with source as (
    select * from {{ source('raw', 'listings') }}
),

category_map as (
    {{ category_lookup() }}
),

final as (
    select
        {{ lineage_columns('source') }}
        source.sku,
        source.product_id,
        source.category,
        {{ category_class('source.category') }} as category_class,
        source.listed_at,
        cast(source.listed_at as date) as listed_day,
        source.delisted_at,
        cast(source.delisted_at as date) as delisted_day
    from source
    left join category_map
        on {{ match_key('source.category') }} = category_map.category_key
)

select * from final
