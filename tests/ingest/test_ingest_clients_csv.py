"""clients.csv: every line kept with its error; a one-line problem naming file and line."""

from pathlib import Path

import duckdb

from dagster_project.ingest import scan_inbox
from dagster_project.ingest.clients import load_clients


def _load(tmp_path: Path, text: str) -> tuple[list[str], list[tuple]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "clients.csv").write_text(text, encoding="utf-8")
    con = duckdb.connect(":memory:")
    problems = load_clients(con, inbox / "clients.csv", inbox)
    rows = con.execute(
        "select line, store_id, client_id, lang, error is null from raw.clients order by line"
    ).fetchall()
    return problems, rows


def test_valid_lines_load_with_their_line_numbers(tmp_path) -> None:
    problems, rows = _load(
        tmp_path,
        "\ufeffStore_ID , client_id,alert_email,alert_webhook,lang\n"
        "s1,acme,ops@acme.example;boss@acme.example,https://hooks.example/x?t=1,EN\n"
        "s2,acme,,,\n"
        "s2,acme,,,\n",  # the same store twice under the same client is harmless
    )
    assert problems == []
    assert rows == [(1, "s1", "acme", "en", True), (2, "s2", "acme", None, True),
                    (3, "s2", "acme", None, True)]  # fmt: skip


def test_each_bad_line_is_one_line_naming_file_and_line(tmp_path) -> None:
    problems, rows = _load(
        tmp_path,
        "store_id,client_id,alert_email,alert_webhook,lang\n"
        "s1,acme,,,en\n"
        "s2,beta,,,\n"
        "s2,gamma,,,\n"
        "s3,delta co,,,\n"
        "s 4,eps,,,\n"
        "s5,zeta,,,fr\n"
        "s6,eta,not-an-address,,\n"
        "s7,theta,,ftp://x,\n"
        "s8,acme,,,zh\n",
    )
    assert problems == [
        "clients.csv line 1: client acme has two different lang values; client acme is not "
        "published",
        "clients.csv line 2: store s2 is listed under two clients: beta (line 2), gamma "
        "(line 3); client beta is not published",
        "clients.csv line 3: store s2 is listed under two clients: beta (line 2), gamma "
        "(line 3); client gamma is not published",
        "clients.csv line 4: client_id 'delta co' must match [A-Za-z0-9_-]{1,64}; "
        "the line is ignored",
        "clients.csv line 5: store_id 's 4' must match [A-Za-z0-9_-]{1,64}; "
        "client eps is not published",
        "clients.csv line 6: lang 'fr' must be zh or en; client zeta is not published",
        "clients.csv line 7: alert_email is not an e-mail address (several: separate them "
        "with ;); client eta is not published",
        "clients.csv line 8: alert_webhook must be an http:// or https:// address; "
        "client theta is not published",
        "clients.csv line 9: client acme has two different lang values; client acme is not "
        "published",
    ]
    assert all("\n" not in p for p in problems)
    assert [ok for *_, ok in rows] == [False] * 9


def test_no_file_is_no_client_and_a_missing_header_is_one_problem(tmp_path) -> None:
    con = duckdb.connect(":memory:")
    assert load_clients(con, tmp_path / "none.csv", tmp_path) == []
    assert con.execute("select count(*) from raw.clients").fetchone() == (0,)
    problems, _ = _load(tmp_path, "store,client\ns1,acme\n")
    assert len(problems) == 1 and "missing column store_id, client_id" in problems[0]


def test_the_inbox_scan_does_not_take_clients_csv_for_a_store(tmp_path) -> None:
    (tmp_path / "s1" / "orders").mkdir(parents=True)
    (tmp_path / "clients.csv").write_text("store_id,client_id\ns1,acme\n", encoding="utf-8")
    assert scan_inbox(tmp_path).problems == []
