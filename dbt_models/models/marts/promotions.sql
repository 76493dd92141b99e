-- One row per platform promotion of the platform_promotions seed, as of as_of: its
-- stock-up day (promotion_stock_up_days before it starts) and whether it is the next one
-- to start after as_of (a promotion under way on as_of is not "next": its stock-up day
-- has passed).
with as_of as (
    select as_of from {{ ref('int_as_of') }}
),

promotions as (
    select
        cast(seed.promotion as string) as promotion,
        cast(seed.name_zh as string) as name_zh,
        cast(seed.name_en as string) as name_en,
        cast(seed.start_date as date) as start_date,
        cast(seed.end_date as date) as end_date,
        as_of.as_of
    from {{ ref('platform_promotions') }} as seed
    cross join as_of
),

next_start as (
    select min(start_date) as start_date
    from promotions
    where start_date > as_of
)

select
    promotions.promotion,
    promotions.name_zh,
    promotions.name_en,
    promotions.start_date,
    promotions.end_date,
    cast(
        promotions.start_date - cast({{ threshold('promotion_stock_up_days') }} as integer)
        as date
    ) as stock_up_date,
    promotions.as_of,
    coalesce(promotions.start_date = next_start.start_date, false) as is_next,
    cast({{ days_between('promotions.start_date', 'promotions.as_of') }} as integer)
        as days_until_start
from promotions
cross join next_start
