"""The warehouse resource: paths, the run lock, and what one run has done so far.

Every step of the nightly job requires this resource. With the in-process
executor Dagster builds it once per run, so taking the run lock when it is
built and releasing it on teardown makes the lock span the whole run, whoever
launched it (schedule, sensor, UI or `asw run`). The teardown is also the one
place that sees every run end, so it records runs that failed before publishing.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import duckdb
from dagster import ConfigurableResource, InitResourceContext
from pydantic import Field, PrivateAttr

from dagster_project import progress
from dagster_project.file_modes import private_folder, secure_tree
from dagster_project.lock import InterruptedRun, RunLock
from dagster_project.runs import state as run_state
from dagster_project.runs.record import record_failed_run
from dagster_project.runs.state import RunState
from dagster_project.runs.tags import run_tags
from dagster_project.settings import Settings, duckdb_memory_limit, quiet_telemetry


def _preload_audit() -> None:
    try:
        import expectations.runner  # noqa: F401
    except Exception:  # noqa: BLE001 - the audit step reports import problems itself
        pass


def _earlier_state(settings: Settings, run_id: str) -> RunState | None:
    try:
        return run_state.load(settings.warehouse_dir, run_id)
    except (OSError, ValueError, TypeError):  # unreadable: the run starts a fresh state
        return None


def _tag_the_run(context: InitResourceContext, settings: Settings) -> None:
    """A run launched from the UI's launchpad carries no inbox or as-of tag; add them, so
    every run in the run list says what it read and for which day."""
    if context.run is None or context.instance is None:
        return
    missing = {k: v for k, v in run_tags(settings).items() if k not in context.run.tags}
    if missing:
        context.instance.add_run_tags(context.run.run_id, missing)


class WarehouseResource(ConfigurableResource):
    """Inbox, warehouse folder and as-of date of the nightly job."""

    # Empty means "the environment's, else the default": the ASW_* variables are read when
    # a run starts (Settings.resolve), not when the definitions are imported.
    inbox: str = Field(
        default="",
        description="Inbox folder of seller exports (empty: ASW_INBOX, else data/inbox).",
    )
    warehouse_dir: str = Field(
        default="",
        description="Folder of warehouse.duckdb and serving.duckdb (empty: ASW_WAREHOUSE_DIR, "
        "else data/warehouse).",
    )
    as_of: str = Field(
        default="",
        description="Last day of the marts, YYYY-MM-DD (empty: ASW_AS_OF, else the latest "
        "order day).",
    )
    engine: str = Field(
        default="",
        description="Where dbt builds the marts: duckdb or spark (empty: ASW_ENGINE, else duckdb).",
    )
    clients: str = Field(
        default="",
        description="An agency's clients.csv (empty: ASW_CLIENTS, else <inbox>/clients.csv).",
    )
    echo: bool = Field(default=False, description="Also print progress lines to stdout.")

    _settings: Settings | None = PrivateAttr(default=None)
    _run: RunState | None = PrivateAttr(default=None)

    @property
    def settings(self) -> Settings:
        """The run's paths and as-of day, resolved (and the as-of text parsed) once."""
        if self._settings is None:
            self._settings = Settings.resolve(
                self.inbox or None,
                self.warehouse_dir or None,
                self.as_of or None,
                self.engine or None,
                clients=self.clients or None,
            )
        return self._settings

    @property
    def run(self) -> RunState | None:
        """This run's state; None outside a run (the resource was not set up)."""
        return self._run

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the working database, closed before the next step needs the file."""
        con = duckdb.connect(
            str(self.settings.working_db),
            read_only=read_only,
            config={"memory_limit": duckdb_memory_limit()},
        )
        try:
            yield con
        finally:
            con.close()

    def say(self, context, message: str) -> None:
        context.log.info(message)
        if self.echo:
            progress.current().write(message)

    def detail(self, message: str) -> None:
        """A per-file line: printed by `asw run --verbose`, but kept out of Dagster's event
        log, where a thousand files would cost a thousand stored events (the UI shows the
        same counts as materialization metadata)."""
        if self.echo:
            progress.current().detail(message)

    def step(self, label: str, total: int | None = None) -> progress.Step:
        """A progress line for `asw run`; nothing when the run was launched elsewhere."""
        return progress.current().step(label, total) if self.echo else progress.NO_STEP

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator["WarehouseResource"]:
        # A run launched by the daemon or the UI never passed through `asw`: dbt and Great
        # Expectations, both started from this process, inherit these variables.
        quiet_telemetry()
        settings = self.settings
        run_id = context.run.run_id if context.run else "adhoc"
        # Before the lock file, the first thing a run creates: everything is born private.
        self._permission_problems(context, private_folder(settings.warehouse_dir))
        lock = RunLock(settings.lock_file)
        lock.acquire(run_id)
        # dbt reads the working database's path from here (profiles.yml).
        os.environ["ASW_DUCKDB_PATH"] = str(settings.working_db)
        if lock.interrupted is not None:
            self._record_interrupted(context, lock.interrupted, run_id)
        # Dagster may set the resource up once more for the same run after its steps (a run
        # launched by `dagster job execute` is): that one carries on with
        # the run's state, so a published run is not recorded as failed on its teardown.
        state = _earlier_state(settings, run_id) if context.run else None
        state = self._run = state or RunState(run_id=run_id, started_at=datetime.now())
        if context.run is not None:
            # Kept from the start: a run that took the lock is told from one that did not,
            # even if the disk fills before the teardown can write it again.
            self._keep_state(context, state)
        _tag_the_run(context, settings)
        # Great Expectations takes seconds to import; do it while ingest and dbt run.
        threading.Thread(target=_preload_audit, daemon=True).start()
        try:
            yield self
        finally:
            try:
                try:
                    if context.run is not None and not (state.published or state.failure_recorded):
                        self._record_failure(context, state)
                finally:
                    if context.run is not None:
                        self._keep_state(context, state)
            finally:
                # Files a library copied with their own mode (Data Docs' assets) are
                # brought into line before the lock lets the next run in.
                self._permission_problems(context, secure_tree(settings.warehouse_dir))
                lock.release()

    def _record_failure(self, context: InitResourceContext, state: RunState) -> None:
        """The failed run into serving.duckdb; when even that fails (a full disk), into the
        working database's run log at least, for the next publish to carry."""
        try:
            record_failed_run(self.settings, context.instance, state)
            return
        except Exception as exc:  # noqa: BLE001 - told in the summary, never a traceback
            from dagster_project.diskfull import no_space_in

            reason = no_space_in(exc, self.settings.warehouse_dir) or str(exc).splitlines()[0]
            state.failure_not_published(f"not recorded in {self.settings.serving_db}: {reason}")
        try:
            from dagster_project.publish.audit_tables import record_failed_in_place

            with self.connect() as con:
                database = con.execute("select current_database()").fetchone()[0]
                record_failed_in_place(con, database, state.run_id, state.started_at, reason)
            state.failure_not_published(
                state.record_error + " (kept in the working database's audit.run_log)"
            )
        except Exception:  # noqa: BLE001 - nowhere left to write it; the summary says so
            pass
        context.log.error(state.record_error)

    def _keep_state(self, context: InitResourceContext, state: RunState) -> None:
        """The run's state into runs/<run_id>.json, for `asw run`'s summary."""
        try:
            run_state.save(state, self.settings.warehouse_dir)
        except OSError as exc:  # a full disk: the run is told in the log, not lost over it
            context.log.warning(f"run state not kept: {exc}")

    def _record_interrupted(
        self, context: InitResourceContext, gone: InterruptedRun, run_id: str
    ) -> None:
        """Write the run that died holding the lock into audit.run_log before this one starts."""
        from dagster_project.publish.audit_tables import record_interrupted

        started = gone.started_at.strftime("%Y-%m-%d %H:%M:%S")
        note = (
            f"interrupted: the run started at {started} (pid {gone.pid}) ended without "
            f"finishing; noticed by run {run_id[:8]} at {datetime.now():%Y-%m-%d %H:%M:%S}"
        )
        message = f"asw: the run started at {started} (pid {gone.pid}) was interrupted"
        try:
            with self.connect() as con:
                database = con.execute("select current_database()").fetchone()[0]
                record_interrupted(con, database, gone.run_id, gone.started_at, note)
            message += "; recorded in audit.run_log"
        except Exception as exc:  # noqa: BLE001 - never let the record stop the new run
            message += f"; could not record it: {str(exc).splitlines()[0]}"
        context.log.warning(message)
        if self.echo:
            progress.current().write(message)

    def _permission_problems(self, context: InitResourceContext, problems: list[str]) -> None:
        for problem in problems:
            context.log.warning(problem)
            if self.echo:
                progress.current().write(f"  warning: {problem}")
