"""Alert transitions of one run into audit.alerts, in SQL, inside the publishing connection.

The per-store conditions that hold on as_of come from dbt (`audit.alert_conditions`); the
eligibility changes compare the new marts with the last published ones; a failed run
raises `run_failed`. A condition is raised when it holds and its (store_id, code) is not
open (its latest row is not `raised`), cleared when it is open and holds no more; an
eligibility change is an event, raised on every run that sees one. A failed run judges
no store (its marts are not published): it raises run_failed only and clears nothing.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

ALERTS_COLUMNS = """
    alert_id varchar, run_id varchar, raised_at timestamp, store_id varchar, code varchar,
    severity varchar, state varchar, metric_value double, threshold double,
    message_en varchar, message_zh varchar
"""
ALERT_FIELDS = (
    "alert_id, run_id, raised_at, store_id, code, severity, state, metric_value, threshold, "
    "message_en, message_zh"
)
# Used when the working database holds no seeds (a failed run that could not open it).
RUN_FAILED = (
    "The nightly run did not publish: the marts of the last published run stay in place "
    "(see audit.run_log).",
    "夜间任务未能发布：仍保留上次发布的数据（详见 audit.run_log）。",
)


def has_table(con: duckdb.DuckDBPyConnection, db: str, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_catalog = ? and table_schema = ? and table_name = ?",
            [db, schema, table],
        ).fetchone()[0]
    )


def ensure_alerts_table(con: duckdb.DuckDBPyConnection, db: str) -> None:
    con.execute(f"create schema if not exists {db}.audit")
    con.execute(f"create table if not exists {db}.audit.alerts ({ALERTS_COLUMNS})")


def record_alerts(
    con: duckdb.DuckDBPyConnection,
    db: str,
    previous: str | None,
    run_id: str,
    passed: bool,
    now: datetime | None = None,
) -> int:
    """Append this run's transitions to `db`.audit.alerts; returns the rows added.

    `previous` is the last published serving file (its marts are the last published run's;
    its audit.alerts the history, carried over when the working database was rebuilt).
    """
    now = now or datetime.now()
    ensure_alerts_table(con, db)
    if previous is not None and has_table(con, previous, "audit", "alerts"):
        con.execute(
            f"""
            insert into {db}.audit.alerts
            select {ALERT_FIELDS} from {previous}.audit.alerts
            where alert_id not in (select alert_id from {db}.audit.alerts)
            """
        )
    con.execute(f"delete from {db}.audit.alerts where run_id = ?", [run_id])
    con.execute(
        """
        create or replace temp table alert_now (
            store_id varchar, code varchar, subject varchar, severity varchar,
            metric_value double, threshold double, message_en varchar, message_zh varchar,
            event boolean
        )
        """
    )
    has_codes = has_table(con, db, "seeds", "alert_codes")
    if passed:
        if has_table(con, db, "audit", "alert_conditions"):
            con.execute(
                f"""
                insert into alert_now
                select store_id, code, null, severity, metric_value, threshold,
                    message_en, message_zh, false
                from {db}.audit.alert_conditions
                """
            )
        if (
            has_codes
            and previous is not None
            and has_table(con, previous, "marts", "store_eligibility")
            and has_table(con, db, "marts", "store_eligibility")
        ):
            _eligibility_changes(con, db, previous)
    else:
        en, zh = RUN_FAILED
        if has_codes:
            found = con.execute(
                f"select raised_en, raised_zh from {db}.seeds.alert_codes where code = 'run_failed'"
            ).fetchone()
            en, zh = found or (en, zh)
        con.execute(
            "insert into alert_now values (null, 'run_failed', null, 'critical', null, null, ?, ?, "
            "false)",
            [en, zh],
        )
    cleared_messages = (
        f"(select code, cleared_en, cleared_zh from {db}.seeds.alert_codes)"
        if has_codes
        else "(select null::varchar as code, null::varchar as cleared_en, "
        "null::varchar as cleared_zh where false)"
    )
    # Latest row per (store_id, code); open when it is `raised`. Cleared rows sort after a
    # raised row of the same run, so the latest row is the state in force.
    con.execute(
        f"""
        create or replace temp table alert_open as
        select * from (
            select *, row_number() over (
                partition by coalesce(store_id, ''), code
                order by raised_at desc, state = 'cleared' desc, alert_id desc
            ) as n
            from {db}.audit.alerts
        ) where n = 1 and state = 'raised'
        """
    )
    con.execute(
        f"""
        insert into {db}.audit.alerts
        select md5(concat_ws('|', ?, coalesce(n.store_id, ''), n.code, 'raised',
                   coalesce(n.subject, ''))),
            ?, ?, n.store_id, n.code, n.severity, 'raised', n.metric_value, n.threshold,
            n.message_en, n.message_zh
        from alert_now n
        where n.event or not exists (
            select 1 from alert_open o
            where coalesce(o.store_id, '') = coalesce(n.store_id, '') and o.code = n.code
        )
        """,
        [run_id, run_id, now],
    )
    if passed:
        con.execute(
            f"""
            insert into {db}.audit.alerts
            select md5(concat_ws('|', ?, coalesce(o.store_id, ''), o.code, 'cleared')),
                ?, ?, o.store_id, o.code, o.severity, 'cleared', null, o.threshold,
                coalesce(replace(m.cleared_en, '{{store_id}}', coalesce(o.store_id, '')),
                    'Cleared: ' || o.message_en),
                coalesce(replace(m.cleared_zh, '{{store_id}}', coalesce(o.store_id, '')),
                    '已解除：' || o.message_zh)
            from alert_open o
            left join {cleared_messages} m on m.code = o.code
            where not exists (
                select 1 from alert_now n
                where coalesce(o.store_id, '') = coalesce(n.store_id, '') and o.code = n.code
            )
            """,
            [run_id, run_id, now],
        )
    con.execute("drop table alert_now")
    con.execute("drop table alert_open")
    return con.execute(
        f"select count(*) from {db}.audit.alerts where run_id = ?", [run_id]
    ).fetchone()[0]


def _eligibility_changes(con: duckdb.DuckDBPyConnection, db: str, previous: str) -> None:
    """A program whose `eligible` differs from the last published run's, per store present
    in both runs; one event per (store, program)."""
    con.execute(
        f"""
        insert into alert_now
        select n.store_id, c.code, n.program, c.severity, n.metric_value, n.threshold,
            replace(replace(replace(c.raised_en, '{{store_id}}', n.store_id),
                '{{program}}', n.program), '{{reason}}', coalesce(n.reason, '')),
            replace(replace(replace(c.raised_zh, '{{store_id}}', n.store_id),
                '{{program}}', n.program), '{{reason}}', coalesce(n.reason, '')),
            true
        from {db}.marts.store_eligibility n
        join {previous}.marts.store_eligibility p
            on n.store_id = p.store_id and n.program = p.program
        join {db}.seeds.alert_codes c
            on c.code = case when p.eligible and not n.eligible then 'eligibility_lost'
                             when not p.eligible and n.eligible then 'eligibility_gained' end
        """
    )
