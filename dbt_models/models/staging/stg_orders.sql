-- One row per raw order line version. Lines whose status is not in status_map keep
-- status_class NULL here, lines whose currency has no rate for their month has_rate
-- false; int_order_lines_latest leaves both out and audit.quarantine lists them with
-- reason unknown_status or unknown_currency.
--
-- A view, like every staging model: only the quarantine reads every version (the
-- latest-state model stages just each key's winner, through the same macro), so
-- materializing tens of millions of typed copies of raw rows would only cost time.
{{ stage_orders(source('raw', 'orders')) }}
