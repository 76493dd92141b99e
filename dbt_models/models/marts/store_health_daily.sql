-- One row per (store_id, date) from the store's first order day through as_of:
-- logistics, listing activity, DSR, volatility, refund, review and dispute figures.
-- On a day no order file covers, nothing is known of scans: both logistics columns are
-- NULL.
with sales as (
    select
        store_id,
        date,
        stddev_pop(units_1d) over by_window as units_stddev_90d,
        avg(units_1d) over by_window as units_mean_90d
    from {{ ref('sales_volume_daily') }}
    -- the calendar starts on the first order day, so the frame never reaches before it
    window by_window as (
        partition by store_id order by date {{ window_rows(health_window_days()) }}
    )
),

final as (
    select
        cast(sales.store_id as string) as store_id,
        cast(sales.date as date) as date,
        cast(
            case when coverage.covered then logistics.online_48h_rate_30d end as double
        ) as online_48h_rate_30d,
        cast(
            case when coverage.covered then logistics.overdue_72h_orders end as bigint
        ) as overdue_72h_orders,
        cast(listing.listed_skus as bigint) as listed_skus,
        cast(listing.active_skus_90d as bigint) as active_skus_90d,
        cast(
            case
                when listing.listed_skus > 0
                    then cast(listing.active_skus_90d as double) / listing.listed_skus
            end as double
        ) as sku_active_rate_90d,
        cast(dsr.dsr_description_90d as double) as dsr_description_90d,
        cast(dsr.dsr_service_90d as double) as dsr_service_90d,
        cast(dsr.dsr_logistics_90d as double) as dsr_logistics_90d,
        cast(
            case
                when dsr.dsr_description_90d is null
                    or dsr.dsr_service_90d is null
                    or dsr.dsr_logistics_90d is null
                    then null
                -- a mean of two-decimal ratings is k / (100 n): rounded to 9 places it
                -- is exact, whatever order an engine summed the doubles in, so a mean of
                -- exactly 4.78 is healthy (DECISIONLOG 67)
                else round(dsr.dsr_description_90d, 9) >= {{ threshold('dsr_healthy') }}
                    and round(dsr.dsr_service_90d, 9) >= {{ threshold('dsr_healthy') }}
                    and round(dsr.dsr_logistics_90d, 9) >= {{ threshold('dsr_healthy') }}
            end as boolean
        ) as dsr_healthy,
        cast(
            case
                when sales.units_mean_90d > 0 then sales.units_stddev_90d / sales.units_mean_90d
            end
            as double
        ) as volatility_90d,
        cast(rates.refund_rate_90d as double) as refund_rate_90d,
        cast(rates.positive_review_rate_90d as double) as positive_review_rate_90d,
        cast(rates.dispute_orders_90d as bigint) as dispute_orders_90d
    from sales
    inner join {{ ref('int_store_logistics_daily') }} as logistics
        on sales.store_id = logistics.store_id
        and sales.date = logistics.date
    inner join {{ ref('int_store_listing_daily') }} as listing
        on sales.store_id = listing.store_id
        and sales.date = listing.date
    inner join {{ ref('int_store_dsr_daily') }} as dsr
        on sales.store_id = dsr.store_id
        and sales.date = dsr.date
    inner join {{ ref('int_store_rates_daily') }} as rates
        on sales.store_id = rates.store_id
        and sales.date = rates.date
    inner join {{ ref('int_store_order_coverage_daily') }} as coverage
        on sales.store_id = coverage.store_id
        and sales.date = coverage.date
)

select * from final
