"""Writing the export rows as files in the inbox layout `<out>/<store_id>/<kind>/<file>`.

One partitioned COPY per shard of stores writes every file at once; the partition files
are then moved to the names sellers download, a few transcoded to GBK or given a BOM,
some with Windows line ends (CRLF) and some turned into `.xlsx` workbooks.
DuckDB appends rows to a partition file in arrival order, so each shard runs on a
single thread (two shards run side by side): the same seed then gives the same bytes.
"""

from __future__ import annotations

import codecs
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from dagster_project.generate.model import Params
from dagster_project.generate.render import copy_rows_sql
from dagster_project.generate.workbook import write_workbook

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class StoreFileTraits:
    store_id: str
    name_style: int
    encoding: str


def file_name(kind: str, style: int, export_date: date, ordinal: int) -> str:
    """The name a seller's download gets; style 3 carries no date (its mtime tells)."""
    if kind == "store":
        return f"store_{export_date:%Y-%m-%d}.csv" if style == 0 else "store_info.csv"
    if style == 0:
        return f"{kind}_{export_date:%Y-%m-%d}.csv"
    if style == 1:
        return f"{kind.capitalize()}{export_date:%Y%m%d}.csv"
    if style == 2:
        return f"{kind}_export_{export_date:%Y%m%d}_full.csv"
    return f"{kind.capitalize()} Export ({ordinal}).csv"


def file_format(p: Params, store_idx: int, kind: str, k: int) -> str:
    """How one file is downloaded: `xlsx`, `crlf` (a CSV with Windows line ends) or `csv`.

    A fixed rule rather than a draw, so that a three-store run has some of each: the
    second store of every three downloads its store file and one export in twelve as
    Excel, and a quarter of the other files have CRLF line ends. `utf8_only` (benchmarks) keeps
    every file a plain UTF-8 CSV, so that timings stay comparable.
    """
    if p.utf8_only:
        return "csv"
    if store_idx % 3 == 1 and (kind == "store" or k % 12 == 3):
        return "xlsx"
    if (store_idx + k) % 4 == 2:
        return "crlf"
    return "csv"


def _copy_chunk(con: duckdb.DuckDBPyConnection, p: Params, lo: int, hi: int, target: Path) -> int:
    cur = con.cursor()
    # the partition key columns are not written; `line` is the finished CSV text, so the
    # writer must neither quote nor split it
    result = cur.execute(
        f"""copy ({copy_rows_sql(p, lo, hi)}) to '{target.as_posix()}'
            (format csv, partition_by (store_idx, kind, k), header false,
             delimiter '\x01', quote '', filename_pattern 'part')"""
    ).fetchone()
    cur.close()
    return int(result[0]) if result else 0


def store_chunks(sizes: list[tuple[int, int]], target_rows: int) -> list[tuple[int, int]]:
    """Consecutive store ranges of about `target_rows` order lines each (a store
    larger than that gets a range of its own)."""
    chunks: list[tuple[int, int]] = []
    start, acc = None, 0
    for store_idx, n in sorted(sizes):
        if start is None:
            start = store_idx
        acc += n
        if acc >= target_rows:
            chunks.append((start, store_idx))
            start, acc = None, 0
    if start is not None:
        chunks.append((start, sorted(sizes)[-1][0]))
    return chunks


def _write_chunk(
    con: duckdb.DuckDBPyConnection,
    p: Params,
    lo: int,
    hi: int,
    tmp: Path,
    out: Path,
    traits: dict[int, StoreFileTraits],
) -> tuple[int, int]:
    lines = _copy_chunk(con, p, lo, hi, tmp)
    files = place_files(p, tmp, out, traits)
    shutil.rmtree(tmp, ignore_errors=True)
    return lines, files


def write_all(
    con: duckdb.DuckDBPyConnection,
    p: Params,
    tmp: Path,
    out: Path,
    progress: Callable[[str], None],
    chunk_progress: Callable[[int, int], None] | None = None,
    workers: int = 2,
    target_rows: int = 150_000,
) -> tuple[int, int]:
    """Write every file, a chunk of stores per COPY, `workers` chunks at a time, each
    chunk's files moved into place as soon as it is written. Returns (lines written,
    headers included; files)."""
    tmp.mkdir(parents=True, exist_ok=True)
    sizes = con.execute(
        "select s.store_idx, count(l.store_idx) from stores s "
        "left join lines l using (store_idx) group by all"
    ).fetchall()
    chunks = store_chunks([(int(i), int(n)) for i, n in sizes], target_rows)
    traits = {
        idx: StoreFileTraits(store_id, name_style, encoding)
        for idx, store_id, name_style, encoding in con.execute(
            "select store_idx, store_id, name_style, encoding from stores"
        ).fetchall()
    }
    con.execute("set threads = 1")
    written = files = 0
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [
                pool.submit(_write_chunk, con, p, lo, hi, tmp / f"chunk{n}", out, traits)
                for n, (lo, hi) in enumerate(chunks)
            ]
            for done, future in enumerate(futures, start=1):
                lines, placed = future.result()
                written += lines
                files += placed
                if chunk_progress is not None:
                    chunk_progress(done, len(futures))
                elif done % 20 == 0 or done == len(futures):
                    progress(f"generate: wrote {done}/{len(futures)} store chunks")
    finally:
        con.execute(f"set threads = {os.cpu_count() or 2}")
    return written, files


def _rewrite(src: Path, dst: Path, encoding: str, crlf: bool) -> None:
    """The UTF-8 partition file in the store's encoding (GBK, or with a BOM), with CRLF
    line ends when asked. No generated field holds a line break, and no GBK byte is a
    line feed, so every LF byte ends a record."""
    decoder = codecs.getincrementaldecoder("utf-8")()

    def out(data: bytes) -> bytes:
        return data.replace(b"\n", b"\r\n") if crlf else data

    with src.open("rb") as fin, dst.open("wb") as fout:
        if encoding == "bom":
            fout.write(codecs.BOM_UTF8)
        while chunk := fin.read(CHUNK_BYTES):
            fout.write(out(decoder.decode(chunk).encode("gbk") if encoding == "gbk" else chunk))
        if encoding == "gbk":
            fout.write(decoder.decode(b"", final=True).encode("gbk"))
    src.unlink()


def _mtime(export_date: date, store_idx: int) -> float:
    """Local time of the download: the morning of the export date."""
    return time.mktime(
        (export_date.year, export_date.month, export_date.day, 8, store_idx % 60, 0, 0, 0, -1)
    )


def place_files(p: Params, tmp: Path, out: Path, traits: dict[int, StoreFileTraits]) -> int:
    """Move every partition file to its inbox path; returns the number of files."""
    n_exports = (p.days - 1) // p.export_every + 1
    placed = 0
    # partition folders look like store_idx=3/kind=orders/k=0/part.csv
    for part in sorted(tmp.glob("store_idx=*/kind=*/k=*/*.csv")):
        k = int(part.parent.name.split("=", 1)[1])
        kind = part.parent.parent.name.split("=", 1)[1]
        store_idx = int(part.parent.parent.parent.name.split("=", 1)[1])
        t = traits[store_idx]
        export_date = p.first_export - timedelta(days=k * p.export_every)
        dest_dir = out / t.store_id / kind
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / file_name(kind, t.name_style, export_date, n_exports - k)
        fmt = file_format(p, store_idx, kind, k)
        if fmt == "xlsx":
            # Some files date their cells as Excel does, others hold bare serial numbers.
            dest = dest.with_suffix(".xlsx")
            write_workbook(part, dest, kind, date_format=k % 24 == 3)
            part.unlink()
        elif t.encoding in ("gbk", "bom") or fmt == "crlf":
            _rewrite(part, dest, t.encoding, crlf=fmt == "crlf")
        else:
            os.replace(part, dest)
        stamp = _mtime(export_date, store_idx)
        os.utime(dest, (stamp, stamp))
        placed += 1
    return placed
