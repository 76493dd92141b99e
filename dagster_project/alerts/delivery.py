"""Delivery of audit.alerts: the outbox first, then each configured channel.

Every alert row not yet in the outbox is appended to `<warehouse dir>/outbox/alerts.jsonl`
and gets a pending row in audit.alert_deliveries for every channel that should hear of it:
the agency's (ASW_ALERT_WEBHOOK; ASW_SMTP_URL with ASW_ALERT_EMAIL_TO) for every alert,
a client's (alert_webhook, alert_email of clients.csv) for the alerts of its stores and
the run-level ones. Pending rows are tried on every run until delivered: never lost, and a
delivered row is never tried again. A failure is recorded (attempts, last_error) and never
raised. Targets are stored and shown masked: a webhook URL may hold a token, an e-mail
address is contact data.
"""

from __future__ import annotations

import json
import os
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from dagster_project.alerts.evaluate import ALERT_FIELDS, ensure_alerts_table, has_table
from dagster_project.alerts.ledger import DELIVERY_COLUMNS

TIMEOUT_SECONDS = 5
AGENCY = "agency"
OUTBOX = "outbox"


@dataclass(frozen=True)
class Channel:
    channel: str  # webhook or email
    audience: str  # agency or a client id
    address: str  # the URL or the e-mail address(es); never stored or printed
    lang: str  # zh, en, or both (the agency reads both)

    @property
    def target(self) -> str:
        return mask(self.channel, self.address)


@dataclass
class DeliverySummary:
    new_alerts: int = 0
    delivered: int = 0
    pending: int = 0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.new_alerts} new, {self.delivered} delivered, {self.pending} pending"
        return text + (f" ({'; '.join(self.failures)})" if self.failures else "")


def mask(channel: str, address: str) -> str:
    """What may be shown of a target: a webhook's scheme and host, an e-mail's domain."""
    if channel == "webhook":
        parts = urlsplit(address)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}/…"
    domains = sorted({a.strip().rsplit("@", 1)[-1] for a in address.split(";") if "@" in a})
    return ", ".join(f"…@{d}" for d in domains) or "…"


def configured_channels(con: duckdb.DuckDBPyConnection) -> list[Channel]:
    channels = []
    smtp = os.environ.get("ASW_SMTP_URL", "").strip()
    hook = os.environ.get("ASW_ALERT_WEBHOOK", "").strip()
    mail_to = os.environ.get("ASW_ALERT_EMAIL_TO", "").strip()
    if hook:
        channels.append(Channel("webhook", AGENCY, hook, "both"))
    if smtp and mail_to:
        channels.append(Channel("email", AGENCY, mail_to, "both"))
    if has_table(con, _db(con), "staging", "stg_client_langs"):
        rows = con.execute(
            """
            select l.client_id, l.lang, max(c.alert_webhook), max(c.alert_email)
            from staging.stg_client_langs l
            join raw.clients c on c.client_id = l.client_id and c.error is null
            group by l.client_id, l.lang
            order by l.client_id
            """
        ).fetchall()
        for client_id, lang, webhook, email in rows:
            if webhook:
                channels.append(Channel("webhook", client_id, webhook, lang))
            if email and smtp:
                channels.append(Channel("email", client_id, email, lang))
    return channels


def _db(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_database()").fetchone()[0]


def ensure_deliveries_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists audit")
    con.execute(f"create table if not exists audit.alert_deliveries ({DELIVERY_COLUMNS})")


def deliver_alerts(working_db: Path, outbox: Path) -> DeliverySummary:
    """Outbox, then every channel; never raises over a channel (a broken database does)."""
    summary = DeliverySummary()
    con = duckdb.connect(str(working_db))
    try:
        ensure_alerts_table(con, _db(con))
        ensure_deliveries_table(con)
        channels = configured_channels(con)
        summary.new_alerts = _to_outbox(con, outbox)
        _queue(con, channels)
        by_key = {(c.channel, c.audience): c for c in channels}
        pending = con.execute(
            """
            select distinct channel, audience from audit.alert_deliveries
            where delivered_at is null and channel <> 'outbox' order by 1, 2
            """
        ).fetchall()
        for channel_name, audience in pending:
            channel = by_key.get((channel_name, audience))
            if channel is None:
                con.execute(
                    "update audit.alert_deliveries set last_error = 'channel no longer "
                    "configured' where delivered_at is null and channel = ? and audience = ?",
                    [channel_name, audience],
                )
                continue
            summary.delivered += _send(con, channel, summary)
        summary.pending = con.execute(
            "select count(*) from audit.alert_deliveries where delivered_at is null"
        ).fetchone()[0]
    finally:
        con.close()
    return summary


def _to_outbox(con: duckdb.DuckDBPyConnection, outbox: Path) -> int:
    rows = con.execute(
        f"""
        select {ALERT_FIELDS} from audit.alerts a
        where not exists (
            select 1 from audit.alert_deliveries d
            where d.alert_id = a.alert_id and d.channel = 'outbox'
        )
        order by raised_at, alert_id
        """
    )
    names = [d[0] for d in rows.description]
    alerts = [dict(zip(names, row, strict=True)) for row in rows.fetchall()]
    con.execute("create or replace temp table new_alerts (alert_id varchar)")
    if not alerts:
        return 0
    outbox.parent.mkdir(parents=True, exist_ok=True)
    with outbox.open("a", encoding="utf-8") as out:
        for alert in alerts:
            out.write(json.dumps(alert, default=str, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())
    con.executemany("insert into new_alerts values (?)", [(a["alert_id"],) for a in alerts])
    con.execute(
        """
        insert into audit.alert_deliveries
        select alert_id, 'outbox', 'outbox/alerts.jsonl', 1, current_localtimestamp(), null,
            'agency'
        from new_alerts
        """
    )
    return len(alerts)


def _queue(con: duckdb.DuckDBPyConnection, channels: list[Channel]) -> None:
    """A pending row for every (alert in the outbox, channel that should hear of it) not
    queued yet: alerts raised before a channel was configured are not sent to it."""
    con.execute("create or replace temp table channels (channel varchar, audience varchar)")
    if channels:  # DuckDB's executemany refuses an empty list
        con.executemany(
            "insert into channels values (?, ?)", [(c.channel, c.audience) for c in channels]
        )
    targets = {(c.channel, c.audience): c.target for c in channels}
    stores = (
        "select store_id, client_id from staging.stg_clients"
        if has_table(con, _db(con), "staging", "stg_clients")
        else "select null::varchar as store_id, null::varchar as client_id where false"
    )
    con.execute(
        f"""
        create or replace temp table queued as
        select a.alert_id, ch.channel, ch.audience
        from audit.alerts a
        join new_alerts using (alert_id)
        join channels ch on ch.audience = 'agency' or a.store_id is null
            or a.store_id in (select store_id from ({stores}) s where s.client_id = ch.audience)
        where not exists (
            select 1 from audit.alert_deliveries d
            where d.alert_id = a.alert_id and d.channel = ch.channel and d.audience = ch.audience
        )
        """
    )
    for (channel, audience), target in targets.items():
        con.execute(
            "insert into audit.alert_deliveries select alert_id, channel, ?, 0, null, null, "
            "audience from queued where channel = ? and audience = ?",
            [target, channel, audience],
        )
    con.execute("drop table queued")
    con.execute("drop table channels")
    con.execute("drop table new_alerts")


def _pending_alerts(con: duckdb.DuckDBPyConnection, channel: Channel) -> list[dict]:
    rows = con.execute(
        f"""
        select {", ".join("a." + f.strip() for f in ALERT_FIELDS.split(","))}
        from audit.alert_deliveries d
        join audit.alerts a using (alert_id)
        where d.delivered_at is null and d.channel = ? and d.audience = ?
        order by a.raised_at, a.alert_id
        """,
        [channel.channel, channel.audience],
    )
    names = [d[0] for d in rows.description]
    return [dict(zip(names, row, strict=True)) for row in rows.fetchall()]


def _mark(con, channel: Channel, alert_ids: list[str], error: str | None) -> None:
    con.execute(
        """
        update audit.alert_deliveries
        set attempts = attempts + 1, target = ?,
            delivered_at = case when ? is null then current_localtimestamp() end,
            last_error = ?
        where delivered_at is null and channel = ? and audience = ? and list_contains(?, alert_id)
        """,
        [channel.target, error, error, channel.channel, channel.audience, alert_ids],
    )


def _send(con: duckdb.DuckDBPyConnection, channel: Channel, summary: DeliverySummary) -> int:
    alerts = _pending_alerts(con, channel)
    if not alerts:
        return 0
    who = f"{channel.channel} {channel.target}" + (
        "" if channel.audience == AGENCY else f" (client {channel.audience})"
    )
    if channel.channel == "email":
        error = _safe(lambda: send_email(channel, alerts))
        _mark(con, channel, [a["alert_id"] for a in alerts], error)
        if error:
            summary.failures.append(f"{who}: {error}")
            return 0
        return len(alerts)
    delivered = 0
    for alert in alerts:
        error = _safe(lambda alert=alert: post_webhook(channel, alert))
        _mark(con, channel, [alert["alert_id"]], error)
        if error:
            # The rest wait for the next run: one unreachable target costs one timeout.
            summary.failures.append(f"{who}: {error}")
            break
        delivered += 1
    return delivered


def _safe(action) -> str | None:
    """None when the action succeeded, else one line without the target's address."""
    try:
        action()
        return None
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        return f"unreachable: {type(exc.reason).__name__}"
    except smtplib.SMTPResponseException as exc:
        return f"SMTP {exc.smtp_code}"
    except (smtplib.SMTPException, OSError) as exc:
        return f"{type(exc).__name__}"
    except Exception as exc:  # noqa: BLE001 - a delivery never fails the run
        return f"{type(exc).__name__}"


def _message(alert: dict, lang: str) -> str:
    return alert["message_zh"] if lang == "zh" else alert["message_en"]


def payload(alert: dict, channel: Channel) -> dict:
    body = {k: (v.isoformat(sep=" ") if isinstance(v, datetime) else v) for k, v in alert.items()}
    body["lang"] = channel.lang
    body["message"] = (
        _message(alert, channel.lang)
        if channel.lang in ("zh", "en")
        else f"{alert['message_en']}\n{alert['message_zh']}"
    )
    return body


def post_webhook(channel: Channel, alert: dict) -> None:
    data = json.dumps(payload(alert, channel), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        channel.address,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
        if not 200 <= answer.status < 300:
            raise urllib.error.HTTPError(channel.address, answer.status, "", None, None)


SUBJECT = {
    "en": "[Sales warehouse] {n} alert(s): {critical} critical, {warning} warning, {info} info",
    "zh": "【速卖通数据仓库】{n} 条预警：严重 {critical}，警告 {warning}，提示 {info}",
}
STATE = {
    "en": {"raised": "RAISED", "cleared": "CLEARED"},
    "zh": {"raised": "新增", "cleared": "解除"},
}
SEVERITY = {
    "en": {"critical": "critical", "warning": "warning", "info": "info"},
    "zh": {"critical": "严重", "warning": "警告", "info": "提示"},
}
INTRO = {
    "en": "New alerts of the nightly run:",
    "zh": "夜间任务的新预警：",
}


def email_text(alerts: list[dict], lang: str) -> tuple[str, str]:
    """Subject and plain-text body in one language (zh or en), or both for `both`."""
    langs = ["zh", "en"] if lang not in ("zh", "en") else [lang]
    counts = {s: sum(a["severity"] == s for a in alerts) for s in ("critical", "warning", "info")}
    subject = " / ".join(SUBJECT[x].format(n=len(alerts), **counts) for x in langs)
    blocks = []
    for x in langs:
        lines = [INTRO[x], ""]
        for a in alerts:
            lines.append(
                f"- [{SEVERITY[x][a['severity']]}] {STATE[x][a['state']]} {a['code']}: "
                f"{_message(a, x)}"
            )
        blocks.append("\n".join(lines))
    return subject, "\n\n".join(blocks) + "\n"


def send_email(channel: Channel, alerts: list[dict]) -> None:
    url = urlsplit(os.environ["ASW_SMTP_URL"].strip())
    subject, body = email_text(alerts, channel.lang)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = os.environ.get("ASW_ALERT_EMAIL_FROM", "").strip() or "asw@localhost"
    recipients = [a.strip() for a in channel.address.split(";") if a.strip()]
    message["To"] = ", ".join(recipients)
    message.set_content(body, charset="utf-8")
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with smtp_class(url.hostname or "localhost", url.port or 25, timeout=TIMEOUT_SECONDS) as smtp:
        if url.username:
            smtp.login(url.username, url.password or "")
        smtp.send_message(message, to_addrs=recipients)
