"""Inbox layout: `<inbox>/<store_id>/<kind>/<file>.csv|xlsx`, and each file's snapshot time."""

from __future__ import annotations

import os
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


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder` by name: one `scandir` gives every entry's type from the
    directory itself, without a system call per file."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()  # as Path.suffix: ".csv" alone has none


def _visible(entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
    # Dot files (.DS_Store, editor swap files) are never exports; dot folders still get judged.
    return [e for e in entries if e.is_dir() or not e.name.startswith(".")]


def _hidden_export(entry: os.DirEntry[str]) -> bool:
    # A dot name with an export's suffix is an export someone (a sync tool, a cut-off
    # download) hid: worth a word, unlike .DS_Store or an editor's swap file.
    name = entry.name
    return name.startswith(".") and _suffix(name) in SUFFIXES and not entry.is_dir()


_LINK = "{}: skipped, a symbolic link (only files inside the inbox are read)"


def scan_inbox(inbox: Path) -> InboxScan:
    """Files per kind and the problems of the layout; reads no file contents.

    Nothing outside the inbox is read: a symbolic link at any level (store folder, kind
    folder, file) is skipped, even one pointing inside the inbox (a store folder linked to
    another store would load that store's data twice). Below the inbox no path component is
    a link, so no listed path leads outside it; nothing needs resolving, which at a hundred
    thousand files was most of the listing's cost.
    """
    scan = InboxScan()
    if not inbox.is_dir():
        scan.problems.append(f"inbox {inbox} does not exist or is not a folder")
        return scan
    for store_dir in _visible(_listing(inbox)):
        name = store_dir.name
        if store_dir.is_symlink():
            scan.problems.append(_LINK.format(name))
            continue
        if name == CLIENTS_FILE and store_dir.is_file(follow_symlinks=False):
            continue  # an agency's client list (ingest/clients.py), not an export
        if not store_dir.is_dir(follow_symlinks=False):
            scan.problems.append(f"{name}: ignored, files belong in <store_id>/<kind>/ folders")
            continue
        if not STORE_ID.fullmatch(name):
            scan.problems.append(
                f"store folder '{name}' rejected: a store folder name must match "
                "[A-Za-z0-9_-]{1,64}; nothing in it was loaded"
            )
            continue
        _scan_store(inbox / name, scan)
    return scan


def _scan_store(store_path: Path, scan: InboxScan) -> None:
    store_id = store_path.name
    for kind_dir in _visible(_listing(store_path)):
        rel_kind = f"{store_id}/{kind_dir.name}"
        if kind_dir.is_symlink():
            scan.problems.append(_LINK.format(rel_kind))
            continue
        if not kind_dir.is_dir(follow_symlinks=False):
            scan.problems.append(f"{rel_kind}: ignored, files belong in <store_id>/<kind>/ folders")
            continue
        if kind_dir.name not in KINDS:
            scan.problems.append(
                f"{rel_kind}: unknown kind folder '{kind_dir.name}' skipped "
                f"(known kinds: {', '.join(KINDS)})"
            )
            continue
        _scan_kind(store_path / kind_dir.name, rel_kind, store_id, scan)


def _scan_kind(kind_path: Path, rel_kind: str, store_id: str, scan: InboxScan) -> None:
    kind = kind_path.name
    entries = _listing(kind_path)
    for entry in entries:
        if _hidden_export(entry):
            scan.problems.append(
                f"{rel_kind}/{entry.name}: skipped, a hidden file (its name starts with a dot); "
                "rename it without the dot to load it"
            )
    found = scan.files[kind]
    for entry in _visible(entries):
        name = entry.name
        rel = f"{rel_kind}/{name}"
        if entry.is_symlink():
            scan.problems.append(_LINK.format(rel))
        elif entry.is_dir(follow_symlinks=False):
            scan.problems.append(f"{rel}: ignored, no folders inside a kind folder")
        elif _suffix(name) not in SUFFIXES:
            scan.problems.append(f"{rel}: ignored, only .csv and .xlsx files are read")
        else:
            path = kind_path / name
            snapshot = snapshot_from_name(name)
            if snapshot is None:
                modified = entry.stat(follow_symlinks=False).st_mtime  # rare: names have dates
                snapshot = datetime.fromtimestamp(modified).replace(microsecond=0)
            found.append(InboxFile(path, rel, store_id, kind, snapshot))
