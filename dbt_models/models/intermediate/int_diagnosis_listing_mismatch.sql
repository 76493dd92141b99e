-- Diagnosis step 3, one row per flagged SKU: add-to-cart users stable between week A
-- (as_of-13 .. as_of-7) and week B (as_of-6 .. as_of) while conversion dropped by
-- more than conversion_drop: the listing may not match what buyers expect.
{#- week B is the 7 days ending on as_of, week A the 7 before -#}
{%- set week_b = window_start('stores.as_of', 7) %}

with stores as (
    select store_id, as_of from {{ ref('int_stores') }}
),

weeks as (
    select
        traffic.store_id,
        traffic.sku,
        any_value(stores.as_of) as as_of,
        sum(traffic.visitors) filter (where traffic.date < {{ week_b }}) as visitors_a,
        sum(traffic.add_to_cart_users) filter (where traffic.date < {{ week_b }}) as carts_a,
        sum(traffic.paying_buyers) filter (where traffic.date < {{ week_b }}) as buyers_a,
        sum(traffic.visitors) filter (where traffic.date >= {{ week_b }}) as visitors_b,
        sum(traffic.add_to_cart_users) filter (where traffic.date >= {{ week_b }}) as carts_b,
        sum(traffic.paying_buyers) filter (where traffic.date >= {{ week_b }}) as buyers_b
    from {{ ref('int_traffic_latest') }} as traffic
    inner join stores on traffic.store_id = stores.store_id
    where {{ in_window('traffic.date', 'stores.as_of', 14) }}
    group by traffic.store_id, traffic.sku
),

rates as (
    select
        *,
        case when visitors_a > 0 then cast(buyers_a as double) / visitors_a end as conv_a,
        case
            when visitors_b > 0 then cast(coalesce(buyers_b, 0) as double) / visitors_b
        end as conv_b,
        coalesce(carts_b, 0) as carts_b_or_0,
        coalesce(buyers_b, 0) as buyers_b_or_0
    from weeks
)

select
    store_id,
    as_of as date,
    3 as step,
    'listing_mismatch_suspect' as code,
    sku,
    cast(null as string) as order_id,
    1 - conv_b / conv_a as metric_value,
    {{ threshold('conversion_drop') }} as threshold,
    printf(
        'SKU %s: add-to-cart users steady (%d then %d) but conversion fell from %.2f%% to %.2f%% week on week: check that the listing matches the product.',  -- noqa: LT05
        sku, carts_a, coalesce(carts_b, 0), {{ fixed('conv_a * 100', 2) }},
        {{ fixed('conv_b * 100', 2) }}
    ) as message
from rates
-- |B/A - 1| <= band and 1 - conv_B / conv_A > drop, multiplied out so that values
-- exactly on a threshold are not pushed across it by rounding
where carts_a > 0
    and abs(carts_b_or_0 - carts_a) <= {{ threshold('cart_stable_band') }} * carts_a
    and conv_a > 0
    and visitors_b > 0
    and buyers_a * visitors_b - buyers_b_or_0 * visitors_a
    > {{ threshold('conversion_drop') }} * buyers_a * visitors_b
