"""Row-for-row comparison of two builds' tables: order-independent, floats to a tolerance."""

from __future__ import annotations

import math
from decimal import Decimal

import duckdb

# Relative tolerance for doubles: the engines sum in other orders, and Spark's decimal
# arithmetic rounds at other scales than DuckDB's doubles.
REL_TOL = 1e-9
ABS_TOL = 1e-9


def _key(value: object) -> object:
    """A sort key that puts near-equal floats side by side (NULLs first)."""
    if value is None:
        return (0, "")
    if isinstance(value, float):
        return (1, round(value, 6))
    if isinstance(value, Decimal):
        return (1, round(float(value), 6))
    if isinstance(value, bool):
        return (2, int(value))
    if isinstance(value, int):
        return (1, float(value))
    return (3, str(value))


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return a == b


def table_differences(
    con: duckdb.DuckDBPyConnection, left: str, right: str, limit: int = 5
) -> list[str]:
    """Where two table expressions differ: columns, row counts, then the first rows."""
    left_cols = [d[0] for d in con.execute(f"select * from {left} limit 0").description]
    right_cols = [d[0] for d in con.execute(f"select * from {right} limit 0").description]
    if left_cols != right_cols:
        return [f"columns differ: {left_cols} vs {right_cols}"]
    a = sorted(con.execute(f"select * from {left}").fetchall(), key=lambda r: [_key(v) for v in r])
    b = sorted(con.execute(f"select * from {right}").fetchall(), key=lambda r: [_key(v) for v in r])
    if len(a) != len(b):
        return [f"{len(a)} rows vs {len(b)} rows"]
    found = []
    for row_a, row_b in zip(a, b, strict=True):
        diffs = [
            f"{col}: {x!r} vs {y!r}"
            for col, x, y in zip(left_cols, row_a, row_b, strict=True)
            if not _same(x, y)
        ]
        if diffs:
            found.append(f"row {dict(zip(left_cols, row_a, strict=True))}: " + "; ".join(diffs))
            if len(found) >= limit:
                break
    return found
