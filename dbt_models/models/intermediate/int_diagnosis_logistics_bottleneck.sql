-- Diagnosis step 2, at most one row per store: the share of orders paid in the
-- 30-day window ending on as_of that, at the end of as_of, were scanned more than
-- logistics_downrank_hours after payment, are still unscanned past it, or have a
-- logistics_exception line, when it exceeds logistics_issue_share. Orders all of
-- whose lines are excluded for another reason are left out; stores without online_at
-- data are not assessed, nor are stores whose orders coverage is stale (their orders
-- may have been scanned since the last export: nothing is known of that).
with stores as (
    select stores.store_id, stores.as_of, stores.has_online_data
    from {{ ref('int_stores') }} as stores
    where not exists (
            select 1
            from {{ ref('store_export_coverage') }} as coverage
            where coverage.store_id = stores.store_id
                and coverage.kind = 'orders'
                and coverage.stale
        )
),

orders as (
    select
        orders.store_id,
        stores.as_of,
        (
            orders.scan_at is not null
            and orders.scan_at <= cast(stores.as_of + 1 as timestamp)
            and orders.scan_at - orders.paid_at > {{ threshold_hours('logistics_downrank_hours') }}
        )
        or (
            (orders.scan_at is null or orders.scan_at > cast(stores.as_of + 1 as timestamp))
            and cast(stores.as_of + 1 as timestamp) - orders.paid_at
            > {{ threshold_hours('logistics_downrank_hours') }}
        )
        or orders.has_logistics_exception as has_issue
    from {{ ref('int_orders') }} as orders
    inner join stores on orders.store_id = stores.store_id
    where stores.has_online_data
        and not orders.is_all_excluded_not_logistics
        and {{ in_window('orders.paid_day', 'stores.as_of', online_rate_window_days()) }}
),

shares as (
    select
        store_id,
        any_value(as_of) as as_of,
        count(*) as orders,
        count(*) filter (where has_issue) as issue_orders,
        cast(count(*) filter (where has_issue) as double) / count(*) as issue_share
    from orders
    group by store_id
)

select
    store_id,
    as_of as date,
    2 as step,
    'logistics_bottleneck' as code,
    cast(null as string) as sku,
    cast(null as string) as order_id,
    issue_share as metric_value,
    {{ threshold('logistics_issue_share') }} as threshold,
    printf(
        '%d of %d orders paid in the last {{ online_rate_window_days() }} days (%.1f%%) were scanned late, are still unscanned after %s h, or hit a logistics exception.',  -- noqa: LT05
        issue_orders, orders, {{ fixed('issue_share * 100', 1) }},
        {{ format_g(threshold('logistics_downrank_hours')) }}
    ) as message
from shares
where issue_share > {{ threshold('logistics_issue_share') }}
