"""marts.stores: one row per store of the marts, on the fixture (as_of 2025-06-30)."""


def test_one_row_per_store_of_the_marts(marts):
    rows = marts.query(
        "select store_id, store_name, cast(opened_at as varchar), main_category, "
        "cast(first_order_day as varchar), cast(last_order_export_day as varchar), client_id "
        "from marts.stores order by store_id"
    )
    assert rows == [
        # no store file: opens on its first order day; main category by units (apparel)
        # clients.csv: s1 and s2 belong to acme; beta and gamma are in error (s4 twice)
        ("s1", None, "2024-06-01", "apparel", "2024-06-01", "2025-07-01", "acme"),
        # its last order export is of 2025-06-22 (the store is stale, metrics.md)
        ("s10", None, "2024-12-01", "apparel", "2024-12-01", "2025-06-22", None),
        # apparel 900 ties consumer_electronics 900: alphabetical first
        ("s2", None, "2025-01-10", "apparel", "2025-01-10", "2025-07-01", "acme"),
        # the 2025-07-01 store file wins over the 2025-01-01 one; Toys -> other
        ("s3", "Toy Corner", "2025-05-01", "other", "2025-05-10", "2025-07-01", None),
        # opened after as_of; order files dated 04-01, 05-01 (twice), 06-01 (two names)
        ("s4", "Mug House", "2025-07-15", "home_garden", "2025-04-10", "2025-06-01", None),
        # s5 has only a held line: not a store of the marts
        ("s6", None, "2024-12-01", "consumer_electronics", "2024-12-01", "2025-07-01", None),
        ("s7", None, "2025-05-20", "apparel", "2025-05-20", "2025-07-01", None),
        # 家居 -> home_garden; its only order export is dated as_of
        ("s9", None, "2024-06-30", "home_garden", "2024-06-30", "2025-06-30", None),
    ]


def test_every_mart_joins_to_stores(marts):
    for mart in ("sales_volume_daily", "store_health_daily", "store_eligibility",
                 "sku_sales_volume", "store_diagnosis", "fct_order_lines"):  # fmt: skip
        assert (
            marts.query(
                f"select distinct store_id from marts.{mart} "
                "where store_id not in (select store_id from marts.stores)"
            )
            == []
        ), mart


def test_clients_in_force_with_language_and_store_count(marts):
    # acme: lines 1-2, lang en on line 1, stores s1 and s2; beta and gamma hold s4 both
    # (lines 4, 5) and are left out whole, beta's valid line 3 (s3) with them.
    assert marts.query("select client_id, lang, stores from marts.clients order by 1") == [
        ("acme", "en", 2)
    ]
