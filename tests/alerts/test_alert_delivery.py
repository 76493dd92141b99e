"""Delivery on real loopback servers: outbox first, a refused webhook retried next run,
e-mails in the client's language to the client's address, nothing sent twice."""

import json
from pathlib import Path

import duckdb
import pytest
from loopback_servers import smtp_server, webhook_server

from dagster_project.alerts.delivery import deliver_alerts
from dagster_project.alerts.evaluate import ALERTS_COLUMNS

# acme (en) holds s1, beta (zh) holds s2; s3 has no client. One run-level alert.
ALERTS = [
    (
        "a1",
        "s1",
        "overdue_orders",
        "critical",
        "Store s1: 2 orders overdue",
        "店铺 s1：2 个订单超时",
    ),
    ("a2", "s2", "export_stale", "warning", "Store s2: export 9 days old", "店铺 s2：导出已 9 天"),
    ("a3", "s3", "dsr_below_healthy", "warning", "Store s3: DSR 4.5", "店铺 s3：DSR 4.5"),
    ("a4", None, "run_failed", "critical", "The nightly run did not publish", "夜间任务未能发布"),
]


def _working_db(path: Path, acme_hook: str) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema audit; create schema raw; create schema staging")
    con.execute(f"create table audit.alerts ({ALERTS_COLUMNS})")
    con.executemany(
        "insert into audit.alerts values (?, 'r1', timestamp '2026-01-01 03:00:00', ?, ?, ?, "
        "'raised', 1, 0, ?, ?)",
        ALERTS,
    )
    con.execute(
        "create table raw.clients (source_file varchar, line bigint, store_id varchar, "
        "client_id varchar, alert_email varchar, alert_webhook varchar, lang varchar, "
        "error varchar)"
    )
    con.execute(
        "insert into raw.clients values "
        "('clients.csv', 1, 's1', 'acme', 'ops@acme.example', ?, 'en', null), "
        "('clients.csv', 2, 's2', 'beta', 'boss@beta.example', null, 'zh', null)",
        [acme_hook],
    )
    con.execute(
        "create table staging.stg_clients as select store_id, client_id from raw.clients; "
        "create table staging.stg_client_langs as select client_id, lang from raw.clients"
    )
    con.close()
    return path


def _deliveries(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select alert_id, channel, audience, target, attempts, delivered_at is not null, "
            "last_error from audit.alert_deliveries where channel <> 'outbox' order by all"
        ).fetchall()
    finally:
        con.close()


def test_every_alert_arrives_exactly_once_across_two_runs(tmp_path, monkeypatch) -> None:
    with webhook_server(refuse_first=1) as hook, smtp_server() as (smtp_url, mails):
        db = _working_db(tmp_path / "warehouse.duckdb", f"{hook.url}/acme?token=s3cret")
        monkeypatch.setenv("ASW_ALERT_WEBHOOK", f"{hook.url}/agency?token=agency-s3cret")
        monkeypatch.setenv("ASW_SMTP_URL", smtp_url)
        monkeypatch.setenv("ASW_ALERT_EMAIL_FROM", "warehouse@agency.example")
        monkeypatch.setenv("ASW_ALERT_EMAIL_TO", "desk@agency.example")
        outbox = tmp_path / "outbox" / "alerts.jsonl"

        first = deliver_alerts(db, outbox)
        # the first POST (acme's webhook, a1) was refused: acme's a1 and a4 wait for the
        # next run; the agency's webhook got all four; three e-mails (agency, acme, beta)
        assert (first.new_alerts, first.pending) == (4, 2)
        assert len(first.failures) == 1 and "HTTP 503" in first.failures[0]
        assert "s3cret" not in " ".join(first.failures)
        second = deliver_alerts(db, outbox)
        assert (second.new_alerts, second.pending, second.failures) == (0, 0, [])
        third = deliver_alerts(db, outbox)
        assert (third.new_alerts, third.delivered, third.pending) == (0, 0, 0)

        got = sorted((path.split("?")[0], body["alert_id"]) for path, body in hook.received)
        assert got == sorted(
            [("/agency", a) for a in ("a1", "a2", "a3", "a4")] + [("/acme", "a1"), ("/acme", "a4")]
        )
        acme_body = next(b for p, b in hook.received if p.startswith("/acme"))
        assert acme_body["lang"] == "en" and acme_body["message"] == acme_body["message_en"]

        by_rcpt = {tuple(m.recipients): m for m in mails}
        assert sorted(by_rcpt) == [
            ("boss@beta.example",),
            ("desk@agency.example",),
            ("ops@acme.example",),
        ]
        beta = by_rcpt[("boss@beta.example",)]
        assert "店铺 s2：导出已 9 天" in beta.body and "Store s2" not in beta.body
        assert "夜间任务未能发布" in beta.body  # run-level: every client hears of it
        assert "s1" not in beta.body and "s3" not in beta.body
        acme = by_rcpt[("ops@acme.example",)]
        assert "Store s1: 2 orders overdue" in acme.body and "店铺" not in acme.body
        assert acme.sender == "warehouse@agency.example"
        agency = by_rcpt[("desk@agency.example",)]
        assert "Store s3" in agency.body and "店铺 s3" in agency.body  # both languages

    rows = _deliveries(db)
    assert all(delivered for *_, delivered, _ in rows)
    refused = [r for r in rows if r[2] == "acme" and r[1] == "webhook" and r[0] == "a1"]
    assert refused[0][4] == 2  # attempted twice, delivered once
    # targets are masked: no token, no mailbox name
    targets = {r[3] for r in rows}
    assert not any("s3cret" in t or "ops@" in t or "desk@" in t for t in targets), targets
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["alert_id"] for line in lines) == ["a1", "a2", "a3", "a4"]


def test_a_delivery_failure_is_recorded_not_raised(tmp_path, monkeypatch) -> None:
    db = _working_db(tmp_path / "warehouse.duckdb", "http://127.0.0.1:9/nothing-listens")
    monkeypatch.delenv("ASW_ALERT_WEBHOOK", raising=False)
    monkeypatch.setenv("ASW_SMTP_URL", "smtp://127.0.0.1:9")
    summary = deliver_alerts(db, tmp_path / "outbox" / "alerts.jsonl")
    assert summary.delivered == 0 and summary.pending > 0
    assert {r[6] for r in _deliveries(db) if r[4]} <= {
        "unreachable: ConnectionRefusedError",
        "ConnectionRefusedError",
    }


def test_with_no_channel_configured_alerts_go_to_the_outbox_only(tmp_path, monkeypatch) -> None:
    db = _working_db(tmp_path / "warehouse.duckdb", "")
    con = duckdb.connect(str(db))
    con.execute("update raw.clients set alert_email = null, alert_webhook = null")
    con.close()
    for name in ("ASW_ALERT_WEBHOOK", "ASW_SMTP_URL", "ASW_ALERT_EMAIL_TO"):
        monkeypatch.delenv(name, raising=False)
    outbox = tmp_path / "outbox" / "alerts.jsonl"
    first = deliver_alerts(db, outbox)
    second = deliver_alerts(db, outbox)
    assert (first.new_alerts, first.delivered, first.pending, first.failures) == (4, 0, 0, [])
    assert (second.new_alerts, second.failures) == (0, [])
    assert len(outbox.read_text(encoding="utf-8").splitlines()) == 4
    assert _deliveries(db) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_email_text_in_one_language(lang) -> None:
    from dagster_project.alerts.delivery import email_text

    alert = {"severity": "critical", "state": "raised", "code": "overdue_orders",
             "message_en": "Store s1: late", "message_zh": "店铺 s1：超时"}  # fmt: skip
    subject, body = email_text([alert], lang)
    assert ("超时" in body) == (lang == "zh") and ("late" in body) == (lang == "en")
    assert ("预警" in subject) == (lang == "zh")
