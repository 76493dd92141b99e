"""One writer at a time on a working database.

An advisory `flock` rather than a marker file: the kernel drops it when the
holding process dies, so a crashed run can never leave a lock that blocks the
next one. The file's text only serves the message shown to the run that waits.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO


class RunLockBusy(RuntimeError):
    """Another pipeline is writing the same working database."""


@dataclass(frozen=True)
class InterruptedRun:
    """A run that took the lock and never released it: its process died mid-run."""

    run_id: str
    pid: int
    started_at: datetime


class RunLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None
        self.interrupted: InterruptedRun | None = None

    def acquire(self, run_id: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise RunLockBusy(
                f"another run {holder} is still writing {self.path.parent}; "
                "try again when it has finished"
            ) from None
        # A clean release empties the file: text left in it is the record of a run that
        # was killed (kill -9, power loss) while it held the lock.
        handle.seek(0)
        self.interrupted = _holder(handle.read())
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {"pid": os.getpid(), "run_id": run_id, "started_at": datetime.now().isoformat()}
            )
        )
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


def _holder(text: str) -> InterruptedRun | None:
    try:
        holder = json.loads(text)
        return InterruptedRun(
            run_id=str(holder["run_id"]),
            pid=int(holder["pid"]),
            started_at=datetime.fromisoformat(holder["started_at"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _describe(text: str) -> str:
    try:
        holder = json.loads(text)
        started = holder["started_at"][:19].replace("T", " ")
        return f"started at {started} (pid {holder['pid']}, run {holder['run_id'][:8]})"
    except (ValueError, KeyError, TypeError):
        return "(unknown holder)"
