"""One asset per export kind: the inbox's new files of that kind, loaded into `raw`."""

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from dagster_project.defs.warehouse import RUNS, WarehouseResource
from dagster_project.ingest import KINDS, ensure_raw_schema, ingest_kind, scan_inbox

OWNER = "team:data-platform"

_KIND_DESCRIPTIONS = {
    "orders": "Order lines of every order export (one row per file line), typed, with lineage.",
    "listings": "SKU catalogue snapshots: listed and delisted dates per SKU.",
    "dsr": "Daily detailed seller ratings (description, communication, shipping).",
    "traffic": "SKU daily funnel: visitors, add-to-cart users, paying buyers.",
    "reviews": "Buyer reviews: order, time and rating.",
    "store": "Store master data: name, opening day, main category.",
}


def _ingest_asset(kind: str) -> AssetsDefinition:
    @asset(
        key=AssetKey(["raw", kind]),
        group_name="ingest",
        owners=[OWNER],
        kinds={"duckdb", "csv"},
        description=(
            f"{_KIND_DESCRIPTIONS[kind]} Loaded from `<inbox>/<store>/{kind}/` into "
            f"`raw.{kind}`; files already loaded (same content hash) are skipped, bad rows "
            "go to `raw.quarantine`."
        ),
    )
    def _load(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
        settings = warehouse.settings
        settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
        state = RUNS.get(context.run.run_id)
        scan = state.inbox_scan if state is not None else None
        if scan is None:
            scan = scan_inbox(settings.inbox)
            for problem in scan.problems:
                warehouse.say(context, f"  inbox: {problem}")
            if state is not None:
                state.inbox_scan = scan
                state.ingest_problems.extend(scan.problems)
        with warehouse.connect() as con:
            ensure_raw_schema(con)
            reports = ingest_kind(con, settings.inbox, kind, progress=warehouse.detail, scan=scan)
            table_rows = con.execute(f"select count(*) from raw.{kind}").fetchone()[0]
        if state is not None:
            state.ingest_files.extend(reports)
        for report in reports:
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
