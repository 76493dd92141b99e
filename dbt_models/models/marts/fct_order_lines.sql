-- One row per (store_id, order_id, sku): the latest state of every loaded order line
-- that is not in quarantine, with its SKU's category. amount is USD, converted at the
-- month of order_time and not rounded; amount_original and currency are as exported.
with lines as (
    select * from {{ ref('int_order_lines_latest') }}
),

sku_category as (
    select * from {{ ref('int_sku_category') }}
),

final as (
    select
        cast(lines.store_id as string) as store_id,
        cast(lines.order_id as string) as order_id,
        cast(lines.sku as string) as sku,
        cast(coalesce(sku_category.category, 'other') as string) as category,
        cast(lines.quantity as integer) as quantity,
        cast(lines.amount as double) as amount,
        cast(lines.order_time as timestamp) as order_time,
        cast(lines.order_day as date) as order_day,
        cast(lines.paid_at as timestamp) as paid_at,
        cast(lines.online_at as timestamp) as online_at,
        cast(lines.delivered_at as timestamp) as delivered_at,
        cast(lines.raw_status as string) as raw_status,
        cast(lines.status_class as string) as status_class,
        cast(lines.status_reason as string) as status_reason,
        cast(lines.is_counted as boolean) as is_counted,
        cast(lines.snapshot_at as timestamp) as snapshot_at,
        cast(lines.source_file as string) as source_file,
        cast(lines.currency as string) as currency,
        cast(lines.amount_original as decimal(18, 2)) as amount_original
    from lines
    left join sku_category
        on lines.store_id = sku_category.store_id
        and lines.sku = sku_category.sku
)

select * from final
