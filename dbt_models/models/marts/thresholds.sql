-- The platform thresholds the marts of this run were built with, published beside them:
-- a reader of serving.duckdb (the seller report, a BI tool) draws a health metric against
-- the very line its flag was computed from, never against a copy of the seed.
select
    cast(name as string) as name,
    cast(value as double) as value,
    cast(unit as string) as unit,
    cast(source as string) as source
from {{ ref('platform_thresholds') }}
