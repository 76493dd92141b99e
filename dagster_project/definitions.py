"""Assembles the warehouse's Dagster definitions; everything it names lives in `defs/`."""

from dagster import Definitions

from dagster_project.defs.alert_assets import alert_delivery
from dagster_project.defs.audit_checks import great_expectations_audit
from dagster_project.defs.dbt_assets import dbt_models, dbt_resource
from dagster_project.defs.ingest_assets import ingest_assets, raw_clients, raw_quarantine
from dagster_project.defs.jobs import nightly_job
from dagster_project.defs.publish_assets import serving_db
from dagster_project.defs.report_assets import seller_report
from dagster_project.defs.schedules import nightly_schedule
from dagster_project.defs.sensors import inbox_sensor
from dagster_project.defs.warehouse import WarehouseResource
from dagster_project.settings import quiet_telemetry

quiet_telemetry()

defs = Definitions(
    assets=[
        *ingest_assets,
        raw_quarantine,
        raw_clients,
        dbt_models,
        serving_db,
        alert_delivery,
        seller_report,
    ],
    asset_checks=[great_expectations_audit],
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[inbox_sensor],
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
)
