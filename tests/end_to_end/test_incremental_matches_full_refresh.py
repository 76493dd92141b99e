"""Staged order lines are incremental: a nightly build after new exports must give exactly
the marts a full refresh gives on the same loaded data."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from dagster_project.ingest import ensure_raw_schema, ingest_inbox
from tests.conftest import REPO

MARTS = [
    "fct_order_lines",
    "sales_volume_daily",
    "sku_sales_volume",
    "store_health_daily",
    "store_eligibility",
    "store_diagnosis",
]
DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _dbt_build(db: Path, work: Path, *extra: str) -> None:
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "ASW_DUCKDB_PATH": str(db), "DO_NOT_TRACK": "1"}
    done = subprocess.run(
        [str(dbt), "build", "--project-dir", str(REPO / "dbt_models")]
        + ["--profiles-dir", str(REPO / "dbt_models")]
        + ["--target-path", str(work / "target"), "--log-path", str(work / "logs"), *extra],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-4000:]


def _ingest(db: Path, inbox: Path) -> None:
    con = duckdb.connect(str(db))
    try:
        ensure_raw_schema(con)
        ingest_inbox(con, inbox)
    finally:
        con.close()


def test_incremental_build_equals_full_refresh(small_inbox, tmp_path):
    # Yesterday's inbox: every order export but the latest three export dates.
    stamps = sorted(
        {"".join(m.groups()) for p in small_inbox.glob("*/orders/*") if (m := DATE.search(p.name))}
    )
    latest = set(stamps[-3:])
    earlier = tmp_path / "earlier"
    shutil.copytree(small_inbox, earlier)
    for path in earlier.glob("*/orders/*"):
        m = DATE.search(path.name)
        if m and "".join(m.groups()) in latest:
            path.unlink()

    incremental = tmp_path / "incremental.duckdb"
    _ingest(incremental, earlier)
    _dbt_build(incremental, tmp_path / "a")
    _ingest(incremental, small_inbox)  # the new exports arrive
    _dbt_build(incremental, tmp_path / "a")

    full = tmp_path / "full.duckdb"
    shutil.copy(incremental, full)
    _dbt_build(full, tmp_path / "b", "--full-refresh")

    con = duckdb.connect(str(incremental), read_only=True)
    try:
        con.execute(f"attach '{full}' as full_db (read_only)")
        for mart in MARTS:
            n = con.execute(f"select count(*) from marts.{mart}").fetchone()[0]
            assert n > 0 or mart == "store_diagnosis", mart
            for a, b in (("marts", "full_db.marts"), ("full_db.marts", "marts")):
                diff = con.execute(
                    f"select count(*) from (select * from {a}.{mart} except all "
                    f"select * from {b}.{mart})"
                ).fetchone()[0]
                assert diff == 0, f"{mart}: {diff} rows of {a} not in {b}"
    finally:
        con.close()
