"""Writing export fixtures: exact bytes, in the encoding a test names."""

from __future__ import annotations

from pathlib import Path

import duckdb

ORDERS_EN = (
    "Order ID,SKU,Quantity,Order Time,Payment Time,Amount Received,Order Status,Buyer Name,Phone"
)
ORDERS_ZH = "订单号,商品编码,数量,下单时间,付款时间,实收金额,订单状态,买家名称,联系电话"


def put(inbox: Path, rel: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    """Write `text` (lines joined by \\n) to `<inbox>/<rel>`."""
    path = inbox / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def every_text_value(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every value of every column of every table in the database, as text."""
    values: list[str] = []
    tables = rows(con, "SELECT schema_name, table_name FROM duckdb_tables()")
    for schema, table in tables:
        columns = [c for (c,) in rows(
            con,
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
            [schema, table],
        )]  # fmt: skip
        for column in columns:
            values += [
                str(v)
                for (v,) in rows(con, f'SELECT "{column}"::VARCHAR FROM "{schema}"."{table}"')
                if v is not None
            ]
    return values
