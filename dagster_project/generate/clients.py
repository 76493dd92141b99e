"""A demo agency's clients.csv: three clients over the generated stores, one store in none."""

from __future__ import annotations

import csv
from pathlib import Path

from dagster_project.ingest.clients import CLIENTS_FILE, COLUMNS
from dagster_project.ingest.layout import STORE_ID

# (client_id, lang): the stores are dealt out in this order, two each; the last store of
# the inbox stays with no client (it appears in the agency's serving.duckdb only).
DEMO_CLIENTS = (("northwind", "en"), ("huaxia", "zh"), ("bluepeak", "en"))


def write_demo_clients(inbox: Path) -> Path:
    """`<inbox>/clients.csv` over the store folders of the inbox; returns its path."""
    stores = sorted(p.name for p in inbox.iterdir() if p.is_dir() and STORE_ID.fullmatch(p.name))
    assigned = stores[:-1] if len(stores) > 1 else stores
    path = inbox / CLIENTS_FILE
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for n, store in enumerate(assigned):
            client, lang = DEMO_CLIENTS[min(n // 2, len(DEMO_CLIENTS) - 1)]
            writer.writerow([store, client, "", "", lang])
    return path
