"""A night with nothing new: when the marts would come out as they are, nothing is rebuilt.

The marts are a function of the loaded exports, the dbt project (models, macros, seeds:
the thresholds among them), the code that audits and publishes them, the as-of flag,
clients.csv and the engine. A run that published writes a fingerprint of all of these to
`<warehouse>/build_fingerprint.json`; the next run compares its own, taken after ingest,
before dbt starts. Equal means the build, the audit, the publish of the marts and the
report would reproduce what is published, so they are skipped and the run log says why
(docs/ARCHITECTURE.md, "A night with no new file"). Any run that does not publish removes
the file, so the night after a failure always rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

import duckdb

from dagster_project.settings import Settings

FINGERPRINT_FILE = "build_fingerprint.json"
# The parts of the dbt project that can change what it builds (not target/ or logs/).
_DBT_PARTS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
_DBT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "selectors.yml")
# Engines and libraries whose upgrade may change a mart's bytes or a check's verdict.
_DISTRIBUTIONS = ("duckdb", "dbt-core", "dbt-duckdb", "dbt-spark", "great-expectations")
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def fingerprint(settings: Settings, con: duckdb.DuckDBPyConnection) -> str:
    """Everything the marts are built from, as one hash (read after ingest)."""
    from dagster_project.dbt_project import dbt_project_dir

    digest = hashlib.sha256()
    project = dbt_project_dir()
    files = [(project, project / name) for name in _DBT_FILES]
    for part in _DBT_PARTS:
        files += [(project, path) for path in sorted((project / part).rglob("*"))]
    for package in (_PACKAGE_DIR, _PACKAGE_DIR.parent / "expectations"):
        files += [(package, path) for path in sorted(package.rglob("*.py"))]
    for root, path in files:
        if path.is_file():
            name = path.relative_to(root).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _DISTRIBUTIONS:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    clients = settings.clients_file
    digest.update(clients.read_bytes() if clients.is_file() else b"no clients.csv")
    as_of = settings.as_of.isoformat() if settings.as_of else "latest"
    digest.update(f"\0engine={settings.engine}\0as_of={as_of}\0".encode())
    # Every load or failed load adds a row: an unchanged log means no new file.
    loads = con.execute("select count(*), max(ingest_id) from raw.ingest_log").fetchone()
    digest.update(f"loads={loads[0]}:{loads[1]}".encode())
    return digest.hexdigest()


def unchanged_since(settings: Settings, current: str) -> dict | None:
    """The last published run (run_id, finished_at, as_of) when nothing changed since it."""
    path = settings.warehouse_dir / FINGERPRINT_FILE
    try:
        last = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict) or last.get("fingerprint") != current:
        return None
    if not settings.serving_db.exists():
        return None
    return last


def remember(settings: Settings, run_id: str, current: str, as_of: date | None) -> None:
    """After a publish: what the next run compares with (nothing, when the run took none)."""
    path = settings.warehouse_dir / FINGERPRINT_FILE
    if not current:
        path.unlink(missing_ok=True)
        return
    text = json.dumps(
        {
            "fingerprint": current,
            "run_id": run_id,
            "finished_at": datetime.now().isoformat(timespec="seconds"),
            "as_of": as_of.isoformat() if as_of else None,
        }
    )
    temp = path.with_name(path.name + ".tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)


def forget(settings: Settings) -> None:
    """Before a build and after a failure: the next run must not skip on the old state."""
    (settings.warehouse_dir / FINGERPRINT_FILE).unlink(missing_ok=True)


def reason(last: dict) -> str:
    """The run log's note for a night that rebuilt nothing."""
    return (
        f"nothing rebuilt: no new file and no change to the dbt project, seeds, code, as-of, "
        f"clients.csv or engine since run {last['run_id']} (finished {last['finished_at']}); "
        "the marts are that run's"
    )
