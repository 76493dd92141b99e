"""`asw alerts`: recent alerts and pending deliveries, read from the published file."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _table(rows: list[tuple], header: tuple[str, ...]) -> list[str]:
    cells = [tuple("" if v is None else str(v) for v in row) for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]


def list_alerts(serving: Path, pending_only: bool = False, limit: int = 30) -> tuple[str, int]:
    """The text to print and the exit code (2 when there is no published file to read)."""
    if not serving.exists():
        return f"asw alerts: {serving} does not exist yet; run `asw run` first", 2
    con = duckdb.connect(str(serving), read_only=True)
    try:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'audit'"
            ).fetchall()
        }
        if "alerts" not in tables:
            return f"asw alerts: {serving} holds no audit.alerts (published before alerts)", 0
        lines = []
        if not pending_only:
            open_count = con.execute(
                """
                select count(*) from (
                    select state, row_number() over (
                        partition by coalesce(store_id, ''), code
                        order by raised_at desc, state = 'cleared' desc, alert_id desc) as n
                    from audit.alerts
                ) where n = 1 and state = 'raised'
                """
            ).fetchone()[0]
            recent = con.execute(
                """
                select strftime(raised_at, '%Y-%m-%d %H:%M'), coalesce(store_id, '(run)'), code,
                    severity, state, message_en
                from audit.alerts order by raised_at desc, alert_id limit ?
                """,
                [limit],
            ).fetchall()
            lines.append(f"alerts: {open_count} open; the {len(recent)} most recent rows:")
            lines += _table(recent, ("raised_at", "store", "code", "severity", "state", "message"))
        pending = []
        if "alert_deliveries" in tables:
            pending = con.execute(
                """
                select d.channel, d.target, d.attempts, coalesce(d.last_error, 'not tried yet'),
                    coalesce(a.store_id, '(run)'), a.code, a.state
                from audit.alert_deliveries d left join audit.alerts a using (alert_id)
                where d.delivered_at is null order by d.channel, d.target, a.raised_at
                """
            ).fetchall()
        if lines:
            lines.append("")
        lines.append(f"undelivered: {len(pending)} (retried at the next run)")
        if pending:
            lines += _table(
                pending, ("channel", "target", "attempts", "last error", "store", "code", "state")
            )
        return "\n".join(lines), 0
    finally:
        con.close()
