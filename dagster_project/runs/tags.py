"""The tags that tell one run from another in the UI's run list."""

from __future__ import annotations

from dagster_project.settings import Settings

# The daemon's run queue limits runs carrying this tag to one at a time (see
# dagster.yaml written by `asw ui`); the run lock inside the job covers `asw run`.
WAREHOUSE_TAG = {"asw/warehouse": "working-db"}
INBOX_TAG = "asw/inbox"
AS_OF_TAG = "asw/as_of"


def run_tags(settings: Settings) -> dict[str, str]:
    """What tells one run from another in the UI's run list: its inbox and as-of day."""
    return {
        INBOX_TAG: str(settings.inbox),
        AS_OF_TAG: settings.as_of.isoformat() if settings.as_of else "latest",
    }
