-- One row per (store_id, date) of the store calendar: the refund rate, the positive
-- review rate and the orders in dispute over the 90-day window ending on the day
-- (metrics.md, Rates in store_health_daily).
--
-- Lines count on their order day, orders on the earliest day among their lines, reviews
-- on their reviewed_at day. Reviews may predate the first order day, so the window is a
-- RANGE frame over the calendar days and the review days, as for DSR.
with stores as (
    select store_id, first_order_day, as_of from {{ ref('int_stores') }}
),

line_days as (
    select store_id, date, refunded_units, settled_units from {{ ref('int_store_daily') }}
),

dispute_days as (
    select store_id, order_day as date, count(*) as dispute_orders
    from {{ ref('int_orders') }}
    where has_dispute
    group by store_id, order_day
),

-- the review in force of each (store_id, order_id); 3 stars is neither positive nor
-- negative
review_days as (
    select
        reviews.store_id,
        reviews.reviewed_day as date,
        count(*) filter (
            where reviews.rating >= {{ threshold('positive_review_min_rating') }}
        ) as positive_reviews,
        count(*) filter (
            where reviews.rating >= {{ threshold('positive_review_min_rating') }}
            or reviews.rating <= {{ threshold('negative_review_max_rating') }}
        ) as rated_reviews
    from {{ ref('int_reviews_latest') }} as reviews
    inner join stores on reviews.store_id = stores.store_id
    where reviews.reviewed_day <= stores.as_of
        and reviews.reviewed_day
        >= {{ window_start('stores.first_order_day', health_window_days()) }}
    group by reviews.store_id, reviews.reviewed_day
),

points as (
    select store_id, date from {{ ref('int_store_calendar') }}
    union
    select store_id, date from review_days
),

windows as (
    select
        points.store_id,
        points.date,
        sum(coalesce(line_days.refunded_units, 0)) over by_window as refunded_units_90d,
        sum(coalesce(line_days.settled_units, 0)) over by_window as settled_units_90d,
        sum(coalesce(dispute_days.dispute_orders, 0)) over by_window as dispute_orders_90d,
        sum(coalesce(review_days.positive_reviews, 0)) over by_window as positive_reviews_90d,
        sum(coalesce(review_days.rated_reviews, 0)) over by_window as rated_reviews_90d
    from points
    left join line_days
        on points.store_id = line_days.store_id
        and points.date = line_days.date
    left join dispute_days
        on points.store_id = dispute_days.store_id
        and points.date = dispute_days.date
    left join review_days
        on points.store_id = review_days.store_id
        and points.date = review_days.date
    window by_window as (
        partition by points.store_id order by points.date
        {{ window_range(health_window_days()) }}
    )
)

select
    windows.store_id,
    windows.date,
    windows.refunded_units_90d,
    windows.settled_units_90d,
    case
        when windows.settled_units_90d > 0
            then cast(windows.refunded_units_90d as double) / windows.settled_units_90d
    end as refund_rate_90d,
    windows.positive_reviews_90d,
    windows.rated_reviews_90d,
    case
        when windows.rated_reviews_90d > 0
            then cast(windows.positive_reviews_90d as double) / windows.rated_reviews_90d
    end as positive_review_rate_90d,
    windows.dispute_orders_90d
from windows
inner join {{ ref('int_store_calendar') }} as calendar
    on windows.store_id = calendar.store_id
    and windows.date = calendar.date
