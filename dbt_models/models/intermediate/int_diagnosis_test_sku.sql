-- One row per SKU in its test week (listed on as_of, listed day in (as_of-7, as_of])
-- with at least test_sku_min_visitors visitors since its listed day and a conversion
-- below test_sku_conversion_min: a candidate to eliminate.
with stores as (
    select store_id, as_of from {{ ref('int_stores') }}
),

test_skus as (
    select listings.store_id, listings.sku, listings.listed_day, stores.as_of
    from {{ ref('int_listings_latest') }} as listings
    inner join stores on listings.store_id = stores.store_id
    where listings.listed_day >= {{ window_start('stores.as_of', 7) }}
        and listings.listed_day <= stores.as_of
        and (listings.delisted_day is null or listings.delisted_day > stores.as_of)
),

funnel as (
    select
        test_skus.store_id,
        test_skus.sku,
        any_value(test_skus.as_of) as as_of,
        sum(traffic.visitors) as visitors,
        sum(traffic.paying_buyers) as buyers
    from test_skus
    inner join {{ ref('int_traffic_latest') }} as traffic
        on test_skus.store_id = traffic.store_id
        and test_skus.sku = traffic.sku
        and traffic.date between test_skus.listed_day and test_skus.as_of
    group by test_skus.store_id, test_skus.sku
)

select
    store_id,
    as_of as date,
    cast(null as integer) as step,
    'test_sku_eliminate' as code,
    sku,
    cast(null as string) as order_id,
    cast(buyers as double) / visitors as metric_value,
    {{ threshold('test_sku_conversion_min') }} as threshold,
    printf(
        'Test SKU %s: %d visitors but conversion %.2f%% is below %.2f%%: consider delisting it.',
        sku, visitors, {{ fixed('cast(buyers as double) / visitors * 100', 2) }},
        {{ fixed(threshold('test_sku_conversion_min') ~ ' * 100', 2) }}
    ) as message
from funnel
where visitors >= {{ threshold('test_sku_min_visitors') }}
    and visitors > 0
    and buyers < {{ threshold('test_sku_conversion_min') }} * visitors
