"""Dagster definitions by domain; dagster_project/definitions.py collects every module.

- `ingest/`      the raw assets: one per export kind, raw.quarantine, raw.clients
- `transform/`   the dbt project as assets (seeds, staging, intermediate, marts, audit)
- `audit/`       Great Expectations suites as blocking checks
- `publish/`     serving.duckdb and the client files, alert delivery, the seller report
- `automation/`  the nightly job, its schedule and the inbox sensor
- `warehouse.py` the resource every step of the nightly job requires
"""
