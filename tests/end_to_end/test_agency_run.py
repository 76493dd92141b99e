"""An agency's nightly runs: clients.csv (--clients), one file per client with no other
client's data, alerts raised once over two runs and delivered exactly once to a loopback
webhook that refuses its first POST and to an in-process SMTP server."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "alerts"))
from loopback_servers import smtp_server, webhook_server  # noqa: E402

from tests.conftest import run_asw  # noqa: E402

TOKEN = "tok-9f2e"


def _stores(inbox: Path) -> list[str]:
    return sorted(p.name for p in inbox.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def agency(small_inbox, tmp_path_factory):
    """Two runs on the same inbox; the first POST to the webhook is refused."""
    first, second, third = _stores(small_inbox)
    work = tmp_path_factory.mktemp("agency")
    with webhook_server(refuse_first=1) as hook, smtp_server() as (smtp_url, mails):
        clients = work / "clients.csv"
        clients.write_text(
            "store_id,client_id,alert_email,alert_webhook,lang\n"
            f"{first},acme,ops@acme.example,{hook.url}/acme?token={TOKEN},en\n"
            f"{second},beta,boss@beta.example,,zh\n"
            "bad store!,gamma,,,\n",
            encoding="utf-8",
        )
        warehouse = work / "warehouse"
        with pytest.MonkeyPatch.context() as env:
            env.setenv("ASW_CLIENTS", str(clients))
            env.setenv("ASW_SMTP_URL", smtp_url)
            env.setenv("ASW_ALERT_EMAIL_FROM", "warehouse@agency.example")
            env.delenv("ASW_ALERT_WEBHOOK", raising=False)
            env.delenv("ASW_ALERT_EMAIL_TO", raising=False)
            runs = [run_asw(small_inbox, warehouse), run_asw(small_inbox, warehouse)]
        yield {
            "stores": (first, second, third),
            "warehouse": warehouse,
            "runs": runs,
            "hook": hook,
            "mails": list(mails),
        }


def _query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_both_runs_publish_and_name_the_bad_line(agency) -> None:
    for code, output in agency["runs"]:
        assert code == 0, output
    output = agency["runs"][0][1]
    assert "clients.csv line 3: store_id 'bad store!' must match" in output
    assert "client gamma is not published" in output
    assert "client files: 2 (acme 1 store(s), beta 1 store(s))" in output
    assert TOKEN not in output and "ops@acme" not in output


def test_stores_and_clients_marts(agency) -> None:
    first, second, third = agency["stores"]
    serving = agency["warehouse"] / "serving.duckdb"
    assert _query(serving, "select store_id, client_id from marts.stores order by 1") == [
        (first, "acme"),
        (second, "beta"),
        (third, None),
    ]
    assert _query(serving, "select * from marts.clients order by 1") == [
        ("acme", "en", 1),
        ("beta", "zh", 1),
    ]
    assert not (agency["warehouse"] / "clients" / "gamma").exists()


def _token(text: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(text)}(?![A-Za-z0-9_-])")


def _text_values(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        values = []
        for schema, table, column in con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and database_name = current_database() and not internal"
        ).fetchall():
            values += [
                r[0]
                for r in con.execute(
                    f'select distinct "{column}" from {schema}."{table}" '
                    f'where "{column}" is not null'
                ).fetchall()
            ]
        return values
    finally:
        con.close()


def _identifiers(serving: Path, store: str) -> set[str]:
    ids = {store}
    for sql in (
        "select order_id from marts.fct_order_lines",
        "select sku from marts.sku_sales_volume",
        "select source_file from marts.fct_order_lines",
        "select file from audit.ingest_log",
    ):
        table = sql.split(" from ")[1]
        column = sql.split()[1]
        ids |= {
            r[0]
            for r in _query(
                serving, f"select distinct {column} from {table} where store_id = '{store}'"
            )
            if r[0]
        }
    return ids


def test_no_client_file_holds_another_clients_data(agency) -> None:
    first, second, third = agency["stores"]
    serving = agency["warehouse"] / "serving.duckdb"
    ids = {s: _identifiers(serving, s) for s in agency["stores"]}
    for client, own in (("acme", first), ("beta", second)):
        path = agency["warehouse"] / "clients" / client / "serving.duckdb"
        foreign = (ids[first] | ids[second] | ids[third]) - ids[own]
        patterns = [_token(t) for t in foreign]
        values = _text_values(path)
        leaks = [(p.pattern, v[:80]) for v in values for p in patterns if p.search(v)]
        assert leaks == [], (client, leaks[:5])
        assert _query(path, "select distinct store_id from marts.fct_order_lines") == [(own,)]
        assert TOKEN not in " ".join(values) and "@" not in " ".join(values)
        tool = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_contract.py"
        if tool.exists():  # a client's file has every table of the contract too
            done = subprocess.run(
                [sys.executable, str(tool), str(path), "--all"], capture_output=True, text=True
            )
            assert done.returncode == 0 and "pending" not in done.stdout, done.stdout


def test_no_secret_in_the_published_files(agency) -> None:
    serving = agency["warehouse"] / "serving.duckdb"
    text = " ".join(_text_values(serving))
    assert TOKEN not in text and "ops@acme" not in text and "boss@beta" not in text


def test_alerts_are_raised_once_and_delivered_exactly_once(agency) -> None:
    serving = agency["warehouse"] / "serving.duckdb"
    alerts = _query(serving, "select alert_id, store_id, code, state, run_id from audit.alerts")
    assert alerts, "the generated stores raise alerts"
    raised = [(s, c) for _, s, c, state, _ in alerts if state == "raised"]
    assert len(raised) == len(set(raised))  # the same inbox twice: nothing raised again
    assert len({r for *_, r in alerts}) == 1  # all from the first run
    first = agency["stores"][0]
    acme_alerts = sorted(a for a, s, *_ in alerts if s == first)
    received = sorted(body["alert_id"] for _, body in agency["hook"].received)
    assert agency["hook"].refused == 1
    assert received == acme_alerts  # refused once, then each exactly once
    assert _query(
        serving, "select count(*) from audit.alert_deliveries where delivered_at is null"
    ) == [(0,)]
    by_rcpt = {}
    for mail in agency["mails"]:
        by_rcpt.setdefault(tuple(mail.recipients), []).append(mail)
    assert sorted(by_rcpt) == [("boss@beta.example",), ("ops@acme.example",)]
    assert all(len(m) == 1 for m in by_rcpt.values())  # one e-mail each, not two
    beta = by_rcpt[("boss@beta.example",)][0]
    assert "店铺" in beta.body and "Store " not in beta.body
    acme = by_rcpt[("ops@acme.example",)][0]
    assert "Store " in acme.body and "店铺" not in acme.body
    outbox = agency["warehouse"] / "outbox" / "alerts.jsonl"
    assert len(outbox.read_text(encoding="utf-8").splitlines()) == len(alerts)
    assert (outbox.stat().st_mode & 0o077) == 0
