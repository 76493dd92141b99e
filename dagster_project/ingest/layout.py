"""Inbox layout: `<inbox>/<store_id>/<kind>/<file>.csv|xlsx`, and each file's snapshot time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dagster_project.contract.exports import CLIENTS_FILE, KINDS

SUFFIXES = (".csv", ".xlsx")
STORE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

# A date "not touching other digits"; the lookahead finds overlapping candidates too.
_DATE_CANDIDATE = re.compile(r"(?=(?<!\d)(\d{4}-\d{2}-\d{2}|\d{8})(?!\d))")


@dataclass(frozen=True)
class InboxFile:
    path: Path
    rel: str  # relative to the inbox, `/`-separated
    store_id: str
    kind: str
    snapshot_at: datetime

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass
class InboxScan:
    files: dict[str, list[InboxFile]] = field(default_factory=lambda: {k: [] for k in KINDS})
    problems: list[str] = field(default_factory=list)

    def all_files(self) -> list[InboxFile]:
        return [f for kind in KINDS for f in self.files[kind]]


def snapshot_from_name(name: str) -> datetime | None:
    """The last valid `YYYY-MM-DD` / `YYYYMMDD` date in a file name, at midnight."""
    found = None
    for match in _DATE_CANDIDATE.finditer(name):
        digits = match.group(1).replace("-", "")
        try:
            found = datetime(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            continue
    return found


def snapshot_time(path: Path) -> datetime:
    """Date in the name, else the modification time in local time (naive, as written)."""
    from_name = snapshot_from_name(path.name)
    if from_name is not None:
        return from_name
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def _visible(entries: list[Path]) -> list[Path]:
    # Dot files (.DS_Store, editor swap files) are never exports; dot folders still get judged.
    return sorted(p for p in entries if p.is_dir() or not p.name.startswith("."))


def _hidden_export(path: Path) -> bool:
    # A dot name with an export's suffix is an export someone (a sync tool, a cut-off
    # download) hid: worth a word, unlike .DS_Store or an editor's swap file.
    return path.name.startswith(".") and path.suffix.lower() in SUFFIXES and not path.is_dir()


def _linked(path: Path, root: Path, rel: str) -> str | None:
    """Why `path` is not read: a symbolic link, or resolving outside the inbox; else None.

    Nothing outside the inbox is ever read. A link is skipped even when it points inside the
    inbox: a store folder linked to another store would load that store's data twice.
    """
    if path.is_symlink():
        return f"{rel}: skipped, a symbolic link (only files inside the inbox are read)"
    try:
        inside = path.resolve(strict=True).is_relative_to(root)
    except OSError:
        inside = False
    if not inside:
        return f"{rel}: skipped, it resolves outside the inbox"
    return None


def scan_inbox(inbox: Path) -> InboxScan:
    """Files per kind and the problems of the layout; reads no file contents."""
    scan = InboxScan()
    if not inbox.is_dir():
        scan.problems.append(f"inbox {inbox} does not exist or is not a folder")
        return scan
    root = inbox.resolve()
    for store_dir in _visible(list(inbox.iterdir())):
        if problem := _linked(store_dir, root, store_dir.name):
            scan.problems.append(problem)
            continue
        if store_dir.name == CLIENTS_FILE and store_dir.is_file():
            continue  # an agency's client list (ingest/clients.py), not an export
        if not store_dir.is_dir():
            scan.problems.append(
                f"{store_dir.name}: ignored, files belong in <store_id>/<kind>/ folders"
            )
            continue
        if not STORE_ID.fullmatch(store_dir.name):
            scan.problems.append(
                f"store folder '{store_dir.name}' rejected: a store folder name must match "
                "[A-Za-z0-9_-]{1,64}; nothing in it was loaded"
            )
            continue
        _scan_store(store_dir, scan, root)
    return scan


def _scan_store(store_dir: Path, scan: InboxScan, root: Path) -> None:
    store_id = store_dir.name
    for kind_dir in _visible(list(store_dir.iterdir())):
        rel_kind = f"{store_id}/{kind_dir.name}"
        if problem := _linked(kind_dir, root, rel_kind):
            scan.problems.append(problem)
            continue
        if not kind_dir.is_dir():
            scan.problems.append(f"{rel_kind}: ignored, files belong in <store_id>/<kind>/ folders")
            continue
        if kind_dir.name not in KINDS:
            scan.problems.append(
                f"{rel_kind}: unknown kind folder '{kind_dir.name}' skipped "
                f"(known kinds: {', '.join(KINDS)})"
            )
            continue
        entries = list(kind_dir.iterdir())
        for path in sorted(p for p in entries if _hidden_export(p)):
            scan.problems.append(
                f"{rel_kind}/{path.name}: skipped, a hidden file (its name starts with a dot); "
                "rename it without the dot to load it"
            )
        for path in _visible(entries):
            rel = f"{rel_kind}/{path.name}"
            if problem := _linked(path, root, rel):
                scan.problems.append(problem)
            elif path.is_dir():
                scan.problems.append(f"{rel}: ignored, no folders inside a kind folder")
            elif path.suffix.lower() not in SUFFIXES:
                scan.problems.append(f"{rel}: ignored, only .csv and .xlsx files are read")
            else:
                scan.files[kind_dir.name].append(
                    InboxFile(path, rel, store_id, kind_dir.name, snapshot_time(path))
                )
