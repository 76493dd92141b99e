"""Start the nightly job early when new exports land in the inbox.

The sensor never opens the working database (a running job holds it): it
compares the inbox's content hashes with the published `audit.ingest_log` and
with its own cursor, the hashes it has already asked a run for.
"""

import hashlib
import json
from pathlib import Path

import duckdb
from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from dagster_project.defs.automation.jobs import nightly_job
from dagster_project.ingest import inbox_fingerprints
from dagster_project.runs.tags import run_tags
from dagster_project.settings import Settings


def published_hashes(serving_db: Path) -> set[str]:
    """Content hashes the last published run had loaded; empty before the first publish."""
    if not serving_db.exists():
        return set()
    try:
        con = duckdb.connect(str(serving_db), read_only=True)
    except duckdb.Error:
        return set()
    try:
        rows = con.execute("select distinct content_hash from audit.ingest_log").fetchall()
    except duckdb.Error:
        rows = []
    finally:
        con.close()
    return {row[0] for row in rows}


def new_files(inbox: Path, known: set[str]) -> dict[str, str]:
    """Inbox files (relative path → hash) whose content nobody has loaded or asked for yet."""
    if not inbox.exists():
        return {}
    return {
        path: digest for path, digest in inbox_fingerprints(inbox).items() if digest not in known
    }


def run_key(hashes: set[str]) -> str:
    """The same set of new files always maps to the same key, so it starts one run at most."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()[:32]


@sensor(
    name="inbox_sensor",
    job=nightly_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Requests a nightly run when files with a new content hash appear in the inbox.",
)
def inbox_sensor(context: SensorEvaluationContext) -> SensorResult | SkipReason:
    settings = Settings.resolve()
    requested = set(json.loads(context.cursor)) if context.cursor else set()
    published = published_hashes(settings.serving_db)
    fresh = new_files(settings.inbox, requested | published)
    if not fresh:
        return SkipReason(f"no new files in {settings.inbox}")
    hashes = set(fresh.values())
    # Once published, a hash is known from the ingest log: the cursor keeps only the rest.
    pending = (requested | hashes) - published
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=run_key(hashes),
                tags={**run_tags(settings), "asw/new_files": str(len(fresh))},
            )
        ],
        cursor=json.dumps(sorted(pending)),
    )
