"""audit.alert_deliveries: one row per (alert, channel, target), pending until delivered."""

from __future__ import annotations

# The working table also keeps each row's audience (`agency` or a client id): it says which
# configured channel a pending row is retried on. The published table has the spec's columns.
DELIVERY_COLUMNS = """
    alert_id varchar, channel varchar, target varchar, attempts integer,
    delivered_at timestamp, last_error varchar, audience varchar
"""
PUBLISHED_DELIVERY_COLUMNS = """
    alert_id varchar, channel varchar, target varchar, attempts integer,
    delivered_at timestamp, last_error varchar
"""
PUBLISHED_DELIVERY_FIELDS = "alert_id, channel, target, attempts, delivered_at, last_error"
