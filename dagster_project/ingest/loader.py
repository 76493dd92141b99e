"""Load inbox files into `raw`: DuckDB's CSV reader, all text, typed and judged in SQL.

Files of one kind that share a header layout are read by a single `read_csv([...])` call,
which keeps the cost per file small (the nightly inbox holds thousands of order files).
"""

from __future__ import annotations

import csv
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from dagster_project.diskfull import disk_full
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
T = TypeVar("T")

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
    notes: tuple[str, ...] = ()

    @property
    def workbook(self) -> bool:
        return self.file.path.suffix.lower() == ".xlsx"


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
    report.problems.extend(note for f in report.files for note in f.notes)
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
    unchanged = ingest_log.loaded_stats(con, kind)
    errors = ingest_log.logged_errors(con, kind)
    reports: dict[str, FileReport] = {}
    with tempfile.TemporaryDirectory(prefix="asw-ingest-") as tmp:
        # Hashing and decoding checks run in a thread while DuckDB loads the batches
        # already prepared: the next batch is ready when the last one is committed.
        # closing() stops that thread before the scratch folder goes, even on an error.
        prepared = _in_background(lambda: _prepared(files, loaded, unchanged, Path(tmp)))
        with closing(prepared) as items:
            for item in items:
                _take(con, kind, item, reports, errors, say)
    return [reports[f.rel] for f in files]


def _take(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    item: FileReport | _Failed | list[_Ready],
    reports: dict[str, FileReport],
    errors: set[tuple[str, str, str]],
    say: Progress,
) -> None:
    if isinstance(item, FileReport):
        reports[item.file] = item
    elif isinstance(item, _Failed):
        reports[item.file.rel] = _error(con, item.file, item.digest, item.message, errors, say)
    else:
        for report in _load_batch(con, kind, item, errors, say):
            reports[report.file] = report


@dataclass
class _Failed:
    file: InboxFile
    digest: Digest
    message: str


def _prepared(
    files: list[InboxFile],
    loaded: set[tuple[str, str]],
    unchanged: set[tuple[str, int, int]],
    tmp: Path,
) -> Iterator[FileReport | _Failed | list[_Ready]]:
    """Skips, file errors and batches of files ready to load, as the files are checked."""
    groups: dict[tuple[str, Layout, bool], list[_Ready]] = {}
    sizes: dict[tuple[str, Layout, bool], int] = {}
    for n, file in enumerate(files):
        # A loaded file of unchanged size and modification time is not read at all, so a
        # nightly run costs what the new files cost, whatever the size of the history.
        # Otherwise hash first: most known files then need no decoding check.
        try:
            stat = file.path.stat()
            known = (file.rel, stat.st_size, stat.st_mtime_ns) in unchanged
            d = Digest("", stat.st_size) if known else digest(file.path)
        except OSError as exc:
            message = f"{file.rel}: cannot be read ({exc.strerror or exc})"
            yield _Failed(file, Digest("", 0), message)
            continue
        # The same file with the same content is known; the same content under another
        # name is another snapshot (a later export identical to an earlier one must
        # still outrank the exports between them).
        if known or (file.rel, d.sha256) in loaded:
            yield FileReport(
                file.rel, file.kind, file.store_id, "skipped",
                message=f"{file.rel}: already loaded (same content)",
                snapshot_at=file.snapshot_at,
            )  # fmt: skip
            continue
        try:
            ready = _prepare(file, d, tmp / f"{n}.csv")
        except _FileError as exc:
            yield _Failed(file, d, str(exc))
            continue
        key = (ready.delimiter, ready.layout, ready.workbook)
        if key in groups and (
            sizes[key] + d.size_bytes > BATCH_BYTES or len(groups[key]) >= BATCH_FILES
        ):
            yield groups.pop(key)
            sizes[key] = 0
        groups.setdefault(key, []).append(ready)
        sizes[key] = sizes.get(key, 0) + d.size_bytes
    yield from groups.values()


def _in_background(produce: Callable[[], Iterator[T]], ahead: int = 2) -> Iterator[T]:
    """The items of `produce()`, computed in a thread at most `ahead` items in advance."""
    items: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def run() -> None:
        try:
            for item in produce():
                while not stop.is_set():
                    try:
                        items.put(("item", item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            items.put(("done", None))
        except BaseException as exc:  # re-raised in the consuming thread
            items.put(("error", exc))

    worker = threading.Thread(target=run, name="asw-ingest-prepare", daemon=True)
    worker.start()
    try:
        while True:
            tag, value = items.get()
            if tag == "done":
                return
            if tag == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()


def _prepare(file: InboxFile, d: Digest, scratch: Path) -> _Ready:
    read_path = file.path
    notes: list[str] = []
    try:
        if file.path.suffix.lower() == ".xlsx":
            notes = xlsx_to_csv(file.path, scratch, file.kind)
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
    return _Ready(file, d, read_path, delimiter, layout, tuple(f"{file.rel}: {n}" for n in notes))


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
        ingest_log.log_error(con, file, d.sha256, d.size_bytes, message, d.modified_ns)
        logged.add((file.store_id, d.sha256, file.rel))
    say(f"error: {message}")
    return FileReport(
        file.rel, file.kind, file.store_id, "error", message=message, snapshot_at=file.snapshot_at
    )


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    batch: list[_Ready],
    errors: set[tuple[str, str, str]],
    say: Progress,
) -> list[FileReport]:
    reports: list[FileReport] = []
    pending = list(batch)
    while pending:
        try:
            return reports + _load(con, kind, pending, say)
        except duckdb.Error as exc:
            full = disk_full(exc)
            if full is not None:
                raise full from None  # the disk, not a file: the step fails and says so
            if len(pending) == 1:
                ready = pending[0]
                reason = _duckdb_reason(exc, ready)
                message = f"{ready.file.rel}: {reason}"
                return reports + [_error(con, ready.file, ready.digest, message, errors, say)]
            # One unparseable file fails the shared read. DuckDB names it: report it alone
            # and load the rest. Without a name, halve the batch until the file is alone.
            culprit = _named_file(exc, pending)
            if culprit is None:
                half = len(pending) // 2
                reports += _load_batch(con, kind, pending[:half], errors, say)
                pending = pending[half:]
            else:
                reports += _load_batch(con, kind, [culprit], errors, say)
                pending.remove(culprit)
        finally:
            _drop_temp(con)
    return reports


def _named_path(exc: duckdb.Error) -> str | None:
    """The file a DuckDB CSV error is about: its option dump has a `file = <path>` line."""
    named = re.search(r"^\s*file = (.*)$", str(exc), re.MULTILINE)
    return named.group(1).strip() if named else None


def _named_file(exc: duckdb.Error, batch: list[_Ready]) -> _Ready | None:
    path = _named_path(exc)
    return next((r for r in batch if str(r.read_path) == path), None)


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


# DuckDB's own message when the parallel scanner meets a quoted line break under null_padding.
_NEEDS_SERIAL = "does not support null_padding in conjunction with quoted new lines"
_SERIAL_RETRIES = 3


class _TypedReader:
    """Reads files of one layout into temp.ingest_typed: every record typed and judged, each
    file's records contiguous and in file order, so that rowid gives the record ordinal.

    Every field is read as text. null_padding with the sentinel nullstr makes padding the
    only NULL, so non-NULL columns count a record's fields; SPARE columns beyond the header
    catch records with too many. The parallel scanner reads and types on every core but
    refuses null_padding once it splits a file with a quoted field spanning lines: such a
    file is read alone by the serial scanner (the error names it) and the rest is retried
    in parallel; after a few such files the rest of the batch is read serially rather than
    rescanned again.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        kind: str,
        layout: Layout,
        delimiter: str,
        file_ids: dict[str, int],
        workbook: bool = False,
    ) -> None:
        self.con, self.kind, self.layout, self.delimiter = con, kind, layout, delimiter
        self.workbook = workbook
        # Rows carry a small integer naming their file, not the path text: cheaper to
        # store for tens of millions of rows and to join on.
        self.file_ids = file_ids
        self.columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in staging_columns(layout)) + "}"
        empty = ", ".join(f"NULL::VARCHAR AS {c}" for c in staging_columns(layout))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE ingest_typed AS SELECT * FROM ("
            + self._typed(f"SELECT {empty}, NULL::INTEGER AS file_id")
            + ") LIMIT 0"
        )

    def read(self, paths: list[str], cut_off: list[str]) -> None:
        for path in cut_off:
            self._read_cut_off(path)
        skip = set(cut_off)
        pending = [p for p in paths if p not in skip]
        serial_left = _SERIAL_RETRIES
        while pending:
            parallel = serial_left > 0
            try:
                self._append(pending, parallel=parallel)
                return
            except duckdb.Error as exc:
                if not parallel or _NEEDS_SERIAL not in str(exc):
                    raise
                culprit = _named_path(exc)
                serial_left -= 1
                if culprit in pending and serial_left > 0:
                    self._append([culprit], parallel=False)
                    pending.remove(culprit)

    def _typed(self, source: str) -> str:
        return typed_select(self.kind, self.layout, self.delimiter, source, self.workbook)

    def _scan(self, parallel: bool) -> str:
        return f"""SELECT *, $ids[file_index::BIGINT + 1]::INTEGER AS file_id FROM read_csv(
            $paths, header = false, skip = 1, columns = {self.columns}, auto_detect = false,
            delim = $delim, quote = '"', escape = '"', nullstr = $nullstr, null_padding = true,
            strict_mode = false, parallel = {str(parallel).lower()}, all_varchar = true)"""

    def _params(self, paths: list[str]) -> dict[str, object]:
        return {
            "paths": paths,
            "ids": [self.file_ids[p] for p in paths],
            "delim": self.delimiter,
            "nullstr": _NULL_SENTINEL,
        }

    def _append(self, paths: list[str], *, parallel: bool) -> None:
        # A failed statement leaves nothing behind: the table gets all of it or none.
        self.con.execute(
            "INSERT INTO temp.ingest_typed " + self._typed(self._scan(parallel)),
            self._params(paths),
        )

    def _read_cut_off(self, path: str) -> None:
        # The serial reader takes a never-closed quote to the end of the file and keeps the
        # record; the spec calls it truncated. Dropping its last field makes it the
        # field-count mismatch it is, so it is quarantined without its text.
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE ingest_text AS " + self._scan(parallel=False),
            self._params([path]),
        )
        self.con.execute(
            f"""UPDATE temp.ingest_text SET c{self.layout.width - 1} = NULL
                WHERE rowid = (SELECT max(rowid) FROM temp.ingest_text)"""
        )
        self.con.execute(
            "INSERT INTO temp.ingest_typed "
            + self._typed("SELECT * FROM temp.ingest_text ORDER BY rowid")
        )
        self.con.execute("DROP TABLE temp.ingest_text")


def _load(
    con: duckdb.DuckDBPyConnection, kind: str, batch: list[_Ready], say: Progress
) -> list[FileReport]:
    layout, delimiter = batch[0].layout, batch[0].delimiter
    first_id = ingest_log.next_ingest_id(con)
    paths = [str(r.read_path) for r in batch]
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_meta AS SELECT
             unnest(?)::INTEGER AS file_id, unnest(?) AS rel, unnest(?) AS file_name,
             unnest(?) AS store_id, unnest(?)::BIGINT AS ingest_id,
             unnest(?)::TIMESTAMP AS snapshot_at, unnest(?) AS content_hash,
             unnest(?)::BIGINT AS size_bytes, unnest(?)::BIGINT AS modified_ns""",
        [
            list(range(len(batch))),
            [r.file.rel for r in batch],
            [r.file.file_name for r in batch],
            [r.file.store_id for r in batch],
            list(range(first_id, first_id + len(batch))),
            [r.file.snapshot_at for r in batch],
            [r.digest.sha256 for r in batch],
            [r.digest.size_bytes for r in batch],
            [r.digest.modified_ns for r in batch],
        ],
    )
    cut_off = [
        str(r.read_path)
        for r in batch
        if r.digest.unclosed_quote and r.file.path.suffix.lower() != ".xlsx"
    ]
    file_ids = {path: n for n, path in enumerate(paths)}
    _TypedReader(con, kind, layout, delimiter, file_ids, batch[0].workbook).read(paths, cut_off)
    # A file's records are contiguous in the typed table: a record's line is its rowid
    # minus its file's first rowid, plus one.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_files AS
           SELECT m.*, f.first_rn - 1 AS rn_offset FROM temp.ingest_meta m
           LEFT JOIN (SELECT file_id, min(rowid) AS first_rn FROM temp.ingest_typed
                      GROUP BY file_id) f ON f.file_id = m.file_id"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE ingest_counts AS
           SELECT file_id, count(*) AS rows_read,
                  count(*) FILTER (WHERE reason IS NOT NULL) AS rows_quarantined,
                  min(rowid) FILTER (WHERE reason IS NOT NULL) AS first_bad_rn,
                  arg_min(reason, rowid) FILTER (WHERE reason IS NOT NULL) AS first_reason
           FROM temp.ingest_typed GROUP BY file_id"""
    )
    business = ", ".join(f't."{c.name}"' for c in SPECS[kind])
    loaded_at = datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            # by name: a warehouse made before a column was added has it last
            f"""INSERT INTO raw.{kind} BY NAME
                SELECT m.store_id, m.rel AS source_file, m.file_name, m.ingest_id,
                       t.rowid - m.rn_offset AS line, m.snapshot_at,
                       {business}
                FROM temp.ingest_typed t JOIN temp.ingest_files m ON t.file_id = m.file_id
                WHERE t.reason IS NULL"""
        )
        con.execute(
            """INSERT INTO raw.quarantine
                SELECT m.store_id, ?, m.rel, t.rowid - m.rn_offset, t.reason, t.raw_line,
                       t.field_count, t.line_hash, m.ingest_id
                FROM temp.ingest_typed t
                JOIN temp.ingest_files m ON t.file_id = m.file_id
                WHERE t.reason IS NOT NULL""",
            [kind],
        )
        con.execute(
            """INSERT INTO raw.ingest_log
               SELECT m.ingest_id, m.rel, ?, m.store_id, m.snapshot_at, m.content_hash,
                      m.size_bytes, coalesce(c.rows_read, 0),
                      coalesce(c.rows_read - c.rows_quarantined, 0),
                      coalesce(c.rows_quarantined, 0), ?, 'loaded', NULL, m.modified_ns
               FROM temp.ingest_meta m LEFT JOIN temp.ingest_counts c
                 ON c.file_id = m.file_id""",
            [kind, loaded_at],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    counts = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT c.file_id, rows_read, rows_quarantined, first_bad_rn - rn_offset, "
            "first_reason FROM temp.ingest_counts c "
            "JOIN temp.ingest_files m ON c.file_id = m.file_id"
        ).fetchall()
    }
    reports = []
    for file_id, ready in enumerate(batch):
        read, bad, line, reason = counts.get(file_id, (0, 0, None, None))
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
                ready.notes,
            )  # fmt: skip
        )
    return reports
