-- One row per (store_id, order_id, sku): the latest loaded version of the line
-- (exports.md ties: snapshot_at, then file_name, then ingest_id, then line, all
-- descending). Lines held for an unknown status or currency take no part, so an older
-- valid version of the same key stays in force.
--
-- Incremental: a run reads only the raw versions loaded since the last build (ingest
-- ids only grow; raw is append-only) and replaces the rows of the keys whose winner
-- they beat. Rows carry the seeds' fingerprint: when status_map or category_map
-- changed, the pre-hook empties the table and every key is recomputed. The result
-- always equals a full recomputation (tests/end_to_end checks it).
{{
    config(
        materialized=latest_state_materialization(),
        incremental_strategy='delete+insert',
        unique_key=['store_id', 'order_id', 'sku'],
        on_schema_change='sync_all_columns',
        pre_hook="{{ order_lines_latest_reset() }}",
    )
}}

{#- A literal, read when the model is compiled (before the pre-hook runs), so that the
    scan of raw.orders can skip every row group below it. Rows judged with other seeds
    than today's (the pre-hook drops them) or no rows at all: everything is read. -#}
{%- set watermark = -1 -%}
{%- if is_incremental() and execute -%}
    {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
    {%- if 'built_through_ingest_id' in columns and 'maps_fingerprint' in columns -%}
        {%- set found = run_query(
            'select case when bool_and(maps_fingerprint = ' ~ order_maps_fingerprint()
            ~ ') then coalesce(max(built_through_ingest_id), -1) else -1 end from ' ~ this
        ).columns[0].values()[0] -%}
        {%- set watermark = found | int -%}
    {%- endif -%}
{%- endif -%}

{#- A status in status_map is what gives a staged line its status_class, and USD or a
    rate for its month what gives it a USD amount: the winners are found in raw.orders,
    without the staging seed joins on every version. -#}
{%- set eligible -%}
    {{ match_key('raw_orders.status') }} in (
        select {{ match_key('raw_status') }} from {{ ref('status_map') }} where class is not null
    )
    and (
        {{ line_currency('raw_orders') }} = 'USD'
        or exists (
            select 1 from ({{ fx_rates_lookup() }}) as fx_rates
            where fx_rates.currency = {{ line_currency('raw_orders') }}
                and fx_rates.month = {{ rate_month('raw_orders.order_time') }}
        )
    )
{%- endset %}

{#- The latest version is a max over versions, and a max can be taken in parts: on an
    incremental run, a key's winner is the better of its current row and the best of its
    versions loaded since. Only raw rows above the watermark are read (ingest ids grow
    with the table, so zone maps skip the rest), and only keys whose winner changes are
    replaced: the cost follows the new exports, not the size of the history.

    A version is one bigint: the rank of its file among the loaded order files by
    (snapshot_at, file_name, ingest_id), times 2^32, plus its line (an ingest id is one
    load of one file, so it has one snapshot time and one name). Comparing two is
    comparing (snapshot_at, file_name, ingest_id, line), but the grouped max keeps eight
    bytes per key instead of a struct holding the file name: at 10 million keys that is
    what decides whether the aggregate fits DuckDB's memory limit or spills. Ranks are
    recomputed each run over every file (one row per load), so a file loaded late with
    an older snapshot still sorts where it belongs. -#}
{%- set per_file = 4294967296 %}  {#- 2^32: more lines than any file has -#}
with file_ranks as (
    select
        ingest_id,
        cast(
            dense_rank() over (order by snapshot_at, file_name, ingest_id) as bigint
        ) * {{ per_file }} as version_base
    from (
        select
            ingest_id,
            min(snapshot_at) as snapshot_at,
            min(file_name) as file_name
        from {{ source('raw', 'orders') }}
        group by ingest_id
    ) as files
),

-- (filtered before the join: Spark's analyzer loses the seed subqueries' columns when they
-- sit in the same block as a join of raw.orders with itself)
eligible_versions as (
    select
        raw_orders.store_id,
        raw_orders.order_id,
        raw_orders.sku,
        raw_orders.ingest_id,
        raw_orders.line
    from {{ source('raw', 'orders') }} as raw_orders
    where {{ eligible }}
        and raw_orders.ingest_id > {{ watermark }}
),

new_winners as (
    select
        eligible_versions.store_id,
        eligible_versions.order_id,
        eligible_versions.sku,
        max(file_ranks.version_base + eligible_versions.line) as winning_version
    from eligible_versions
    inner join file_ranks on eligible_versions.ingest_id = file_ranks.ingest_id
    group by eligible_versions.store_id, eligible_versions.order_id, eligible_versions.sku
),

winners as (
    select
        candidates.store_id,
        candidates.order_id,
        candidates.sku,
        file_ranks.ingest_id,
        candidates.winning_version - file_ranks.version_base as line
    from (
        {%- if is_incremental() %}
            select new_winners.*
            from new_winners
            left join {{ this }} as current_row
                on new_winners.store_id = current_row.store_id
                and new_winners.order_id = current_row.order_id
                and new_winners.sku = current_row.sku
            left join file_ranks as current_rank
                on current_row.ingest_id = current_rank.ingest_id
            where current_row.store_id is null
                or new_winners.winning_version > current_rank.version_base + current_row.line
        {%- else %}
            select * from new_winners
        {%- endif %}
    ) as candidates
    -- (exact in a double: ranks stay far below the 2^21 files it would take to lose a digit)
    inner join file_ranks
        on file_ranks.version_base
        = cast(floor(candidates.winning_version / {{ per_file }}) as bigint) * {{ per_file }}
),

-- the winning raw rows, staged: the seed joins run on one row per key, not on every
-- version
won as (
    select raw_orders.*
    from {{ source('raw', 'orders') }} as raw_orders
    inner join winners
        on raw_orders.ingest_id = winners.ingest_id
        and raw_orders.line = winners.line
        and raw_orders.store_id = winners.store_id
        and raw_orders.order_id = winners.order_id
        and raw_orders.sku = winners.sku
    where raw_orders.ingest_id > {{ watermark }}
),

latest as (
    {{ stage_orders('won') }}
)

select
    store_id,
    order_id,
    sku,
    category,
    category_class,
    quantity,
    currency,
    amount_original,
    amount,
    order_time,
    order_day,
    paid_at,
    online_at,
    delivered_at,
    raw_status,
    status_class,
    status_reason,
    status_class = 'completed' as is_counted,
    snapshot_at,
    source_file,
    file_name,
    ingest_id,
    line,
    (
        select max(all_orders.ingest_id) from {{ source('raw', 'orders') }} as all_orders
    ) as built_through_ingest_id,
    {{ order_maps_fingerprint() }} as maps_fingerprint
from latest
