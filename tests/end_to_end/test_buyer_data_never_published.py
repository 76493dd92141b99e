"""Buyer data planted in an export, in quarantined and loaded rows alike, reaches no table of
the working database nor of the published one."""

from pathlib import Path

import duckdb

from tests.conftest import run_asw

# Header → planted value; every header is one a seller centre or a spreadsheet might write.
PLANTED = {
    "Buyer's Name": "Wang Wu",
    "买家姓名": "王五",
    "收件人": "赵六",
    "收件人电话": "13900001111",
    "E-mail": "ww@example.org",
    "Mobile": "15811112222",
    "Address Line 1": "88 Nanjing Road",
    "邮政编码": "310000",
    "Customer": "Chen Qi",
    "Buyer Tel": "02188889999",
    "Email Address": "cq@example.org",
}


def _every_value(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        values: list[str] = []
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT temporary"
        ).fetchall()
        for schema, table in tables:
            columns = con.execute(
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ?",
                [schema, table],
            ).fetchall()
            for (column,) in columns:
                values += [
                    v
                    for (v,) in con.execute(
                        f'SELECT DISTINCT "{column}"::VARCHAR FROM "{schema}"."{table}"'
                    ).fetchall()
                    if v is not None
                ]
        return values
    finally:
        con.close()


def test_planted_buyer_data_reaches_no_table(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    orders = inbox / "s1" / "orders"
    orders.mkdir(parents=True)
    header = "Order ID,SKU,Quantity,Order Time,Amount Received,Order Status," + ",".join(PLANTED)
    secrets = ",".join(PLANTED.values())
    lines = [header]
    for n in range(1, 6):
        lines.append(f"A{n},S1,1,2024-03-0{n} 10:00:00,5.00,Completed,{secrets}")
    lines += [
        f"B1,S1,0,2024-03-01 10:00:00,5.00,Completed,{secrets}",  # out_of_range:quantity
        f"B2,S1,1,2024-03-01 10:00:00,5.00,No Such Status,{secrets}",  # unknown_status
        f"B3,S1,1,yesterday,5.00,Completed,{secrets}",  # bad_timestamp:order_time
    ]
    (orders / "orders_2024-03-06.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    warehouse = tmp_path / "warehouse"
    code, output = run_asw(inbox, warehouse)
    assert code == 0, output
    for db in (warehouse / "warehouse.duckdb", warehouse / "serving.duckdb"):
        values = _every_value(db)
        assert any(v.startswith("B1,S1,0,") for v in values), db  # the raw line is there
        leaks = sorted({s for v in values for s in PLANTED.values() if s in v})
        assert leaks == [], db
