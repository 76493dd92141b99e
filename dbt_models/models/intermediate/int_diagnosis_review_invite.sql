-- One row per order to invite for a review: at least one counted line, delivered
-- between review_window_days and review_invite_days before as_of, no review dated on
-- or before as_of.
with stores as (
    select
        store_id,
        as_of,
        as_of - cast({{ threshold('review_window_days') }} as integer) as delivered_from,
        as_of - cast({{ threshold('review_invite_days') }} as integer) as delivered_through
    from {{ ref('int_stores') }}
),

reviews as (
    select store_id, order_id, reviewed_day from {{ ref('int_reviews_latest') }}
)

select
    orders.store_id,
    stores.as_of as date,
    cast(null as integer) as step,
    'review_invite' as code,
    cast(null as string) as sku,
    orders.order_id,
    cast({{ days_between('stores.as_of', 'orders.delivered_day') }} as double) as metric_value,
    {{ threshold('review_invite_days') }} as threshold,
    printf(
        'Order %s was delivered %d days ago and has no review yet: invite the buyer to review.',
        orders.order_id, {{ days_between('stores.as_of', 'orders.delivered_day') }}
    ) as message
from {{ ref('int_orders') }} as orders
inner join stores on orders.store_id = stores.store_id
left join reviews
    on orders.store_id = reviews.store_id
    and orders.order_id = reviews.order_id
    and stores.as_of >= reviews.reviewed_day
where orders.has_counted_line
    and orders.delivered_day >= stores.delivered_from
    and orders.delivered_day <= stores.delivered_through
    and reviews.order_id is null
