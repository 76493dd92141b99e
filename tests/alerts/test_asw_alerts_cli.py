"""`asw alerts [--pending]`: recent alerts and what is undelivered, from the published file."""

import duckdb

from dagster_project.alerts.evaluate import ALERTS_COLUMNS
from dagster_project.alerts.ledger import PUBLISHED_DELIVERY_COLUMNS
from dagster_project.cli import main


def _serving(folder):
    folder.mkdir()
    con = duckdb.connect(str(folder / "serving.duckdb"))
    con.execute("create schema audit")
    con.execute(f"create table audit.alerts ({ALERTS_COLUMNS})")
    con.execute(
        "insert into audit.alerts values "
        "('a1', 'r1', '2026-01-01 03:00', 's1', 'overdue_orders', 'critical', 'raised', 2, 0, "
        "'Store s1: 2 orders overdue', '店铺 s1'), "
        "('a2', 'r1', '2026-01-01 03:00', 's2', 'export_stale', 'warning', 'raised', 9, 7, "
        "'Store s2: stale', '店铺 s2'), "
        "('a3', 'r2', '2026-01-02 03:00', 's2', 'export_stale', 'warning', 'cleared', null, 7, "
        "'Store s2: fresh again', '店铺 s2')"
    )
    con.execute(f"create table audit.alert_deliveries ({PUBLISHED_DELIVERY_COLUMNS})")
    con.execute(
        "insert into audit.alert_deliveries values "
        "('a1', 'webhook', 'https://hooks.example/…', 2, null, 'HTTP 503'), "
        "('a2', 'webhook', 'https://hooks.example/…', 1, '2026-01-01 03:01', null)"
    )
    con.close()


def test_lists_open_alerts_and_pending_deliveries(tmp_path, capsys) -> None:
    _serving(tmp_path / "wh")
    assert main(["alerts", "--warehouse", str(tmp_path / "wh")]) == 0
    out = capsys.readouterr().out
    assert "alerts: 1 open; the 3 most recent rows:" in out  # s2's export_stale was cleared
    assert "Store s1: 2 orders overdue" in out
    assert "undelivered: 1 (retried at the next run)" in out and "HTTP 503" in out
    assert main(["alerts", "--warehouse", str(tmp_path / "wh"), "--pending"]) == 0
    pending = capsys.readouterr().out
    assert "most recent" not in pending and "overdue_orders" in pending


def test_no_published_file_yet(tmp_path, capsys) -> None:
    assert main(["alerts", "--warehouse", str(tmp_path / "none")]) == 2
    assert "run `asw run` first" in capsys.readouterr().out
