"""`asw demo`'s clients.csv: three clients of mixed language, the last store in none."""

import duckdb

from dagster_project.generate.clients import write_demo_clients
from dagster_project.ingest.clients import load_clients


def test_six_stores_make_three_clients_and_one_store_without(tmp_path) -> None:
    for n in range(1, 7):
        (tmp_path / f"store_000{n}" / "orders").mkdir(parents=True)
    path = write_demo_clients(tmp_path)
    con = duckdb.connect(":memory:")
    assert load_clients(con, path, tmp_path) == []
    assert con.execute(
        "select client_id, lang, list(store_id order by store_id) from raw.clients "
        "group by all order by 1"
    ).fetchall() == [
        ("bluepeak", "en", ["store_0005"]),
        ("huaxia", "zh", ["store_0003", "store_0004"]),
        ("northwind", "en", ["store_0001", "store_0002"]),
    ]
