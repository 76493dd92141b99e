"""The seller report: static HTML written from the file the run just published."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from dagster_project.defs.warehouse import WarehouseResource

OWNER = "team:data-platform"


@asset(
    key=AssetKey(["publish", "seller_report"]),
    group_name="publish",
    owners=[OWNER],
    kinds={"html"},
    deps=[AssetKey(["publish", "serving_db"])],
    description=(
        "The seller report: `report/index.html` (one row per store) and a page per store, "
        "written from `serving.duckdb` alone after every publish, in Chinese and English, "
        "opening offline; and `clients/<client_id>/report/` from each client's file."
    ),
)
def seller_report(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    from dagster_project.report import write_reports

    written = write_reports(warehouse.settings.warehouse_dir)
    agency = written[0][1]
    if warehouse.run is not None:
        warehouse.run.reported(agency.index)
    warehouse.say(
        context,
        f"report: {agency.pages:,} pages, {agency.bytes:,} bytes in {agency.seconds:.1f} s"
        + (f", and {len(written) - 1} client reports" if len(written) > 1 else "")
        + ("" if agency.charts else "; no charts: run scripts/setup.sh with npm to add them"),
    )
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(agency.index)),
            "pages": agency.pages,
            "bytes": agency.bytes,
            "stores": agency.stores,
            "lang": agency.lang,
            "seconds": round(agency.seconds, 2),
            "charts": agency.charts,
            "client_reports": MetadataValue.json(
                {client: str(summary.index) for client, summary in written[1:]}
            ),
        }
    )
