"""One asset per export kind: the inbox's new files of that kind, loaded into `raw`."""

import re

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from dagster_project.contract import export_kind
from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.ingest import KINDS, ensure_raw_schema, ingest_kind, ingest_log, scan_inbox
from dagster_project.ingest.clients import load_clients

OWNER = "team:data-platform"


def _ingest_asset(kind: str) -> AssetsDefinition:
    @asset(
        key=AssetKey(["raw", kind]),
        group_name="ingest",
        owners=[OWNER],
        kinds={"duckdb", "csv"},
        description=(
            f"{export_kind(kind).description} Loaded from `<inbox>/<store>/{kind}/` into "
            f"`raw.{kind}`; files already loaded (same content hash) are skipped, bad rows "
            "go to `raw.quarantine`."
        ),
    )
    def _load(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
        settings = warehouse.settings
        settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
        state = warehouse.run
        scan = state.inbox_scan if state is not None else None
        if scan is None:
            scan = scan_inbox(settings.inbox)
            for problem in scan.problems:
                warehouse.say(context, f"  inbox: {problem}")
            if state is not None:
                state.scanned(scan)
        with warehouse.connect() as con:
            ensure_raw_schema(con)
            files = FileProgress(warehouse, kind, _files_to_read(con, kind, scan.files[kind]))
            try:
                reports = ingest_kind(con, settings.inbox, kind, progress=files, scan=scan)
            finally:
                files.close()
            table_rows = con.execute(f"select count(*) from raw.{kind}").fetchone()[0]
        if state is not None:
            state.ingested(reports)
        for report in reports:
            for note in report.notes:
                warehouse.say(context, f"  inbox: {note}")
            if report.status == "error":
                warehouse.say(context, f"  error: {report.message}")
            elif report.status == "deferred":
                warehouse.say(context, f"  {report.message}")
        loaded = [r for r in reports if r.status == "loaded"]
        read = sum(r.rows_read for r in loaded)
        ok = sum(r.rows_loaded for r in loaded)
        bad = sum(r.rows_quarantined for r in loaded)
        warehouse.say(
            context,
            f"  {kind}: {len(loaded)} new file(s), {read} rows read = {ok} loaded + "
            f"{bad} quarantined; {sum(r.status == 'skipped' for r in reports)} already loaded, "
            f"{sum(r.status == 'error' for r in reports)} unreadable",
        )
        return MaterializeResult(
            metadata={
                "files_loaded": len(loaded),
                "files_skipped": sum(r.status == "skipped" for r in reports),
                "files_unreadable": sum(r.status == "error" for r in reports),
                "rows_read": read,
                "rows_loaded": ok,
                "rows_quarantined": bad,
                "table_rows": table_rows,
                "files": MetadataValue.md(_file_table(loaded)),
                "unreadable_files": MetadataValue.md(
                    "\n".join(f"- {r.message}" for r in reports if r.status == "error") or "none"
                ),
            }
        )

    return _load


def _files_to_read(con: duckdb.DuckDBPyConnection, kind: str, files: list) -> int:
    """Files the loader will read: all but those loaded before with the same size and
    modification time (skipped unread), so a nightly run's progress counts its new files."""
    try:
        unchanged = ingest_log.loaded_stats(con, kind)
    except duckdb.Error:
        return len(files)
    count = 0
    for file in files:
        try:
            stat = file.path.stat()
        except OSError:
            count += 1
            continue
        count += (file.rel, stat.st_size, stat.st_mtime_ns) not in unchanged
    return count


class FileProgress:
    """The loader's per-file lines as files n/N and rows so far on one progress line; the
    lines themselves are printed only with --verbose."""

    # "<file>: 120 rows read = 118 loaded + 2 quarantined" (loader.py)
    _ROWS = re.compile(r": (\d+) rows read = ")

    def __init__(self, warehouse: WarehouseResource, kind: str, files: int) -> None:
        self.warehouse = warehouse
        self.files = files
        self.done = self.rows = 0
        self.step = warehouse.step(f"ingest {kind}", files) if files else None

    def __call__(self, message: str) -> None:
        self.warehouse.detail(f"  {message}")
        self.done += 1
        match = self._ROWS.search(message)
        if match:
            self.rows += int(match.group(1))
        if self.step is not None:
            self.step.update(min(self.done, self.files), f"{self.rows:,} rows")

    def close(self) -> None:
        if self.step is not None:
            # Files skipped as already loaded say nothing: the step is complete all the same.
            self.step.update(self.files, f"{self.rows:,} rows")
            self.step.close()


def _file_table(loaded: list, limit: int = 100) -> str:
    """The files with the most quarantined rows first, capped: big inboxes have thousands."""
    rows = sorted(loaded, key=lambda r: (-r.rows_quarantined, r.file))[:limit]
    lines = ["| file | read | loaded | quarantined |", "|---|---|---|---|"]
    lines += [
        f"| {r.file} | {r.rows_read} | {r.rows_loaded} | {r.rows_quarantined} |" for r in rows
    ]
    if len(loaded) > limit:
        lines.append(f"| … {len(loaded) - limit} more | | | |")
    return "\n".join(lines) if rows else "no new file"


ingest_assets = [_ingest_asset(kind) for kind in KINDS]


@asset(
    key=AssetKey(["raw", "quarantine"]),
    group_name="ingest",
    owners=[OWNER],
    kinds={"duckdb"},
    deps=[a.key for a in ingest_assets],
    description=(
        "Rows of any export that failed an ingest rule, with file, line, reason and the raw "
        "line (recognised columns only). Rows read = rows loaded + rows quarantined per file."
    ),
)
def raw_quarantine(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    with warehouse.connect() as con:
        ensure_raw_schema(con)
        by_reason = con.execute(
            "select reason, count(*) from raw.quarantine group by reason order by 2 desc"
        ).fetchall()
    total = sum(n for _, n in by_reason)
    return MaterializeResult(
        metadata={
            "rows": total,
            "by_reason": MetadataValue.md(
                "\n".join(f"- `{reason}`: {n}" for reason, n in by_reason) or "none"
            ),
        }
    )


@asset(
    key=AssetKey(["raw", "clients"]),
    group_name="ingest",
    owners=[OWNER],
    kinds={"duckdb", "csv"},
    description=(
        "An agency's clients.csv (`<inbox>/clients.csv`, `--clients`, `ASW_CLIENTS`): which "
        "client each store belongs to, with its alert channels and language. Read whole on "
        "every run into `raw.clients`, each line with its error (NULL when valid)."
    ),
)
def raw_clients(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    settings = warehouse.settings
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    state = warehouse.run
    with warehouse.connect() as con:
        problems = load_clients(con, settings.clients_file, settings.inbox)
        lines, clients, valid = con.execute(
            "select count(*), count(distinct client_id) filter (where error is null), "
            "count(*) filter (where error is null) from raw.clients"
        ).fetchone()
    for problem in problems:
        warehouse.say(context, f"  clients: {problem}")
        if state is not None:
            state.problem(problem)
    if lines:
        warehouse.say(
            context, f"  clients: {lines} line(s), {valid} valid, {len(problems)} in error"
        )
    return MaterializeResult(
        metadata={
            "lines": lines,
            "lines_in_error": len(problems),
            "clients_with_a_valid_line": clients,
            "errors": MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none"),
        }
    )
