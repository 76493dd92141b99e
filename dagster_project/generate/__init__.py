"""Synthetic AliExpress seller-centre exports at any scale (`asw generate`).

The world (stores, SKUs, orders with their timelines) is simulated in DuckDB; every
store then downloads a 90-day order export every `export_every` days, plus listings,
DSR, traffic, reviews and a store file, written into the inbox layout of exports.md
with the messiness real exports have (GBK and BOM files, CRLF line ends, `.xlsx`
downloads; `utf8_only` writes plain UTF-8 CSV with LF only). The same seed always gives
the same bytes.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from dagster_project.generate import model, render
from dagster_project.generate.writer import write_all

# A fixed default so that a seed alone fixes the output, whatever day it runs.
DEFAULT_END_DATE = date(2026, 10, 31)
MEMORY_LIMIT = "4GB"

__all__ = ["DEFAULT_END_DATE", "GenerateSummary", "generate_inbox"]


@dataclass(frozen=True)
class GenerateSummary:
    out: Path
    stores: int
    days: int
    files: int
    order_lines: int  # distinct (store, order, sku)
    rows_written: int  # data rows over all files, header lines not counted
    seconds: float


def _check(stores: int, days: int, export_every: int) -> None:
    if stores < 1:
        raise ValueError(f"--stores must be at least 1, got {stores}")
    if days < 1:
        raise ValueError(f"--days must be at least 1, got {days}")
    if export_every < 1:
        raise ValueError(f"--export-every must be at least 1, got {export_every}")


def generate_inbox(
    out: Path,
    stores: int,
    days: int,
    seed: int = 7,
    export_every: int = 7,
    utf8_only: bool = False,
    end_date: date | None = None,
    progress: Callable[[str], None] | None = print,
    chunk_progress: Callable[[int, int], None] | None = None,
) -> GenerateSummary:
    """Write synthetic exports for `stores` stores over the `days` days ending on
    `end_date` into `out/<store_id>/<kind>/`. Files already there under the same names
    are replaced; others are left alone. `chunk_progress(done, total)` is told about
    every chunk of stores written (the long part at scale)."""
    _check(stores, days, export_every)
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    p = model.Params(
        stores=stores,
        days=days,
        seed=seed,
        export_every=export_every,
        utf8_only=utf8_only,
        end_date=end_date or DEFAULT_END_DATE,
    )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # work beside the inbox, not in it (a sensor watching it must not see half-written
    # folders), and on the same file system so that finished files are renamed, not copied
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-generate-", dir=out.parent))
    try:
        # a bounded memory budget: the machine is shared, and DuckDB spills what exceeds it
        con = duckdb.connect(
            config={"temp_directory": str(work / "spill"), "memory_limit": MEMORY_LIMIT}
        )
        try:
            say(f"generate: simulating {stores} stores x {days} days (seed {seed})")
            model.create_macros(con, p)
            model.build_stores(con, p)
            model.add_coverage_cases(con, p)
            model.build_skus(con, p)
            model.build_orders(con, p)
            model.build_lines(con, p)
            model.calibrate_top100_store(con, p)
            order_lines = con.execute("select count(*) from lines").fetchone()[0]
            say(f"generate: {order_lines:,} order lines; building side exports")
            con.execute(render.status_texts_sql())
            for kind in render.SIDE_KINDS:
                con.execute(
                    f"create or replace table rows_{kind} as {render.side_rows_sql(p, kind)}"
                )
            say("generate: writing export files")
            lines_written, files = write_all(con, p, work / "parts", out, say, chunk_progress)
        finally:
            con.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.monotonic() - started
    summary = GenerateSummary(
        out=out,
        stores=stores,
        days=days,
        files=files,
        order_lines=int(order_lines),
        rows_written=int(lines_written) - files,
        seconds=seconds,
    )
    say(
        f"generate: {files:,} files, {summary.order_lines:,} order lines, "
        f"{summary.rows_written:,} rows in {seconds:.1f}s -> {out}"
    )
    return summary
