"""The seller report: static HTML written from a published serving.duckdb (README.md)."""

from dagster_project.report.write import (
    ReportSummary,
    client_report_targets,
    write_report,
    write_reports,
)

__all__ = ["ReportSummary", "client_report_targets", "write_report", "write_reports"]
