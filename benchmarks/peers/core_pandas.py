"""The core number the way an analyst would compute it with pandas, as a peer to `asw run`.

Reads every orders export, keeps each order line's latest snapshot, counts completed lines
only, sums daily units per store, and takes 1/7/30/90/180/365-day rolling sums over a dense
calendar from each store's first order day to the last order day of the inbox. No audit,
no quarantine table, no other export kind: only what the 365-day total needs.

Usage: python benchmarks/peers/core_pandas.py INBOX [STATUS_MAP_CSV]
Prints one JSON line: stores, calendar rows, as_of, and the sum of units_365d on as_of.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
HEADERS = {
    "order_id": ("订单号", "order id", "order_id"),
    "sku": ("sku", "商品编码"),
    "quantity": ("数量", "quantity"),
    "order_time": ("成交时间", "下单时间", "order time", "order_time"),
    "status": ("订单状态", "order status", "status"),
}
WINDOWS = (1, 7, 30, 90, 180, 365)
DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


def snapshot_of(path: Path) -> pd.Timestamp:
    for year, month, day in reversed(DATE_IN_NAME.findall(path.name)):
        try:
            return pd.Timestamp(datetime(int(year), int(month), int(day)))
        except ValueError:
            continue
    return pd.Timestamp(datetime.fromtimestamp(path.stat().st_mtime))


def read_export(path: Path) -> pd.DataFrame | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding=encoding, on_bad_lines="skip"
            )
            break
        except (UnicodeDecodeError, pd.errors.ParserError):
            continue
    else:
        return None
    names = {column: column.strip().lower() for column in frame.columns}
    wanted = {}
    for name, aliases in HEADERS.items():
        found = [column for column, low in names.items() if low in aliases]
        if not found:
            return None
        wanted[found[0]] = name
    frame = frame[list(wanted)].rename(columns=wanted)
    frame["line"] = range(1, len(frame) + 1)
    frame["snapshot"] = snapshot_of(path)
    frame["file_name"] = path.name
    return frame


def main() -> int:
    inbox = Path(sys.argv[1])
    status_map = (
        Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "dbt_models/seeds/status_map.csv"
    )
    frames = []
    for path in sorted(inbox.glob("*/orders/*.csv")):
        frame = read_export(path)
        if frame is not None:
            frame["store_id"] = path.parent.parent.name
            frames.append(frame)
    lines = pd.concat(frames, ignore_index=True)

    quantity = pd.to_numeric(lines["quantity"].str.strip(), errors="coerce")
    day = pd.to_datetime(
        lines["order_time"].str.strip().str[:10].str.replace("/", "-"),
        format="%Y-%m-%d",
        errors="coerce",
    )
    valid = (
        quantity.notna()
        & (quantity >= 1)
        & (quantity == quantity.round())
        & day.notna()
        & lines["order_id"].str.strip().ne("")
        & lines["sku"].str.strip().ne("")
        & lines["status"].str.strip().ne("")
    )
    lines = lines.assign(quantity=quantity, day=day)[valid]

    # The latest snapshot wins, then the later file name, then the later line.
    lines = lines.sort_values(["snapshot", "file_name", "line"]).drop_duplicates(
        ["store_id", "order_id", "sku"], keep="last"
    )
    classes = pd.read_csv(status_map, dtype=str, keep_default_na=False)
    completed = set(
        classes.loc[classes["class"] == "completed", "raw_status"].str.strip().str.lower()
    )
    status = lines["status"].str.strip().str.lower()
    known = set(classes["raw_status"].str.strip().str.lower())
    lines = lines[status.isin(known)]
    status = status[status.isin(known)]
    as_of = lines["day"].max()
    first_day = lines.groupby("store_id")["day"].min()

    counted = lines[status.isin(completed)]
    daily = counted.groupby(["store_id", "day"])["quantity"].sum()

    # One column per store over every day of the inbox: the rolling sums are then a handful
    # of vectorised calls, and each store's calendar starts at its first order day.
    days = pd.date_range(first_day.min(), as_of, freq="D")
    wide = daily.unstack("store_id").reindex(index=days, columns=first_day.index, fill_value=0.0)
    wide = wide.fillna(0.0)
    started = pd.DataFrame(days.values[:, None] >= first_day.values[None, :], index=days)
    started.columns = first_day.index
    sums = {f"units_{w}d": wide.rolling(w, min_periods=1).sum() for w in WINDOWS}
    result = pd.concat(
        {name: frame.where(started).stack().dropna() for name, frame in sums.items()}, axis=1
    ).rename_axis(["date", "store_id"])
    result = result.reset_index()
    on_as_of = result.loc[result["date"] == as_of, "units_365d"].sum()
    print(
        json.dumps(
            {
                "peer": "pandas",
                "stores": int(first_day.size),
                "rows": int(len(result)),
                "as_of": as_of.date().isoformat(),
                "units_365d_on_as_of": int(on_as_of),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
