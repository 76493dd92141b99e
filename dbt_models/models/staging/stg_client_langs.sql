-- One row per client in force (see stg_clients) with its language: the lang given on any
-- of its lines (two different ones are an error at ingest), zh when none is given.
with source as (
    select client_id, lang, error from {{ source('raw', 'clients') }}
),

clients_in_error as (
    select distinct client_id
    from source
    where error is not null and client_id is not null
)

select
    cast(client_id as string) as client_id,
    cast(coalesce(max(lang), 'zh') as string) as lang
from source
where error is null
    and client_id not in (select clients_in_error.client_id from clients_in_error)
group by client_id
