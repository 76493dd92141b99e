"""Ingest throughput on a generated UTF-8 orders inbox (run by hand; the test suite never runs it).

.venv/bin/python benchmarks/bench_ingest.py --files 200 --rows 20000 --out /tmp/bench
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import duckdb

from dagster_project.ingest import ingest_inbox

HEADER = (
    "Order ID,SKU,Product ID,Category,Quantity,Order Time,Payment Time,Amount Received,"
    "Order Status,Tracking Number,Carrier Scan Time,Delivery Time,Buyer Name,Phone,"
    "Shipping Address\n"
)


def write_inbox(out: Path, files: int, rows: int) -> Path:
    inbox = out / "inbox"
    folder = inbox / "bench" / "orders"
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    for f in range(files):
        path = folder / f"orders_2024-{1 + f % 12:02d}-{1 + f % 28:02d}_{f:05d}.csv"
        if path.exists():
            continue
        lines = [HEADER]
        for i in range(rows):
            oid = 8_000_000_000_000 + f * rows + i
            day = f"2024-03-{1 + i % 28:02d}"
            lines.append(
                f"{oid},SKU-{rnd.randint(1, 500)},{rnd.randint(10**9, 10**10)},Apparel,"
                f"{rnd.randint(1, 3)},{day} 12:{i % 60:02d}:00,{day} 13:00:00,"
                f'"US ${rnd.randint(1, 2000)}.{rnd.randint(0, 99):02d}",Completed,LP{oid},'
                f'{day} 18:00,,John Smith,+1 555 0100,"12 Main St, Springfield"\n'
            )
        path.write_text("".join(lines), encoding="utf-8")
    return inbox


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/asw-ingest-bench"))
    args = parser.parse_args()
    inbox = write_inbox(args.out, args.files, args.rows)
    db = args.out / "bench.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_inbox(con, inbox)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(report.summary())
    print(
        f"first load: {seconds:.1f} s wall, {cpu:.1f} s CPU, {report.rows_read / seconds:,.0f} "
        f"rows/s ({report.rows_read / len(report.files):,.0f} rows per file)"
    )
    start = time.perf_counter()
    again = ingest_inbox(con, inbox)
    print(f"second load (all skipped: {again.files_skipped}): {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
