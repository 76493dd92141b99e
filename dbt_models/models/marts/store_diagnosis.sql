-- One row per finding: the three-step diagnosis of a sales drop run on as_of
-- (volume freeze risk, logistics bottleneck, listing mismatch) plus test-SKU
-- elimination and review invitations.
with findings as (
    select * from {{ ref('int_diagnosis_volume_freeze') }}
    union all
    select * from {{ ref('int_diagnosis_logistics_bottleneck') }}
    union all
    select * from {{ ref('int_diagnosis_listing_mismatch') }}
    union all
    select * from {{ ref('int_diagnosis_test_sku') }}
    union all
    select * from {{ ref('int_diagnosis_review_invite') }}
),

final as (
    select
        cast(store_id as string) as store_id,
        cast(date as date) as date,
        cast(step as integer) as step,
        cast(code as string) as code,
        cast(sku as string) as sku,
        cast(order_id as string) as order_id,
        cast(metric_value as double) as metric_value,
        cast(threshold as double) as threshold,
        cast(message as string) as message
    from findings
)

select * from final
