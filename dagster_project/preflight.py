"""Mistakes a run can see before it starts, each told in one line.

A run over a missing inbox would publish empty marts, and a warehouse path that is a file
would end in a traceback; both are refused here, before the run lock, Dagster or dbt are
touched. Nothing here reads a file's contents: the inbox is walked, the working database
is opened read-only for one count.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.ingest import KINDS, scan_inbox
from dagster_project.settings import Settings

LAYOUT = "<inbox>/<store_id>/<kind>/*.csv or *.xlsx, <kind> one of " + ", ".join(KINDS)


def warehouse_problem(folder: Path, create: bool = True) -> str | None:
    """Why the warehouse folder cannot be used (a file in its place), else None; made
    when `create`."""
    for path in (folder, *folder.parents):
        if path.exists() and not path.is_dir():
            where = "is a file" if path == folder else f"is inside {path}, a file"
            return f"warehouse {folder} {where}, not a folder; pass another --warehouse"
        if path.exists():
            break
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"warehouse {folder} cannot be created: {exc.strerror or exc}"
    return None


def _found(inbox: Path) -> str:
    names = sorted(p.name + ("/" if p.is_dir() else "") for p in inbox.iterdir())
    if not names:
        return "it is empty"
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"found {shown}"


def has_history(working_db: Path) -> bool | None:
    """Whether the working database holds loaded exports; None when it cannot tell
    (say another run holds it: the run lock will say so)."""
    if not working_db.is_file():
        return False
    try:
        con = duckdb.connect(str(working_db), read_only=True)
    except duckdb.Error:
        return None
    try:
        return bool(
            con.execute("select count(*) from raw.ingest_log where status = 'loaded'").fetchone()[0]
        )
    except duckdb.Error:
        return False
    finally:
        con.close()


def _kind_folders(inbox: Path) -> int:
    return sum(
        1
        for store in inbox.iterdir()
        if store.is_dir() and not store.name.startswith(".")
        for kind in store.iterdir()
        if kind.is_dir() and kind.name in KINDS
    )


def preflight(settings: Settings) -> str | None:
    """The one-line reason this run must not start, or None. Makes the warehouse folder."""
    problem = warehouse_problem(settings.warehouse_dir, create=False)
    if problem:
        return problem
    inbox = settings.inbox
    if not inbox.exists():
        return f"inbox {inbox} does not exist; pass --inbox or set ASW_INBOX ({LAYOUT})"
    if not inbox.is_dir():
        return f"inbox {inbox} is a file, not a folder ({LAYOUT})"
    try:
        folders = _kind_folders(inbox)
        found = _found(inbox)
    except OSError as exc:
        return f"inbox {inbox} cannot be read: {exc.strerror or exc}"
    if has_history(settings.working_db) is False:
        if folders == 0:
            return (
                f"inbox {inbox} holds no export folders ({found}) and the warehouse has no "
                f"history; expected {LAYOUT}"
            )
        scan = scan_inbox(inbox)
        if not any(scan.files[kind] for kind in KINDS):
            return (
                f"inbox {inbox} holds no export files and the warehouse has no history; "
                f"expected {LAYOUT}"
            )
    return warehouse_problem(settings.warehouse_dir)


def inbox_notes(settings: Settings) -> list[str]:
    """What a run on an existing history should still be told about its inbox."""
    try:
        if _kind_folders(settings.inbox) == 0:
            return [
                f"inbox {settings.inbox} holds no export folders (expected {LAYOUT}); "
                "building from the exports loaded before"
            ]
    except OSError:
        return []
    return []
