"""A BI-tool stand-in, run in its own process: open serving.duckdb read-only, read, close,
again and again, and report every error and every inconsistent version it sees."""

from multiprocessing.synchronize import Event
from pathlib import Path
from queue import Queue

import duckdb


def poll(serving: Path, ready: Event, stop: Event, report: Queue) -> None:
    reads, errors, versions = 0, [], set()
    while not stop.is_set():
        try:
            con = duckdb.connect(str(serving), read_only=True)
            try:
                published = con.execute(
                    "select run_id from audit.run_log where outcome = 'published' "
                    "order by started_at desc limit 1"
                ).fetchone()[0]
                marker = con.execute("select run_id from marts.publish_marker").fetchone()[0]
                rows = con.execute("select count(*) from marts.fct_order_lines").fetchone()[0]
            finally:
                con.close()
            if marker != published or rows != 6:
                errors.append(f"mixed version: marts of {marker}, run log says {published}")
            versions.add(published)
            reads += 1
            ready.set()
        except Exception as error:  # noqa: BLE001 - every failure is what the test looks for
            errors.append(f"{type(error).__name__}: {error}")
    report.put((reads, errors, sorted(versions)))
