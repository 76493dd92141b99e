-- One row per (store_id, program) as of as_of: whether the store meets the rule of
-- each platform program, with the metric, its value, the threshold and a sentence.
with profile as (
    select
        profile.*,
        benchmarks.top100_annual_units,
        benchmarks.industry_avg_units_180d
    from {{ ref('int_store_profile') }} as profile
    left join {{ ref('category_benchmarks') }} as benchmarks
        on profile.main_category = benchmarks.category
),

new_store as (
    select
        store_id,
        as_of,
        'new_store_accelerator' as program,
        'monthly_units' as metric,
        units_since_open,
        case
            when store_age_days is not null
                then cast(units_since_open as double) * 30 / store_age_days
        end as metric_value,
        {{ threshold('new_store_monthly_units') }} as threshold,
        store_age_days,
        {{ threshold('new_store_days') }} as max_age_days,
        opened_day
    from profile
),

top_brand as (
    select
        store_id,
        as_of,
        'top_brand' as program,
        'sales_multiple_180d' as metric,
        case
            when industry_avg_units_180d > 0
                then cast(units_180d as double) / industry_avg_units_180d
        end as metric_value,
        {{ threshold('top_brand_sales_multiple') }} as threshold,
        cast(gmv_365d as double) as gmv_365d,
        coalesce(
            gmv_365d >= {{ threshold('top_brand_gmv_usd') }}
            and units_180d >= {{ threshold('top_brand_sales_multiple') }} * industry_avg_units_180d,
            false
        ) as is_eligible,
        {{ threshold('top_brand_gmv_usd') }} as gmv_threshold,
        main_category
    from profile
),

rows as (
    select
        store_id,
        as_of,
        program,
        -- compared as units x 30 >= threshold x age, free of rounding in the division
        coalesce(
            store_age_days <= max_age_days and units_since_open * 30 >= threshold * store_age_days,
            false
        ) as eligible,
        metric,
        metric_value,
        threshold,
        case
            when store_age_days is null
                then printf(
                    'Not eligible: the store opens on %s, after %s.',
                    cast(opened_day as string), cast(as_of as string)
                )
            when store_age_days <= max_age_days
                and units_since_open * 30 >= threshold * store_age_days
                then printf(
                    'Eligible: store age %d days is within %d days and monthly units %.1f reach %s.',  -- noqa: LT05
                    store_age_days,
                    cast(max_age_days as bigint),
                    {{ fixed('metric_value', 1) }},
                    {{ format_g('threshold') }}
                )
            else printf(
                    'Not eligible: store age %d days (limit %d) and monthly units %.1f (needed %s).',  -- noqa: LT05
                    store_age_days,
                    cast(max_age_days as bigint),
                    {{ fixed('metric_value', 1) }},
                    {{ format_g('threshold') }}
                )
        end as reason
    from new_store

    union all

    select
        store_id,
        as_of,
        program,
        is_eligible,
        metric,
        metric_value,
        threshold,
        printf(
            '%s: 365-day GMV %.2f USD %s %s USD and 180-day units are %s times the %s industry average (needed %s).',  -- noqa: LT05
            case when is_eligible then 'Eligible' else 'Not eligible' end,
            {{ fixed('gmv_365d', 2) }},
            case when gmv_365d >= gmv_threshold then 'reaches' else 'is below' end,
            {{ format_g('gmv_threshold') }},
            case
                when metric_value is null then 'unknown'
                else printf('%.2f', {{ fixed('metric_value', 2) }})
            end,
            main_category,
            {{ format_g('threshold') }}
        ) as reason
    from top_brand

    union all

    select
        store_id,
        as_of,
        'search_ads' as program,
        coalesce(volatility_90d < {{ threshold('search_ads_volatility_max') }}, false) as eligible,
        'volatility_90d' as metric,
        volatility_90d as metric_value,
        {{ threshold('search_ads_volatility_max') }} as threshold,
        case
            when volatility_90d is null
                then 'Not eligible: 90-day volatility is undefined (no counted unit in the window).'  -- noqa: LT05
            when volatility_90d < {{ threshold('search_ads_volatility_max') }}
                then printf(
                    'Eligible: 90-day volatility %.3f is below %s.',
                    {{ fixed('volatility_90d', 3) }},
                    {{ format_g(threshold('search_ads_volatility_max')) }}
                )
            else printf(
                    'Not eligible: 90-day volatility %.3f is not below %s.',
                    {{ fixed('volatility_90d', 3) }},
                    {{ format_g(threshold('search_ads_volatility_max')) }}
                )
        end as reason
    from profile

    union all

    select
        store_id,
        as_of,
        'overseas_warehouse' as program,
        coalesce(
            min_monthly_units_6m >= {{ threshold('overseas_warehouse_monthly_units') }}, false
        ) as eligible,
        'min_monthly_units_6m' as metric,
        cast(min_monthly_units_6m as double) as metric_value,
        {{ threshold('overseas_warehouse_monthly_units') }} as threshold,
        printf(
            '%s: the weakest of the %d calendar months before %s sold %d units (needed %s each month).',  -- noqa: LT05
            case
                when min_monthly_units_6m >= {{ threshold('overseas_warehouse_monthly_units') }}
                    then 'Eligible'
                else 'Not eligible'
            end,
            cast({{ threshold('overseas_warehouse_months') }} as bigint),
            {{ format_datetime('as_of', '%Y-%m') }},
            coalesce(min_monthly_units_6m, 0),
            {{ format_g(threshold('overseas_warehouse_monthly_units')) }}
        ) as reason
    from profile

    union all

    select
        store_id,
        as_of,
        'category_top100' as program,
        coalesce(units_365d >= top100_annual_units, false) as eligible,
        'units_365d' as metric,
        cast(units_365d as double) as metric_value,
        top100_annual_units as threshold,
        case
            when top100_annual_units is null
                then printf(
                    'Not eligible: main category %s has no top-100 threshold.', main_category
                )
            else printf(
                    '%s: 365-day units %d %s the %s top-100 threshold %s.',
                    case
                        when units_365d >= top100_annual_units then 'Eligible' else 'Not eligible'
                    end,
                    units_365d,
                    case when units_365d >= top100_annual_units then 'reach' else 'are below' end,
                    main_category,
                    {{ format_g('top100_annual_units') }}
                )
        end as reason
    from profile
),

-- Distance to a program (metrics.md): how far a store that is not eligible is from the
-- threshold, in the metric's unit; 0 when the metric meets it and another condition
-- (store age, top_brand's GMV) fails. search_ads is the one "<" rule.
with_shortfall as (
    select
        *,
        case
            when not eligible and metric_value is not null and threshold is not null
                then greatest(
                    case
                        when program = 'search_ads' then metric_value - threshold
                        else threshold - metric_value
                    end,
                    0
                )
        end as shortfall
    from rows
),

final as (
    select
        cast(store_id as string) as store_id,
        cast(as_of as date) as as_of,
        cast(program as string) as program,
        cast(eligible as boolean) as eligible,
        cast(metric as string) as metric,
        cast(metric_value as double) as metric_value,
        cast(threshold as double) as threshold,
        cast(reason as string) as reason,
        cast(shortfall as double) as shortfall
    from with_shortfall
)

select * from final
