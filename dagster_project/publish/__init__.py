"""Write, audit, publish: record every run and swap serving.duckdb in atomically."""

from dagster_project.publish.publish import SERVING_DB, WORKING_DB, publish
from dagster_project.publish.records import CheckRow, PublishResult, RunRecord

__all__ = ["SERVING_DB", "WORKING_DB", "CheckRow", "PublishResult", "RunRecord", "publish"]
