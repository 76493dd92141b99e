"""Runs core_duckdb.sql over an inbox: the core number with nothing around the engine.

Usage: python benchmarks/peers/core_duckdb.py INBOX [STATUS_MAP_CSV]
Prints one JSON line like core_pandas.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def main() -> int:
    inbox = Path(sys.argv[1]).resolve()
    status_map = (
        Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "dbt_models/seeds/status_map.csv"
    )
    script = (HERE / "core_duckdb.sql").read_text(encoding="utf-8")
    script = script.replace("{inbox}", str(inbox)).replace("{status_map}", str(status_map))
    con = duckdb.connect()
    *statements, last = [s for s in script.split(";\n") if s.strip()]
    for statement in statements:
        con.execute(statement)
    stores, rows, as_of, units = con.execute(last).fetchone()
    print(
        json.dumps(
            {
                "peer": "duckdb_sql",
                "stores": stores,
                "rows": rows,
                "as_of": as_of.isoformat(),
                "units_365d_on_as_of": int(units),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
