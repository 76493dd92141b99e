-- One row per client of clients.csv in force: its language (the default of its report)
-- and how many stores of the marts it holds. Contact data (alert_email, alert_webhook)
-- stays in the working database: this mart is published in every client's file.
with langs as (
    select client_id, lang from {{ ref('stg_client_langs') }}
),

stores as (
    select client_id, count(*) as stores
    from {{ ref('stores') }}
    where client_id is not null
    group by client_id
)

select
    cast(langs.client_id as string) as client_id,
    cast(langs.lang as string) as lang,
    cast(coalesce(stores.stores, 0) as bigint) as stores
from langs
left join stores on langs.client_id = stores.client_id
