"""clients.csv: which client of an agency each store belongs to, loaded into raw.clients.

The file is configuration, not an export: it is read whole on every run and replaces
raw.clients, so the mapping in force is always the file as it is now. Every line is kept
with its `error` (NULL when valid), so the marts can leave out a client in error and the
run can name the line; alert_email and alert_webhook stay in the working database.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.contract.exports import CLIENTS_FILE as CLIENTS_FILE
from dagster_project.contract.raw import CLIENTS
from dagster_project.contract.raw import CLIENTS_COLUMNS as COLUMNS
from dagster_project.contract.raw import CLIENTS_REQUIRED as REQUIRED

ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$"
EMAIL_PATTERN = r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$"
DEFAULT_LANG = "zh"


def quote_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ensure_clients_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(CLIENTS.ddl())


def display_name(path: Path, inbox: Path) -> str:
    """The file as the run names it: relative to the inbox when inside it."""
    try:
        return path.resolve().relative_to(inbox.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_clients(con: duckdb.DuckDBPyConnection, path: Path | None, inbox: Path) -> list[str]:
    """Replace raw.clients with the lines of `path`; one problem line per line in error.

    No file is no agency: raw.clients is left empty. A file that cannot be read at all is one
    problem naming the file, and no client is published from it.
    """
    ensure_clients_table(con)
    con.execute("delete from raw.clients")
    if path is None or not path.exists():
        return []
    name = display_name(path, inbox)
    if path.is_symlink() or not path.is_file():
        return [f"{name}: skipped, not a regular file; no client file is published"]
    try:
        found = [
            row[0]
            for row in con.execute(
                f"describe select * from read_csv({quote_text(str(path))}, header = true, "
                "all_varchar = true, auto_detect = true)"
            ).fetchall()
        ]
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0][:120]
        return [f"{name}: cannot be read as CSV ({reason}); no client file is published"]
    by_name = {col.strip().lower().lstrip("\ufeff"): col for col in found}
    missing = [c for c in REQUIRED if c not in by_name]
    if missing:
        return [
            f"{name} line 0 (header): missing column {', '.join(missing)} (expected "
            f"{', '.join(COLUMNS)}); no client file is published"
        ]
    picks = ", ".join(
        f"nullif(trim(\"{by_name[c]}\"), '') as {c}" if c in by_name else f"null as {c}"
        for c in COLUMNS
    )
    con.execute(
        f"create or replace temp table clients_read as select {picks} "
        f"from read_csv({quote_text(str(path))}, header = true, all_varchar = true)"
    )
    # rowid is the reading order: the line is the record ordinal, 1 = the first row under
    # the header (as in audit.quarantine).
    con.execute(
        f"""
        insert into raw.clients
        with lines as (
            select rowid + 1 as line, store_id, client_id, alert_email, alert_webhook,
                lower(lang) as lang
            from clients_read
        ),
        valid_ids as (
            select * from lines
            where regexp_full_match(coalesce(store_id, ''), '{ID_PATTERN}')
              and regexp_full_match(coalesce(client_id, ''), '{ID_PATTERN}')
        ),
        -- a store under two clients: every line of it is in error, naming the others
        two_clients as (
            select store_id,
                string_agg(distinct client_id || ' (line ' || line || ')', ', '
                    order by client_id || ' (line ' || line || ')') as listed
            from valid_ids
            group by store_id
            having count(distinct client_id) > 1
        ),
        -- a client's lang, e-mail and webhook may be given on any of its lines; two
        -- different values are a mistake that could send one client's alerts elsewhere
        conflicts as (
            select client_id,
                count(distinct lang) > 1 as lang_conflict,
                count(distinct alert_email) > 1 as email_conflict,
                count(distinct alert_webhook) > 1 as webhook_conflict
            from valid_ids group by client_id
        )
        select
            {quote_text(name)}, l.line, l.store_id, l.client_id, l.alert_email,
            l.alert_webhook, l.lang,
            case
                when l.client_id is null then 'client_id is empty'
                when not regexp_full_match(l.client_id, '{ID_PATTERN}') then
                    'client_id ''' || left(l.client_id, 80) || ''' must match [A-Za-z0-9_-]{{1,64}}'
                when l.store_id is null then 'store_id is empty'
                when not regexp_full_match(l.store_id, '{ID_PATTERN}') then
                    'store_id ''' || left(l.store_id, 80) || ''' must match [A-Za-z0-9_-]{{1,64}}'
                when t.store_id is not null then
                    'store ' || l.store_id || ' is listed under two clients: ' || t.listed
                when l.lang is not null and l.lang not in ('zh', 'en') then
                    'lang ''' || left(l.lang, 20) || ''' must be zh or en'
                when l.alert_email is not null and not (
                    list_bool_and(list_transform(
                        string_split(l.alert_email, ';'),
                        lambda a: regexp_full_match(trim(a), '{EMAIL_PATTERN}')))
                ) then 'alert_email is not an e-mail address (several: separate them with ;)'
                when l.alert_webhook is not null
                    and not regexp_full_match(l.alert_webhook, '^https?://[^\\s/]+(/\\S*)?$')
                    then 'alert_webhook must be an http:// or https:// address'
                when c.lang_conflict then
                    'client ' || l.client_id || ' has two different lang values'
                when c.email_conflict then
                    'client ' || l.client_id || ' has two different alert_email values'
                when c.webhook_conflict then
                    'client ' || l.client_id || ' has two different alert_webhook values'
            end as error
        from lines l
        left join two_clients t on l.store_id = t.store_id
            and regexp_full_match(coalesce(l.client_id, ''), '{ID_PATTERN}')
        left join conflicts c on l.client_id = c.client_id
        order by l.line
        """
    )
    con.execute("drop table clients_read")
    rows = con.execute(
        """
        select line, error, client_id from raw.clients where error is not null order by line
        """
    ).fetchall()
    problems = []
    for line, error, client_id in rows:
        held = (
            f"client {client_id} is not published"
            if client_id and "client_id" not in error
            else "the line is ignored"
        )
        problems.append(f"{name} line {line}: {error}; {held}")
    return problems
