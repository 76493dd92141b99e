"""Bad store folder names are rejected by name; unknown kinds are reported, never guessed."""

from pathlib import Path

from inbox_files import ORDERS_EN, put, rows

from dagster_project.ingest import ingest_inbox, scan_inbox

ORDERS = ORDERS_EN + "\nA1,S1,1,2024-03-01,,5,Completed,x,y\n"


def test_invalid_store_folder_is_rejected(inbox: Path, con) -> None:
    put(inbox, "good-store_1/orders/o.csv", ORDERS)
    put(inbox, "my store/orders/o.csv", ORDERS)
    put(inbox, "店铺/orders/o.csv", ORDERS)
    put(inbox, ("x" * 65) + "/orders/o.csv", ORDERS)
    put(inbox, "good-store_1/Orders/o.csv", ORDERS)
    put(inbox, "good-store_1/refunds/o.csv", ORDERS)
    put(inbox, "good-store_1/orders/notes.txt", "hello")
    put(inbox, "stray.csv", ORDERS)
    report = ingest_inbox(con, inbox)
    rule = "a store folder name must match [A-Za-z0-9_-]{1,64}; nothing in it was loaded"
    assert report.problems == [
        "good-store_1/Orders: unknown kind folder 'Orders' skipped "
        "(known kinds: orders, listings, dsr, traffic, reviews, store)",
        "good-store_1/orders/notes.txt: ignored, only .csv and .xlsx files are read",
        "good-store_1/refunds: unknown kind folder 'refunds' skipped "
        "(known kinds: orders, listings, dsr, traffic, reviews, store)",
        f"store folder 'my store' rejected: {rule}",
        "stray.csv: ignored, files belong in <store_id>/<kind>/ folders",
        f"store folder '{'x' * 65}' rejected: {rule}",
        f"store folder '店铺' rejected: {rule}",
    ]
    assert [f.file for f in report.files] == ["good-store_1/orders/o.csv"]
    assert rows(con, "SELECT DISTINCT store_id FROM raw.orders") == [("good-store_1",)]


def test_scan_needs_no_database(inbox: Path) -> None:
    put(inbox, "s1/orders/o.csv", ORDERS)
    put(inbox, "s1/.DS_Store", "")
    scan = scan_inbox(inbox)
    assert [f.rel for f in scan.files["orders"]] == ["s1/orders/o.csv"]
    assert scan.problems == []


def test_a_hidden_export_is_reported_not_silently_skipped(inbox: Path, con) -> None:
    # A sync tool or an interrupted download can leave an export under a dot name;
    # .DS_Store and editor swap files are no exports and stay unmentioned.
    put(inbox, "s1/orders/o.csv", ORDERS)
    put(inbox, "s1/orders/.orders_20240301.csv", ORDERS)
    put(inbox, "s1/orders/.Orders.XLSX", "")
    put(inbox, "s1/orders/.DS_Store", "")
    put(inbox, "s1/orders/.o.csv.swp", "")
    report = ingest_inbox(con, inbox)
    assert report.problems == [
        "s1/orders/.Orders.XLSX: skipped, a hidden file (its name starts with a dot); "
        "rename it without the dot to load it",
        "s1/orders/.orders_20240301.csv: skipped, a hidden file (its name starts with a dot); "
        "rename it without the dot to load it",
    ]
    assert [f.file for f in report.files] == ["s1/orders/o.csv"]
