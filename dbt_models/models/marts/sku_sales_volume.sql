-- One row per (store_id, sku) with an order line or a listing, in the stores of the
-- marts, as of as_of.
with stores as (
    select store_id, as_of from {{ ref('int_stores') }}
),

skus as (
    select sku_category.store_id, sku_category.sku, sku_category.category, stores.as_of
    from {{ ref('int_sku_category') }} as sku_category
    inner join stores on sku_category.store_id = stores.store_id
),

sales as (
    select
        sku_daily.store_id,
        sku_daily.sku,
        {%- for days in [7, 30, 90, 365] %}
            sum(sku_daily.counted_units) filter (
                where sku_daily.date >= {{ window_start('stores.as_of', days) }}
            ) as units_{{ days }}d,
        {%- endfor %}
        sum(sku_daily.paid_units) as sold_count
    from {{ ref('int_sku_daily') }} as sku_daily
    inner join stores on sku_daily.store_id = stores.store_id
    where sku_daily.date <= stores.as_of
    group by sku_daily.store_id, sku_daily.sku
),

final as (
    select
        cast(skus.store_id as string) as store_id,
        cast(skus.sku as string) as sku,
        cast(skus.as_of as date) as as_of,
        cast(coalesce(sales.units_7d, 0) as bigint) as units_7d,
        cast(coalesce(sales.units_30d, 0) as bigint) as units_30d,
        cast(coalesce(sales.units_90d, 0) as bigint) as units_90d,
        cast(coalesce(sales.units_365d, 0) as bigint) as units_365d,
        cast(coalesce(sales.units_365d, 0) as bigint) as total_sales_volume,
        cast(coalesce(sales.sold_count, 0) as bigint) as sold_count,
        cast(skus.category as string) as category,
        cast(
            coalesce(
                listings.listed_day <= skus.as_of
                and (listings.delisted_day is null or listings.delisted_day > skus.as_of),
                false
            ) as boolean
        ) as listed
    from skus
    left join sales
        on skus.store_id = sales.store_id
        and skus.sku = sales.sku
    left join {{ ref('int_listings_latest') }} as listings
        on skus.store_id = listings.store_id
        and skus.sku = listings.sku
)

select * from final
