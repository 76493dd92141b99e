-- One row per store of the marts, as of as_of: opening day, main category and the
-- sales figures the eligibility programs read.
with stores as (
    select store_id, first_order_day, as_of from {{ ref('int_stores') }}
),

store_file as (
    select store_id, opened_at, main_category_class from {{ ref('int_store_latest') }}
),

store_sales as (
    select
        daily.store_id,
        sum(daily.counted_units) filter (
            where daily.date >= {{ window_start('stores.as_of', 180) }}
        ) as units_180d,
        sum(daily.counted_units) filter (
            where daily.date >= {{ window_start('stores.as_of', 365) }}
        ) as units_365d,
        sum(daily.counted_amount) filter (
            where daily.date >= {{ window_start('stores.as_of', 365) }}
        ) as gmv_365d
    from {{ ref('int_store_daily') }} as daily
    inner join stores on daily.store_id = stores.store_id
    where daily.date <= stores.as_of
    group by daily.store_id
),

category_units as (
    select sku_daily.store_id, sku_daily.category, sum(sku_daily.counted_units) as units
    from {{ ref('int_sku_daily') }} as sku_daily
    inner join stores on sku_daily.store_id = stores.store_id
    where sku_daily.date <= stores.as_of
        and sku_daily.date >= {{ window_start('stores.as_of', 365) }}
    group by sku_daily.store_id, sku_daily.category
    having sum(sku_daily.counted_units) > 0
),

top_category as (
    select store_id, category
    from category_units
    qualify row_number() over (partition by store_id order by units desc, category asc) = 1
),

profile as (
    select
        stores.store_id,
        stores.as_of,
        stores.first_order_day,
        coalesce(store_file.opened_at, stores.first_order_day) as opened_day,
        coalesce(store_file.main_category_class, top_category.category, 'other')
            as main_category,
        coalesce(store_sales.units_180d, 0) as units_180d,
        coalesce(store_sales.units_365d, 0) as units_365d,
        coalesce(store_sales.gmv_365d, 0) as gmv_365d
    from stores
    left join store_file on stores.store_id = store_file.store_id
    left join top_category on stores.store_id = top_category.store_id
    left join store_sales on stores.store_id = store_sales.store_id
),

since_open as (
    select daily.store_id, sum(daily.counted_units) as units_since_open
    from {{ ref('int_store_daily') }} as daily
    inner join profile on daily.store_id = profile.store_id
    where daily.date between profile.opened_day and profile.as_of
    group by daily.store_id
),

months as (
    select
        store_id,
        as_of,
        {{ months_before("cast(date_trunc('month', as_of) as date)", 'month_back') }} as month_start
    from (
        select
            store_id,
            as_of,
            {{ explode_series(
                1, 'cast(' ~ threshold('overseas_warehouse_months') ~ ' as bigint)'
            ) }} as month_back
        from stores
    )
),

monthly_units as (
    select
        months.store_id,
        months.month_start,
        coalesce(sum(daily.counted_units), 0) as units
    from months
    left join {{ ref('int_store_daily') }} as daily
        on months.store_id = daily.store_id
        and cast(date_trunc('month', daily.date) as date) = months.month_start
    group by months.store_id, months.month_start
),

min_monthly as (
    select store_id, min(units) as min_monthly_units_6m
    from monthly_units
    group by store_id
)

select
    profile.store_id,
    profile.as_of,
    profile.first_order_day,
    profile.opened_day,
    profile.main_category,
    case
        when
            profile.opened_day <= profile.as_of
            then {{ days_between('profile.as_of', 'profile.opened_day') }} + 1
    end
        as store_age_days,
    coalesce(since_open.units_since_open, 0) as units_since_open,
    profile.units_180d,
    profile.units_365d,
    profile.gmv_365d,
    min_monthly.min_monthly_units_6m,
    health.volatility_90d
from profile
left join since_open on profile.store_id = since_open.store_id
left join min_monthly on profile.store_id = min_monthly.store_id
left join {{ ref('store_health_daily') }} as health
    on profile.store_id = health.store_id
    and profile.as_of = health.date
