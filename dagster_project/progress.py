"""What `asw` prints while it works.

On a terminal each step (an export kind, the dbt build, the generator) gets one line that
updates in place: done/total, what was counted so far, elapsed and remaining time. Anywhere
else (CI, cron, a log file, the UI's captured output) the same step prints plain lines: a
heartbeat at most every `HEARTBEAT_SECONDS`, so a log never holds one line per file. Per-file
lines are printed only when asked for (`--verbose`).

The reporter is process-wide: `asw` installs one around a run with `reporting()`, and the
warehouse resource prints through `current()`. A run launched from the UI installs none and
prints nothing here (its progress is in the event log and the assets' metadata).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

HEARTBEAT_SECONDS = 30.0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Step:
    """One step's progress: `update(done, info)` as work completes."""

    def __init__(self, reporter: Reporter, label: str, total: int | None) -> None:
        self.reporter = reporter
        self.label = label
        self.total = total
        self.done = 0
        self.info = ""
        self.started = time.monotonic()
        self._last_beat = self.started
        self._task: TaskID | None = None
        self._progress = reporter.live_progress()
        if self._progress is not None:
            self._task = self._progress.add_task(label, total=total, info="")

    def update(self, done: int, info: str = "", total: int | None = None) -> None:
        self.done, self.info = done, info
        if total is not None:
            self.total = total
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, info=info, total=self.total)
            return
        now = time.monotonic()
        if now - self._last_beat >= self.reporter.heartbeat:
            self._last_beat = now
            self.reporter.write(self._plain(now))

    def _plain(self, now: float) -> str:
        elapsed = now - self.started
        of = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        text = f"  {self.label}: {of}"
        if self.info:
            text += f", {self.info}"
        text += f"; {_clock(elapsed)} elapsed"
        if self.total and self.done:
            left = elapsed * (self.total - self.done) / self.done
            text += f", about {_clock(left)} left"
        return text

    def close(self) -> None:
        if self._progress is not None and self._task is not None:
            # The finished step stays on screen as its last state.
            self._progress.stop_task(self._task)
            self._progress.refresh()
            self._progress = None
        self.reporter.forget(self)


class _NoStep(Step):
    def __init__(self) -> None:  # noqa: D107 - prints nothing at all
        self.done, self.info, self.total = 0, "", None

    def update(self, done: int, info: str = "", total: int | None = None) -> None:
        return None

    def close(self) -> None:
        return None


NO_STEP = _NoStep()


class Reporter:
    """Plain lines, per-file details (verbose only) and step progress on one stream."""

    def __init__(
        self,
        stream: TextIO | None = None,
        verbose: bool = False,
        live: bool | None = None,
        heartbeat: float = HEARTBEAT_SECONDS,
    ) -> None:
        # The stream is taken once: dbt's log is redirected away from sys.stdout while it
        # streams, and progress must still reach the person watching.
        self.stream = stream if stream is not None else sys.stdout
        self.verbose = verbose
        isatty = getattr(self.stream, "isatty", None)
        self.live = bool(isatty and isatty()) if live is None else live
        self.heartbeat = heartbeat
        self.console = Console(
            file=self.stream, highlight=False, soft_wrap=True, force_terminal=self.live or None
        )
        self._steps: list[Step] = []
        self._progress: Progress | None = None

    def live_progress(self) -> Progress | None:
        """One live display for the whole command: a line per step, each updated in place;
        lines written meanwhile appear above it."""
        if not self.live:
            return None
        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(bar_width=24),
                MofNCompleteColumn(),
                TextColumn("{task.fields[info]}"),
                TimeElapsedColumn(),
                TextColumn("elapsed,"),
                TimeRemainingColumn(),
                TextColumn("left"),
                console=self.console,
                # dbt's own log is redirected while it streams; the display must not take part.
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._progress.start()
        return self._progress

    def write(self, text: str) -> None:
        """A line that stays; above any live progress line."""
        if self.live:
            self.console.print(text, markup=False, highlight=False)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def detail(self, text: str) -> None:
        if self.verbose:
            self.write(text)

    def step(self, label: str, total: int | None = None) -> Step:
        step = Step(self, label, total)
        self._steps.append(step)
        return step

    @contextmanager
    def stepping(self, label: str, total: int | None = None) -> Iterator[Step]:
        step = self.step(label, total)
        try:
            yield step
        finally:
            step.close()

    def forget(self, step: Step) -> None:
        if step in self._steps:
            self._steps.remove(step)

    def close(self) -> None:
        """Stop the live display, with every step still running (one that failed half-way)."""
        for step in list(self._steps):
            step.close()
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


_current: Reporter | None = None


def current() -> Reporter:
    """The reporter `asw` installed, else plain lines on today's stdout."""
    return _current if _current is not None else Reporter(live=False)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    global _current
    previous, _current = _current, reporter
    try:
        yield reporter
    finally:
        reporter.close()
        _current = previous
