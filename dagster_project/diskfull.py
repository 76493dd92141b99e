"""Telling a full disk apart from every other failure, and saying it in one line.

A full disk shows up in many voices: an OSError with ENOSPC (Python, Great Expectations'
Data Docs), DuckDB's "No space left on device" naming the file it could not write, and
SQLite under Dagster's run history as "database or disk is full" or, on some file systems,
a bare "disk I/O error". Whatever the voice, the seller needs the same line: which path, and
that the disk is full.
"""

from __future__ import annotations

import errno
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

# Below this much free space a bare "disk I/O error" is taken for a full disk.
NEARLY_FULL_BYTES = 16 * 1024 * 1024

_QUOTED_PATH = re.compile(r"""(?:file|path|directory)\s+["']([^"']+)["']""", re.IGNORECASE)
_ERRNO_PATH = re.compile(r"""No space left on device:\s*["']([^"']+)["']""")
_OUR_PATH = re.compile(r"""(/[^\s:'"]+): no space left on the device""")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


class DiskFull(RuntimeError):
    """A write failed for lack of space; the message names the path."""


def disk_full(exc: BaseException) -> DiskFull | None:
    """A DiskFull for an error whose chain says the disk is full (DuckDB often hides it
    behind the failed rollback that follows), else None. Raise it `from None`: its one
    line is the root cause a run reports."""
    for link in _chain(exc):
        if isinstance(link, DiskFull):
            return link
        if isinstance(link, OSError) and link.errno == errno.ENOSPC:
            return DiskFull(f"{link.filename or 'a file'}: no space left on the device")
        text = str(link)
        if "no space left" in text.lower() or "database or disk is full" in text.lower():
            found = _OUR_PATH.search(text) or _ERRNO_PATH.search(text) or _QUOTED_PATH.search(text)
            return DiskFull(f"{found.group(1) if found else 'a file'}: no space left on the device")
    return None


def nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def no_space(text: str, folder: Path) -> str | None:
    """The one-line message when `text` (an error's message) is a full disk, else None."""
    found = disk_full(RuntimeError(text))
    if found is not None:
        return str(found).replace("a file:", f"{folder}:", 1)
    if "disk i/o error" in text.lower() and nearly_full(folder):
        return f"{folder}: no space left on the device"
    return None


def no_space_in(exc: BaseException, folder: Path) -> str | None:
    """no_space() for an exception or anything in its chain of causes."""
    found = disk_full(exc)
    if found is not None:
        return str(found).replace("a file:", f"{folder}:", 1)
    return next((m for link in _chain(exc) if (m := no_space(str(link), folder))), None)
