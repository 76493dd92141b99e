-- One row per (store_id, horizon_days) of the rolloff_horizons seed, as of as_of: the
-- units that leave the 365-day window by day as_of + h (the days as_of - 364 …
-- as_of - 365 + h), the units the 30-day run rate brings in meanwhile, and whether the
-- store falls below its main category's top-100 threshold.
with profile as (
    select
        profile.store_id,
        profile.as_of,
        profile.units_365d,
        benchmarks.top100_annual_units as top100_threshold
    from {{ ref('int_store_profile') }} as profile
    left join {{ ref('category_benchmarks') }} as benchmarks
        on profile.main_category = benchmarks.category
),

horizons as (
    select distinct horizon_days from {{ ref('rolloff_horizons') }}
),

recent as (
    select daily.store_id, sum(daily.counted_units) as units_30d
    from {{ ref('int_store_daily') }} as daily
    inner join profile on daily.store_id = profile.store_id
    where {{ in_window('daily.date', 'profile.as_of', 30) }}
    group by daily.store_id
),

leaving as (
    select
        profile.store_id,
        horizons.horizon_days,
        coalesce(sum(daily.counted_units), 0) as rolloff_units
    from profile
    cross join horizons
    left join {{ ref('int_store_daily') }} as daily
        on profile.store_id = daily.store_id
        -- the days leaving the window by as_of + h: those before the first day of the
        -- 365-day window ending on as_of + h
        and daily.date >= {{ window_start('profile.as_of', 365) }}
        and daily.date < {{ window_start('profile.as_of', 365) }} + horizons.horizon_days
    group by profile.store_id, horizons.horizon_days
),

rows as (
    select
        profile.store_id,
        profile.as_of,
        leaving.horizon_days,
        profile.units_365d,
        leaving.rolloff_units,
        coalesce(recent.units_30d, 0) as units_30d,
        profile.top100_threshold
    from profile
    inner join leaving on profile.store_id = leaving.store_id
    left join recent on profile.store_id = recent.store_id
),

final as (
    select
        cast(store_id as string) as store_id,
        cast(as_of as date) as as_of,
        cast(horizon_days as integer) as horizon_days,
        cast(units_365d as bigint) as units_365d,
        cast(rolloff_units as bigint) as rolloff_units,
        cast(cast(units_30d as double) * horizon_days / 30 as double) as run_rate_units,
        cast(
            units_365d - rolloff_units + cast(units_30d as double) * horizon_days / 30 as double
        ) as projected_units_365d,
        cast(top100_threshold as double) as top100_threshold,
        -- projected < threshold multiplied out by 30, so a projection exactly on the
        -- threshold stays on its side (DECISIONLOG 38)
        cast(
            coalesce(
                units_365d >= top100_threshold
                and (units_365d - rolloff_units) * 30 + units_30d * horizon_days
                < top100_threshold * 30,
                false
            ) as boolean
        ) as top100_at_risk
    from rows
)

select * from final
