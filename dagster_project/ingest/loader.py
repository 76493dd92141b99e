"""Load inbox files into `raw`: DuckDB's CSV reader, all text, typed and judged in SQL.

Files of one kind that share a header layout are read by a single `read_csv([...])` call,
which keeps the cost per file small (the nightly inbox holds thousands of order files).
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from dagster_project.ingest import ingest_log
from dagster_project.ingest.encoding import (
    DecodeError,
    Digest,
    digest,
    is_utf8,
    transcode_gb18030,
)
from dagster_project.ingest.headers import HeaderError, Layout, match_header, read_header
from dagster_project.ingest.layout import KINDS, InboxFile, InboxScan, scan_inbox
from dagster_project.ingest.reports import FileReport, IngestReport
from dagster_project.ingest.schema import ensure_raw_schema
from dagster_project.ingest.specs import SPECS
from dagster_project.ingest.typed_sql import staging_columns, typed_select
from dagster_project.ingest.xlsx import WorkbookError, xlsx_to_csv

Progress = Callable[[str], None]

BATCH_BYTES = 256 << 20  # bounds the staging table's memory
BATCH_FILES = 2000
# Stands in for "null" so that an empty field reads as '' and only padding reads as NULL.
_NULL_SENTINEL = "\x01\x02null\x02\x01"


@dataclass
class _Ready:
    """A file that passed the checks done before reading: decoded, header understood."""

    file: InboxFile
    digest: Digest
    read_path: Path  # the file itself, or its UTF-8 copy
    delimiter: str
    layout: Layout


class _FileError(Exception):
    pass


def ingest_inbox(
    con: duckdb.DuckDBPyConnection, inbox: Path, progress: Progress | None = None
) -> IngestReport:
    """Every kind of the inbox; layout problems are reported, never fatal."""
    ensure_raw_schema(con)
    scan = scan_inbox(inbox)
    report = IngestReport(problems=list(scan.problems))
    for kind in KINDS:
        report.files.extend(_ingest_files(con, kind, scan.files[kind], progress))
    return report


def ingest_kind(
    con: duckdb.DuckDBPyConnection,
    inbox: Path,
    kind: str,
    progress: Progress | None = None,
    scan: InboxScan | None = None,
) -> list[FileReport]:
    """New files of one kind under `<inbox>/<store>/<kind>/`; already-loaded ones are skipped.

    Pass the `scan` of the inbox when loading several kinds, so the tree is walked once.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    ensure_raw_schema(con)
    scan = scan or scan_inbox(inbox)
    return _ingest_files(con, kind, scan.files[kind], progress)


def _ingest_files(
    con: duckdb.DuckDBPyConnection, kind: str, files: list[InboxFile], progress: Progress | None
) -> list[FileReport]:
    say = progress or (lambda _message: None)
    loaded = ingest_log.loaded_hashes(con, kind)
    errors = ingest_log.logged_errors(con, kind)
    reports: dict[str, FileReport] = {}
    groups: dict[tuple[str, Layout], list[_Ready]] = {}
    with tempfile.TemporaryDirectory(prefix="asw-ingest-") as tmp:
        for n, file in enumerate(files):
            # Hash first: on a nightly run most files are known and need no decoding check.
            try:
                d = digest(file.path)
            except OSError as exc:
                message = f"{file.rel}: cannot be read ({exc.strerror or exc})"
                reports[file.rel] = _error(con, file, Digest("", 0), message, errors, say)
                continue
            # The same file with the same content is known; the same content under another
            # name is another snapshot (a later export identical to an earlier one must
            # still outrank the exports between them).
            if (file.rel, d.sha256) in loaded:
                reports[file.rel] = FileReport(
                    file.rel, kind, file.store_id, "skipped",
                    message=f"{file.rel}: already loaded (same content)",
                    snapshot_at=file.snapshot_at,
                )  # fmt: skip
                continue
            try:
                ready = _prepare(file, d, Path(tmp) / f"{n}.csv")
            except _FileError as exc:
                reports[file.rel] = _error(con, file, d, str(exc), errors, say)
                continue
            groups.setdefault((ready.delimiter, ready.layout), []).append(ready)
        for members in groups.values():
            for batch in _batches(members):
                for report in _load_batch(con, kind, batch, errors, say):
                    reports[report.file] = report
    return [reports[f.rel] for f in files]


def _prepare(file: InboxFile, d: Digest, scratch: Path) -> _Ready:
    read_path = file.path
    try:
        if file.path.suffix.lower() == ".xlsx":
            xlsx_to_csv(file.path, scratch)
            read_path = scratch
        elif not is_utf8(file.path):
            transcode_gb18030(file.path, scratch)
            read_path = scratch
    except (DecodeError, WorkbookError) as exc:
        raise _FileError(f"{file.rel}: {exc}") from None
    except OSError as exc:
        raise _FileError(f"{file.rel}: cannot be read ({exc.strerror or exc})") from None
    if d.size_bytes == 0:
        raise _FileError(f"{file.rel}: empty file")
    try:
        header = read_header(read_path)
    except (csv.Error, OSError) as exc:
        raise _FileError(f"{file.rel}: unreadable header row ({exc})") from None
    if header is None:
        raise _FileError(f"{file.rel}: no header row (the first line is empty)")
    delimiter, fields = header
    try:
        layout = match_header(file.kind, fields)
    except HeaderError as exc:
        raise _FileError(f"{file.rel}: {exc}") from None
    return _Ready(file, d, read_path, delimiter, layout)


def _error(
    con: duckdb.DuckDBPyConnection,
    file: InboxFile,
    d: Digest,
    message: str,
    logged: set[tuple[str, str, str]],
    say: Progress,
) -> FileReport:
    message = " ".join(message.split())  # one line, whatever the cause said
    if (file.store_id, d.sha256, file.rel) not in logged:
        ingest_log.log_error(con, file, d.sha256, d.size_bytes, message)
        logged.add((file.store_id, d.sha256, file.rel))
    say(f"error: {message}")
    return FileReport(
        file.rel, file.kind, file.store_id, "error", message=message, snapshot_at=file.snapshot_at
    )


def _batches(members: list[_Ready]) -> list[list[_Ready]]:
    batches: list[list[_Ready]] = [[]]
    size = 0
    for ready in members:
        if batches[-1] and (
            size + ready.digest.size_bytes > BATCH_BYTES or len(batches[-1]) >= BATCH_FILES
        ):
            batches.append([])
            size = 0
        batches[-1].append(ready)
        size += ready.digest.size_bytes
    return [b for b in batches if b]


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    batch: list[_Ready],
    errors: set[tuple[str, str, str]],
    say: Progress,
) -> list[FileReport]:
    try:
        return _load(con, kind, batch, say)
    except duckdb.Error as exc:
        if len(batch) > 1:
            # One unparseable file fails the shared read: retry alone to name it, load the rest.
            return [r for one in batch for r in _load_batch(con, kind, [one], errors, say)]
        ready = batch[0]
        reason = _duckdb_reason(exc, ready)
        return [_error(con, ready.file, ready.digest, f"{ready.file.rel}: {reason}", errors, say)]
    finally:
        _drop_temp(con)


# DuckDB's CSV errors echo the offending line, which may hold buyer data and may span
# several lines; only these known causes are passed on, never the message's free text.
_KNOWN_CAUSES = (
    ("invalid unicode", "text that is not valid in its encoding"),
    ("maximum line size", "a record longer than the reader's maximum line size"),
    ("unterminated quote", "a quote that is never closed"),
    ("quote", "a misplaced quote"),
    ("expected", "records of irregular shape"),
)


def _duckdb_reason(exc: duckdb.Error, ready: _Ready) -> str:
    """DuckDB's cause in one line, without any of its echo of the file's text."""
    text = str(exc)
    found = re.search(r"CSV Error on Line: (\d+)", text)
    where = f" at file line {found.group(1)}" if found else ""
    lowered = text.lower()
    cause = next((c for key, c in _KNOWN_CAUSES if key in lowered), "the CSV reader gave up")
    return f"unparseable CSV{where}: {cause}"


def _drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("ingest_meta", "ingest_files", "ingest_text", "ingest_typed", "ingest_counts"):
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _load(
    con: duckdb.DuckDBPyConnection, kind: str, batch: list[_Ready], say: Progress
) -> list[FileReport]:
    layout, delimiter = batch[0].layout, batch[0].delimiter
    first_id = ingest_log.next_ingest_id(con)
    paths = [str(r.read_path) for r in batch]
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_meta AS SELECT
             unnest(?) AS path_read, unnest(?) AS rel, unnest(?) AS file_name,
             unnest(?) AS store_id, unnest(?)::BIGINT AS ingest_id,
             unnest(?)::TIMESTAMP AS snapshot_at, unnest(?) AS content_hash,
             unnest(?)::BIGINT AS size_bytes""",
        [
            paths,
            [r.file.rel for r in batch],
            [r.file.file_name for r in batch],
            [r.file.store_id for r in batch],
            list(range(first_id, first_id + len(batch))),
            [r.file.snapshot_at for r in batch],
            [r.digest.sha256 for r in batch],
            [r.digest.size_bytes for r in batch],
        ],
    )
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in staging_columns(layout)) + "}"
    # Every field as text. null_padding with the sentinel nullstr makes padding the only
    # NULL, so non-NULL columns count a record's fields; SPARE columns beyond the header
    # catch records with too many. parallel=false: null_padding cannot be combined with
    # the parallel scanner when a quoted field spans lines. Files are still read one after
    # another in list order, and row_number() OVER () keeps that order (DuckDB's
    # order-preservation guarantee).
    # The reader runs on one thread; typing it in the same pipeline would keep every
    # regex on that thread too, so the text lands in a temp table first and the typing
    # query then runs on every core.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ingest_text AS
            SELECT *, row_number() OVER () AS rn FROM read_csv(
            $paths, header = false, skip = 1, columns = {columns}, auto_detect = false,
            delim = $delim, quote = '"', escape = '"', nullstr = $nullstr, null_padding = true,
            strict_mode = false, parallel = false, filename = true, all_varchar = true)""",
        {"paths": paths, "delim": delimiter, "nullstr": _NULL_SENTINEL},
    )
    cut_off = [
        str(r.read_path)
        for r in batch
        if r.digest.unclosed_quote and r.file.path.suffix.lower() != ".xlsx"
    ]
    if cut_off:
        # The reader takes a never-closed quote to the end of the file and keeps the
        # record; the spec calls it truncated. Dropping its last field makes it the
        # field-count mismatch it is, so it is quarantined without its text.
        con.execute(
            f"""UPDATE temp.ingest_text SET c{layout.width - 1} = NULL
                WHERE (filename, rn) IN (SELECT filename, max(rn) FROM temp.ingest_text
                                         WHERE filename IN (SELECT unnest($cut))
                                         GROUP BY filename)""",
            {"cut": cut_off},
        )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ingest_typed AS "
        + typed_select(kind, layout, delimiter, "SELECT * FROM temp.ingest_text")
    )
    con.execute("DROP TABLE temp.ingest_text")
    # Files are contiguous in reading order: a record's line is rn minus its file's first rn.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_files AS
           SELECT m.*, f.first_rn - 1 AS rn_offset FROM temp.ingest_meta m
           LEFT JOIN (SELECT filename, min(rn) AS first_rn FROM temp.ingest_typed
                      GROUP BY filename) f ON f.filename = m.path_read"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_counts AS
           SELECT filename, count(*) AS rows_read,
                  count(*) FILTER (WHERE reason IS NOT NULL) AS rows_quarantined,
                  min(rn) FILTER (WHERE reason IS NOT NULL) AS first_bad_rn,
                  arg_min(reason, rn) FILTER (WHERE reason IS NOT NULL) AS first_reason
           FROM temp.ingest_typed GROUP BY filename"""
    )
    business = ", ".join(f't."{c.name}"' for c in SPECS[kind])
    loaded_at = datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"""INSERT INTO raw.{kind}
                SELECT m.store_id, m.rel, m.file_name, m.ingest_id, t.rn - m.rn_offset,
                       m.snapshot_at,
                       {business}
                FROM temp.ingest_typed t JOIN temp.ingest_files m ON t.filename = m.path_read
                WHERE t.reason IS NULL"""
        )
        con.execute(
            """INSERT INTO raw.quarantine
                SELECT m.store_id, ?, m.rel, t.rn - m.rn_offset, t.reason, t.raw_line,
                       t.field_count, t.line_hash, m.ingest_id
                FROM temp.ingest_typed t
                JOIN temp.ingest_files m ON t.filename = m.path_read
                WHERE t.reason IS NOT NULL""",
            [kind],
        )
        con.execute(
            """INSERT INTO raw.ingest_log
               SELECT m.ingest_id, m.rel, ?, m.store_id, m.snapshot_at, m.content_hash,
                      m.size_bytes, coalesce(c.rows_read, 0),
                      coalesce(c.rows_read - c.rows_quarantined, 0),
                      coalesce(c.rows_quarantined, 0), ?, 'loaded', NULL
               FROM temp.ingest_meta m LEFT JOIN temp.ingest_counts c
                 ON c.filename = m.path_read""",
            [kind, loaded_at],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    counts = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT c.filename, rows_read, rows_quarantined, first_bad_rn - rn_offset, "
            "first_reason FROM temp.ingest_counts c "
            "JOIN temp.ingest_files m ON c.filename = m.path_read"
        ).fetchall()
    }
    reports = []
    for ready, path in zip(batch, paths, strict=True):
        read, bad, line, reason = counts.get(path, (0, 0, None, None))
        rel = ready.file.rel
        message = (
            f"{rel}: {bad} of {read} rows quarantined, first at line {line}: {reason}"
            if bad
            else ""
        )
        say(f"{rel}: {read} rows read = {read - bad} loaded + {bad} quarantined")
        reports.append(
            FileReport(
                rel,
                kind,
                ready.file.store_id,
                "loaded",
                read,
                read - bad,
                bad,
                message,
                ready.file.snapshot_at,
            )  # fmt: skip
        )
    return reports
