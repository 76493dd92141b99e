-- The store-to-client mapping in force: valid lines of clients none of whose lines is in
-- error (a client with a line in error is held whole: no file, no client_id on its stores).
-- alert_email and alert_webhook are not read: they never reach a mart.
with source as (
    select store_id, client_id, lang, line, error from {{ source('raw', 'clients') }}
),

clients_in_error as (
    select distinct client_id
    from source
    where error is not null and client_id is not null
)

select distinct
    cast(source.store_id as string) as store_id,
    cast(source.client_id as string) as client_id
from source
where source.error is null
    and source.client_id not in (select clients_in_error.client_id from clients_in_error)
