"""Benchmark of the synthetic export generator.

Default workload: 1000 stores x 400 days, an order export every 30 days, UTF-8 only,
which is about ten million distinct order lines (target: under three minutes on two
cores). Prints order lines/s, rows/s and the peak resident memory.

    python benchmarks/bench_generate.py                  # the full workload
    python benchmarks/bench_generate.py --stores 50 --days 120 --keep --out /tmp/inbox
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from dagster_project.generate import generate_inbox


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=1000)
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--export-every", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--end-date", type=date.fromisoformat, default=None)
    parser.add_argument(
        "--all-encodings",
        action="store_true",
        help="also write GBK, BOM, CRLF and .xlsx files (the default workload is UTF-8 only)",
    )
    parser.add_argument("--out", type=Path, default=None, help="default: a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="asw-bench-generate-"))
    started = time.monotonic()
    try:
        summary = generate_inbox(
            out,
            stores=args.stores,
            days=args.days,
            seed=args.seed,
            export_every=args.export_every,
            utf8_only=not args.all_encodings,
            end_date=args.end_date,
            progress=lambda msg: print(f"[{time.monotonic() - started:7.1f}s] {msg}", flush=True),
        )
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    # ru_maxrss is in KiB on Linux
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = max(summary.seconds, 1e-9)
    print(
        f"stores={args.stores} days={args.days} export_every={args.export_every} "
        f"files={summary.files:,} order_lines={summary.order_lines:,} "
        f"rows={summary.rows_written:,}"
    )
    print(
        f"seconds={summary.seconds:.1f} lines_per_s={summary.order_lines / seconds:,.0f} "
        f"rows_per_s={summary.rows_written / seconds:,.0f} peak_rss_mib={peak_mib:,.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
