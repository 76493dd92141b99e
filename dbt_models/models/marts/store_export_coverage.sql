-- One row per (store_id, kind) for every store of the marts and each of the six export
-- kinds, as of as_of: how many files of the kind loaded, when the first and the latest
-- were taken, whether the latest is too old (export_freshness), and for orders the days
-- since the store's first order day that no order file covers. A missing or late export
-- must never look like a sales collapse.
with stores as (
    select store_id, first_order_day, as_of from {{ ref('int_stores') }}
),

kinds as (
    select kinds.kind
    from (
        values
        {%- for kind in export_kinds() %}
            ('{{ kind }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as kinds (kind)
),

-- a file rejected whole has no `loaded` row; a file loaded again under the same name
-- (re-downloaded with new content) is still one file
loaded_files as (
    select
        store_id,
        kind,
        count(distinct file) as files,
        cast(min(snapshot_at) as date) as first_snapshot_day,
        cast(max(snapshot_at) as date) as last_snapshot_day
    from {{ source('raw', 'ingest_log') }}
    where status = 'loaded'
    group by store_id, kind
),

freshness as (
    select kind, max(max_age_days) as max_age_days
    from {{ ref('export_freshness') }}
    group by kind
),

gaps as (
    select store_id, count(*) filter (where not covered) as gap_days
    from {{ ref('int_store_order_coverage_daily') }}
    group by store_id
),

rows as (
    select
        stores.store_id,
        kinds.kind,
        stores.as_of,
        coalesce(loaded_files.files, 0) as files,
        loaded_files.first_snapshot_day,
        loaded_files.last_snapshot_day,
        {{ days_between('stores.as_of', 'loaded_files.last_snapshot_day') }}
            as days_since_last_export,
        freshness.max_age_days,
        case
            -- a store whose first order day is after as_of has no day to cover
            when kinds.kind = 'orders' then coalesce(gaps.gap_days, 0)
        end as gap_days
    from stores
    cross join kinds
    left join loaded_files
        on stores.store_id = loaded_files.store_id
        and kinds.kind = loaded_files.kind
    left join freshness on kinds.kind = freshness.kind
    left join gaps on stores.store_id = gaps.store_id
),

final as (
    select
        cast(store_id as string) as store_id,
        cast(kind as string) as kind,
        cast(as_of as date) as as_of,
        cast(files as bigint) as files,
        cast(first_snapshot_day as date) as first_snapshot_day,
        cast(last_snapshot_day as date) as last_snapshot_day,
        cast(days_since_last_export as bigint) as days_since_last_export,
        cast(max_age_days as integer) as max_age_days,
        cast(
            coalesce(
                max_age_days is not null
                and (files = 0 or days_since_last_export > max_age_days),
                false
            ) as boolean
        ) as stale,
        cast(gap_days as bigint) as gap_days
    from rows
)

select * from final
