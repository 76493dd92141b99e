"""Load inbox files into `raw`: DuckDB's CSV reader, all text, typed and judged in SQL.

Files of one kind that share a header layout are read by a single `read_csv([...])` call,
which keeps the cost per file small (the nightly inbox holds thousands of order files);
small files of simple lines are read as one bundle (`_TypedReader._read_bundled`).
"""

from __future__ import annotations

import csv
import os
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TypeVar

import duckdb

from dagster_project.diskfull import disk_full
from dagster_project.ingest import ingest_log
from dagster_project.ingest.encoding import (
    DecodeError,
    Digest,
    digest,
    has_utf8_text,
    is_utf8,
    transcode_gb18030,
)
from dagster_project.ingest.headers import HeaderError, Layout, match_header, read_header
from dagster_project.ingest.layout import KINDS, InboxFile, InboxScan, scan_inbox
from dagster_project.ingest.repair import repair
from dagster_project.ingest.reports import FileReport, IngestReport
from dagster_project.ingest.schema import ensure_raw_schema
from dagster_project.ingest.specs import SPECS, SQL_TYPES
from dagster_project.ingest.typed_sql import (
    field_count_expr,
    is_wide,
    line_hash_expr,
    staging_columns,
    typed_select,
)
from dagster_project.ingest.xlsx import WorkbookError, xlsx_to_csv

Progress = Callable[[str], None]
T = TypeVar("T")

BATCH_BYTES = 256 << 20  # bounds the staging table's memory
BATCH_FILES = 2000
# Files up to this size are read as one bundle (see _TypedReader): DuckDB's reader costs
# about a millisecond and a half per file, more than reading a small export itself.
BUNDLE_MAX_BYTES = 1 << 20
_GIANT_LINE = 512 << 20  # the longest record read (DuckDB's default stops at 2 MB)
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
    repaired: bool = False  # read_path is the clean copy of repair.py, with markers
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
    mixed = False
    try:
        if file.path.suffix.lower() == ".xlsx":
            notes = xlsx_to_csv(file.path, scratch, file.kind)
            read_path = scratch
        elif not (d.utf8 if d.utf8 is not None else is_utf8(file.path)):
            # One encoding per file, decided only when the whole file is in it: a file
            # with UTF-8 text and other lines is read as UTF-8, its other lines quarantined.
            mixed = has_utf8_text(file.path)
            if not mixed:
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
    # A workbook's CSV is written by csv.writer; the quotes counted were the zip's bytes.
    is_xlsx = file.path.suffix.lower() == ".xlsx"
    repaired = mixed or (d.irregular_quotes and not is_xlsx)
    if repaired:
        # The rare file DuckDB would misread (stray quotes, mixed encodings) is read
        # through a clean copy in which each broken record stands alone.
        clean = scratch.with_suffix(".clean.csv")
        try:
            repair(read_path, clean, delimiter)
        except OSError as exc:
            raise _FileError(f"{file.rel}: cannot be read ({exc.strerror or exc})") from None
        read_path = clean
    notes_of_file = tuple(f"{file.rel}: {n}" for n in notes)
    return _Ready(file, d, read_path, delimiter, layout, repaired=repaired, notes=notes_of_file)


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
    ("maximum line size", f"a record longer than {_GIANT_LINE >> 20} MB"),
    ("unterminated quote", "a quote that is never closed"),
    ("quote should be followed", "a closing quote followed by more text"),
    ("quote", "a misplaced quote"),
    ("expected number of columns", "records of irregular shape"),
    ("expected", "records of irregular shape"),
    ("out of memory", "not enough memory to read it"),
    ("no space left", "no space left on the disk for the reader's temporary files"),
)


def _duckdb_reason(exc: duckdb.Error, ready: _Ready) -> str:
    """DuckDB's cause in one line, without any of its echo of the file's text."""
    text = str(exc)
    lowered = text.lower()
    known = next((c for key, c in _KNOWN_CAUSES if key in lowered), None)
    found = re.search(r"CSV Error on Line: (\d+)", text)
    if found or "csv error" in lowered:
        where = f" at file line {found.group(1)}" if found else ""
        # An unforeseen CSV error: its kind, never its text (which echoes the line).
        cause = known or f"the CSV reader rejected it ({type(exc).__name__})"
        return f"unparseable CSV{where}: {cause}"
    if known:
        return f"cannot be read: {known}"
    # Not a parse error (the database itself, our SQL): its first line, with any quoted text
    # masked in case it echoes a value.
    first = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text.splitlines()[0] if text else "")
    return f"cannot be read: {type(exc).__name__}: {first[:200]}"


def _drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("ingest_meta", "ingest_files", "ingest_text", "ingest_typed", "ingest_counts"):
        con.execute(f"drop table if exists temp.{table}")


# DuckDB's own message when the parallel scanner meets a quoted line break under null_padding.
_NEEDS_SERIAL = "does not support null_padding in conjunction with quoted new lines"
_SERIAL_RETRIES = 3
# DuckDB's words when a record exceeds max_line_size (2 MB by default). Such a file is read
# again alone with this much larger limit; beyond it the file is an error naming the limit.
_LINE_TOO_LONG = "maximum line size"


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
        small: frozenset[str] = frozenset(),
    ) -> None:
        self.con, self.kind, self.layout, self.delimiter = con, kind, layout, delimiter
        self.workbook = workbook
        self.small = small  # files that may be read bundled (_read_bundled)
        # Rows carry a small integer naming their file, not the path text: cheaper to
        # store for tens of millions of rows and to join on.
        self.file_ids = file_ids
        # A wide header is read narrow: the columns it does not need cost the reader nothing.
        self.narrow = is_wide(layout)
        self.columns = "{" + ", ".join(f"'{c}': 'varchar'" for c in staging_columns(layout)) + "}"
        # Declared, not derived from the typed SELECT: planning that SELECT for a header of
        # a thousand columns costs seconds, and it is planned again for the read anyway.
        typed = ", ".join(f'"{c.name}" {SQL_TYPES[c.type]}' for c in SPECS[kind])
        con.execute(
            "create or replace temp table ingest_typed (file_id integer, field_count integer, "
            f"{typed}, reason varchar, raw_line varchar, line_hash varchar)"
        )

    def read(self, paths: list[str], repaired: list[str]) -> None:
        for path in repaired:
            # A clean copy (repair.py): small and rare, read serially with room for giant
            # records; its markers become quarantine rows.
            self.con.execute(
                "insert into temp.ingest_typed "
                + self._typed(self._scan(False, _GIANT_LINE), markers=True),
                self._params([path]),
            )
        skip = set(repaired)
        pending = [p for p in paths if p not in skip]
        bundled = self._read_bundled([p for p in pending if p in self.small])
        self._read_plain([p for p in pending if p not in bundled])
        if self.narrow:
            self._fill_faulty([p for p in paths if p not in skip])

    def _read_bundled(self, paths: list[str]) -> set[str]:
        """Small files read as one: their records, each line prefixed with its file's id, in
        one scratch file that DuckDB reads at the cost of one file. Only files in which every
        line is one record qualify (no quote, no bare carriage return, no blank line): the
        prefix then marks exactly the records the reader would have read from the file.
        Any error reading the bundle leaves its files to the ordinary read, which names the
        culprit. Returns the paths read."""
        if len(paths) < 2:
            return set()
        try:
            fd, name = tempfile.mkstemp(prefix="asw-bundle-", suffix=".csv")  # mode 0600
        except OSError:
            return set()
        try:
            try:
                with os.fdopen(fd, "wb") as out:
                    taken = [p for p in paths if _bundle_into(out, p, self._prefix(p))]
            except OSError:  # no room for the bundle: the ordinary read needs none
                return set()
            if len(taken) < 2:
                return set()
            try:
                self.con.execute(
                    "insert into temp.ingest_typed " + self._typed(self._scan_bundle()),
                    {"bundle": name, "delim": self.delimiter, "nullstr": _NULL_SENTINEL},
                )
            except duckdb.Error as exc:
                if disk_full(exc) is not None:
                    raise
                return set()
            return set(taken)
        finally:
            os.unlink(name)

    def _prefix(self, path: str) -> bytes:
        return f"{self.file_ids[path]}{self.delimiter}".encode()

    def _scan_bundle(self) -> str:
        columns = "{'file_id': 'varchar', " + self.columns[1:]
        return f"""select * replace (file_id::integer as file_id) from read_csv(
            $bundle, header = false, columns = {columns}, auto_detect = false,
            delim = $delim, quote = '"', escape = '"', nullstr = $nullstr, null_padding = true,
            strict_mode = false, parallel = true, all_varchar = true)"""

    def _read_plain(self, pending: list[str]) -> None:
        serial_left = _SERIAL_RETRIES
        while pending:
            parallel = serial_left > 0
            try:
                self._append(pending, parallel=parallel)
                return
            except duckdb.Error as exc:
                culprit = _named_path(exc)
                if culprit not in pending and len(pending) == 1:
                    culprit = pending[0]
                if _LINE_TOO_LONG in str(exc).lower() and culprit in pending:
                    # One giant record (a pasted image, a runaway note): that file alone,
                    # single-threaded, with room for it; the rest stays parallel.
                    self._append([culprit], parallel=False, max_line_size=_GIANT_LINE)
                    pending.remove(culprit)
                    continue
                if not parallel or _NEEDS_SERIAL not in str(exc):
                    raise
                serial_left -= 1
                if culprit in pending and serial_left > 0:
                    self._append([culprit], parallel=False)
                    pending.remove(culprit)

    def _typed(self, source: str, markers: bool = False) -> str:
        narrow = self.narrow and not markers
        return typed_select(
            self.kind, self.layout, self.delimiter, source, markers, narrow, self.workbook
        )

    def _fill_faulty(self, paths: list[str]) -> None:
        """Field count and line hash of the faulty records of a narrow read: those files
        alone are read again in full (serially, so that rowid is the record ordinal)."""
        ids = {n: p for p, n in self.file_ids.items() if p in set(paths)}
        faulty = self.con.execute(
            "select file_id, min(rowid) from temp.ingest_typed where list_contains(?, file_id) "
            "group by file_id having bool_or(reason is not null) order by file_id",
            [list(ids)],
        ).fetchall()
        count, hashed = field_count_expr(self.layout), line_hash_expr(self.layout, self.delimiter)
        for file_id, first in faulty:
            self.con.execute(
                "create or replace temp table ingest_text as " + self._scan(False, _GIANT_LINE),
                self._params([ids[file_id]]),
            )
            self.con.execute(
                f"""update temp.ingest_typed as t set field_count = x.fc, line_hash = x.lh
                    from (select k, {count} as fc, {hashed} as lh
                          from (select rowid as k, * from temp.ingest_text)
                          where k in (select rowid - $first from temp.ingest_typed
                                      where file_id = $id and reason is not null)) x
                    where t.file_id = $id and t.rowid - $first = x.k""",
                {"first": first, "id": file_id},
            )
            self.con.execute("drop table temp.ingest_text")

    def _scan(self, parallel: bool, max_line_size: int | None = None) -> str:
        limit = f", max_line_size = {max_line_size}" if max_line_size else ""
        return f"""select *, $ids[file_index::bigint + 1]::integer as file_id from read_csv(
            $paths, header = false, skip = 1, columns = {self.columns}, auto_detect = false,
            delim = $delim, quote = '"', escape = '"', nullstr = $nullstr, null_padding = true,
            strict_mode = false, parallel = {str(parallel).lower()}, all_varchar = true{limit})"""

    def _params(self, paths: list[str]) -> dict[str, object]:
        return {
            "paths": paths,
            "ids": [self.file_ids[p] for p in paths],
            "delim": self.delimiter,
            "nullstr": _NULL_SENTINEL,
        }

    def _append(
        self, paths: list[str], *, parallel: bool, max_line_size: int | None = None
    ) -> None:
        # A failed statement leaves nothing behind: the table gets all of it or none.
        self.con.execute(
            "insert into temp.ingest_typed " + self._typed(self._scan(parallel, max_line_size)),
            self._params(paths),
        )


def _bundle_into(out: BinaryIO, path: str, prefix: bytes) -> bool:
    """Append the records of `path` (its header line dropped), each line led by `prefix`,
    when every line of it is one record; False (nothing written) otherwise."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as fh:
            data = fh.read(BUNDLE_MAX_BYTES + 1)
    except OSError:
        return False
    if len(data) > BUNDLE_MAX_BYTES or b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return False
    header_end = data.find(b"\n")
    body = data[header_end + 1 :] if header_end >= 0 else b""
    if not body:
        return True  # the header alone: no record
    if not body.endswith(b"\n"):
        body += b"\n"
    if body.startswith((b"\n", b"\r\n")) or b"\n\n" in body or b"\n\r\n" in body:
        return False  # the reader skips a blank line; prefixed, it would be a record
    out.write(prefix + body[:-1].replace(b"\n", b"\n" + prefix) + b"\n")
    return True


def _changed(ready: _Ready) -> bool:
    """Whether the file differs, in size or modification time, from the one hashed."""
    try:
        now = ready.file.path.lstat()
    except OSError:
        return True
    d = ready.digest
    return now.st_size != d.size_bytes or now.st_mtime_ns != d.modified_ns


def _load(
    con: duckdb.DuckDBPyConnection, kind: str, batch: list[_Ready], say: Progress
) -> list[FileReport]:
    layout, delimiter = batch[0].layout, batch[0].delimiter
    first_id = ingest_log.next_ingest_id(con)
    paths = [str(r.read_path) for r in batch]
    con.execute(
        """create or replace temp table ingest_meta as select
             unnest(?)::integer as file_id, unnest(?) as rel, unnest(?) as file_name,
             unnest(?) as store_id, unnest(?)::bigint as ingest_id,
             unnest(?)::timestamp as snapshot_at, unnest(?) as content_hash,
             unnest(?)::bigint as size_bytes, unnest(?)::bigint as modified_ns""",
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
    repaired = [str(r.read_path) for r in batch if r.repaired]
    file_ids = {path: n for n, path in enumerate(paths)}
    # Known from the hash pass: a file with a quote is never bundled, so is never read for it.
    small = frozenset(
        str(r.read_path)
        for r in batch
        if not (r.repaired or r.workbook or r.digest.quoted)
        and r.digest.size_bytes <= BUNDLE_MAX_BYTES
    )
    reader = _TypedReader(con, kind, layout, delimiter, file_ids, batch[0].workbook, small)
    reader.read(paths, repaired)
    # A file still being written (a download in progress, an export appended to) is left
    # for the next run: what was read of it is dropped here, before anything is stored.
    changing = [n for n, r in enumerate(batch) if _changed(r)]
    if changing:
        con.execute("delete from temp.ingest_meta where list_contains(?, file_id)", [changing])
    # A file's records are contiguous in the typed table: a record's line is its rowid
    # minus its file's first rowid, plus one.
    con.execute(
        """create or replace temp table ingest_files as
           select m.*, f.first_rn - 1 as rn_offset from temp.ingest_meta m
           left join (select file_id, min(rowid) as first_rn from temp.ingest_typed
                      group by file_id) f on f.file_id = m.file_id"""
    )
    con.execute(
        """create or replace temp table ingest_counts as
           select file_id, count(*) as rows_read,
                  count(*) filter (where reason is not null) as rows_quarantined,
                  min(rowid) filter (where reason is not null) as first_bad_rn,
                  arg_min(reason, rowid) filter (where reason is not null) as first_reason
           from temp.ingest_typed group by file_id"""
    )
    business = ", ".join(f't."{c.name}"' for c in SPECS[kind])
    loaded_at = datetime.now().replace(microsecond=0)
    con.execute("begin transaction")
    try:
        con.execute(
            # by name: a warehouse made before a column was added has it last
            f"""insert into raw.{kind} by name
                select m.store_id, m.rel as source_file, m.file_name, m.ingest_id,
                       t.rowid - m.rn_offset as line, m.snapshot_at,
                       {business}
                from temp.ingest_typed t join temp.ingest_files m on t.file_id = m.file_id
                where t.reason is null"""
        )
        con.execute(
            """insert into raw.quarantine
                select m.store_id, ?, m.rel, t.rowid - m.rn_offset, t.reason, t.raw_line,
                       t.field_count, t.line_hash, m.ingest_id
                from temp.ingest_typed t
                join temp.ingest_files m on t.file_id = m.file_id
                where t.reason is not null""",
            [kind],
        )
        con.execute(
            """insert into raw.ingest_log
               select m.ingest_id, m.rel, ?, m.store_id, m.snapshot_at, m.content_hash,
                      m.size_bytes, coalesce(c.rows_read, 0),
                      coalesce(c.rows_read - c.rows_quarantined, 0),
                      coalesce(c.rows_quarantined, 0), ?, 'loaded', null, m.modified_ns
               from temp.ingest_meta m left join temp.ingest_counts c
                 on c.file_id = m.file_id""",
            [kind, loaded_at],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    counts = {
        row[0]: row[1:]
        for row in con.execute(
            "select c.file_id, rows_read, rows_quarantined, first_bad_rn - rn_offset, "
            "first_reason from temp.ingest_counts c "
            "join temp.ingest_files m on c.file_id = m.file_id"
        ).fetchall()
    }
    reports = []
    for file_id, ready in enumerate(batch):
        rel = ready.file.rel
        if file_id in changing:
            message = (
                f"{rel}: changed while it was read (size or modification time); "
                "skipped this run, the next run loads it whole"
            )
            say(message)
            reports.append(
                FileReport(
                    rel,
                    kind,
                    ready.file.store_id,
                    "deferred",
                    message=message,
                    snapshot_at=ready.file.snapshot_at,
                )  # fmt: skip
            )
            continue
        read, bad, line, reason = counts.get(file_id, (0, 0, None, None))
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
