"""The synthetic export generator writes realistic, messy, reproducible inboxes."""

from __future__ import annotations

import codecs
import csv
import io
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest

from dagster_project import contract
from dagster_project.generate import generate_inbox
from dagster_project.ingest.xlsx import xlsx_to_csv
from tests.built_once import built_once

KINDS = set(contract.KINDS)  # the generator writes every kind of the catalogue
STORE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2}|\d{8})(?!\d)")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _decode(path: Path) -> tuple[str, str]:
    """(encoding, text) the way a reader has to guess it."""
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        return "bom", raw[len(codecs.BOM_UTF8) :].decode("utf-8")
    try:
        return "utf8", raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gbk", raw.decode("gbk")


def _rows(path: Path) -> list[list[str]]:
    """The records of a CSV, or of a workbook as the ingest reads it."""
    if path.suffix == ".xlsx":
        with tempfile.TemporaryDirectory() as tmp:
            xlsx_to_csv(path, Path(tmp) / "sheet.csv", path.parent.name)
            return list(csv.reader((Path(tmp) / "sheet.csv").open(encoding="utf-8")))
    return list(csv.reader(io.StringIO(_decode(path)[1], newline="")))


def _csv_files(root: Path) -> list[Path]:
    return [p for p in _files(root) if p.suffix == ".csv"]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Generated once for all workers, and only read.
    def build(folder: Path) -> None:
        summary = generate_inbox(folder / "inbox", stores=5, days=120, seed=7, progress=None)
        assert summary.files == len(_files(folder / "inbox"))

    return built_once(tmp_path_factory, "generated_5x120", build) / "inbox"


def test_same_seed_gives_identical_bytes_and_mtimes(inbox: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_inbox(again, stores=5, days=120, seed=7, progress=None)
    first = {p.relative_to(inbox): (p.read_bytes(), p.stat().st_mtime) for p in _files(inbox)}
    second = {p.relative_to(again): (p.read_bytes(), p.stat().st_mtime) for p in _files(again)}
    assert first == second


def test_another_seed_gives_other_data(inbox: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate_inbox(other, stores=5, days=120, seed=8, progress=None)
    mine = {p.read_bytes() for p in _files(inbox)}
    theirs = {p.read_bytes() for p in _files(other)}
    assert not mine & theirs


def test_layout_has_every_kind_for_every_store(inbox: Path) -> None:
    stores = sorted(p.name for p in inbox.iterdir())
    assert stores == ["store_0001", "store_0002", "store_0003", "store_0004", "store_0005"]
    for store in inbox.iterdir():
        assert STORE_ID.match(store.name)
        assert {k.name for k in store.iterdir()} == KINDS
        assert len(list((store / "store").iterdir())) == 1
    assert {p.suffix for p in _files(inbox)} == {".csv", ".xlsx"}


def test_both_header_languages_and_a_store_without_scan_column(inbox: Path) -> None:
    headers = [_rows(next((s / "orders").iterdir()))[0] for s in sorted(inbox.iterdir())]
    lowered = [[h.lower() for h in header] for header in headers]
    assert any("订单号" in h for h in headers)
    assert any("order id" in h for h in lowered)
    with_scan = ["物流上网时间" in h or "carrier scan time" in h for h in lowered]
    assert any(with_scan) and not all(with_scan)
    # personal data travels in the order files, as in real downloads
    assert all(("买家名称" in h) or ("buyer name" in h) for h in lowered)


def test_gbk_and_bom_files_are_present(inbox: Path) -> None:
    encodings = {_decode(p)[0] for p in _csv_files(inbox)}
    assert encodings == {"utf8", "bom", "gbk"}


def test_crlf_files_are_present_in_every_encoding(inbox: Path) -> None:
    endings: dict[str, set[str]] = {}
    for path in _csv_files(inbox):
        raw = path.read_bytes()
        crlf = raw.count(b"\r\n")
        # A file ends all its lines one way.
        assert crlf in (0, raw.count(b"\n")), path
        endings.setdefault("crlf" if crlf else "lf", set()).add(_decode(path)[0])
    assert endings == {"crlf": {"utf8", "bom", "gbk"}, "lf": {"utf8", "bom", "gbk"}}


def test_workbooks_are_present_with_both_kinds_of_date_cells(inbox: Path) -> None:
    books = [p for p in _files(inbox) if p.suffix == ".xlsx"]
    assert {p.parent.name for p in books} == KINDS
    assert {p.parts[-3] for p in books} == {"store_0002", "store_0005"}
    styled = set()
    for path in books:
        with zipfile.ZipFile(path) as package:
            styled.add(b' s="1"' in package.read("xl/worksheets/sheet1.xml"))
        rows = _rows(path)
        # Every record as wide as its header, as a spreadsheet pads it, and dates as text
        # the ingest reads (Excel's serial numbers turned back into dates).
        assert rows and all(len(row) == len(rows[0]) for row in rows)
    assert styled == {True, False}
    (store_book,) = (inbox / "store_0002" / "store").iterdir()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", _rows(store_book)[1][1])


def test_utf8_only_writes_plain_utf8(tmp_path: Path) -> None:
    out = tmp_path / "plain"
    generate_inbox(out, stores=5, days=30, utf8_only=True, progress=None)
    for path in _files(out):
        assert path.suffix == ".csv", path
        raw = path.read_bytes()
        assert not raw.startswith(codecs.BOM_UTF8), path
        assert b"\r" not in raw, path
        raw.decode("utf-8")


def test_file_names_carry_the_export_date_or_an_mtime(inbox: Path) -> None:
    undated = [p for p in _files(inbox) if not DATE_IN_NAME.search(p.name)]
    dated = [p for p in _files(inbox) if DATE_IN_NAME.search(p.name)]
    assert undated and len(dated) > 2 * len(undated)
    newest = max(p.stat().st_mtime for p in undated)
    # downloads happen the morning after the last simulated day (2026-10-31)
    assert date.fromtimestamp(newest) == date(2026, 11, 1)
    assert any("orders_2026-11-01.csv" == p.name for p in dated)
    assert any("Orders20261101.csv" == p.name for p in dated)


def test_bad_rows_of_every_kind_are_present_but_rare(inbox: Path) -> None:
    seen: set[str] = set()
    total = bad = 0
    for path in _files(inbox):
        kind = path.parent.name
        rows = _rows(path)
        header = [h.strip().lower() for h in rows[0]]
        for row in rows[1:]:
            total += 1
            if len(row) != len(header):
                seen.add("field_count")
                bad += 1
                continue
            rec = dict(zip(header, row, strict=True))
            found = set()
            if kind == "orders":
                oid = rec.get("订单号", rec.get("order id"))
                qty = rec.get("数量", rec.get("quantity"))
                amount = rec.get("实收金额", rec.get("amount received"))
                status = rec.get("订单状态", rec.get("order status"))
                paid = rec.get("付款时间", rec.get("payment time"))
                when = rec.get("下单时间", rec.get("成交时间", rec.get("order time")))
                found |= {"missing_order_id"} if oid == "" else set()
                found |= {"quantity_0"} if qty == "0" else set()
                found |= {"quantity_2.5"} if qty == "2.5" else set()
                found |= {"amount_1,29.00"} if amount == "1,29.00" else set()
                found |= {"unknown_status"} if status in ("待处理", "Pending Review") else set()
                found |= {"bad_optional_ts"} if paid == "pending" else set()
                found |= {"bad_ts"} if when == "2026-02-30 25:61:00" else set()
            if kind == "reviews" and rec.get("评分", rec.get("rating")) == "6":
                found.add("rating_6")
            if kind == "dsr" and "N/A" in row:
                found.add("bad_decimal")
            seen |= found
            bad += bool(found)
    assert seen == {
        "field_count",
        "missing_order_id",
        "quantity_0",
        "quantity_2.5",
        "amount_1,29.00",
        "unknown_status",
        "bad_optional_ts",
        "bad_ts",
        "rating_6",
        "bad_decimal",
    }
    assert 0 < bad < total * 0.01


def test_a_store_younger_than_90_days(inbox: Path) -> None:
    opened = {}
    for store in inbox.iterdir():
        rows = _rows(next((store / "store").iterdir()))
        opened[store.name] = date.fromisoformat(rows[1][1])
    young = [s for s, d in opened.items() if (date(2026, 10, 31) - d).days < 90]
    assert young == ["store_0005"]
    # its order files start after it opened
    oldest_export = min(p.name for p in (inbox / "store_0005" / "orders").iterdir())
    assert oldest_export > f"orders_export_{opened['store_0005']:%Y%m%d}"


def test_statuses_change_between_overlapping_exports(inbox: Path) -> None:
    store = inbox / "store_0002"  # English headers, `orders_YYYY-MM-DD.csv` names
    by_key: dict[tuple[str, str], set[str]] = {}
    statuses: dict[str, int] = {}
    for path in sorted((store / "orders").iterdir()):
        rows = _rows(path)
        header = [h.lower() for h in rows[0]]
        iid, isku, ist = header.index("order id"), header.index("sku"), header.index("order status")
        for row in rows[1:]:
            if len(row) == len(header):
                by_key.setdefault((row[iid], row[isku]), set()).add(row[ist])
        if path.name == "orders_2026-11-01.csv":
            for row in rows[1:]:
                if len(row) == len(header):
                    statuses[row[ist]] = statuses.get(row[ist], 0) + 1
    in_several = [k for k, v in by_key.items() if len(v) > 1]
    assert len(in_several) > 100
    assert any({"Awaiting Shipment", "Shipped"} & v for v in by_key.values())
    assert any("Refunded" in v and len(v) > 2 for v in by_key.values())
    completed_texts = ("Finished", "Completed", "Confirmed", "Delivered")
    completed = sum(n for s, n in statuses.items() if s in completed_texts)
    assert completed > 0.6 * sum(statuses.values())
    assert {"Cancelled", "Awaiting Shipment", "Closed"} <= set(statuses)


def test_traffic_funnel_narrows(inbox: Path) -> None:
    for path in (inbox / "store_0003" / "traffic").iterdir():
        for row in _rows(path)[1:]:
            visitors, cart, paying = (int(v) for v in row[2:5])
            assert visitors >= cart >= paying >= 0


# --- Money: yuan and euro stores -------------------------------------------------------


def test_yuan_and_euro_stores_with_and_without_the_currency_column(inbox: Path) -> None:
    from dagster_project.generate import vocab

    prefixes: dict[str, set[str]] = {"CNY": set(), "EUR": set()}
    with_column, without_column = set(), set()
    pattern = re.compile(r"^(?i:(us\s*\$|usd|\$|cn¥|￥|¥|rmb|cny|€|eur)\s*)?[0-9,.]+$")
    meaning = {"US$": "USD", "USD": "USD", "$": "USD", "CN¥": "CNY", "￥": "CNY", "¥": "CNY"}
    meaning |= {"RMB": "CNY", "CNY": "CNY", "€": "EUR", "EUR": "EUR"}
    for path in (p for p in _files(inbox) if p.parent.name == "orders"):
        rows = _rows(path)
        header = [h.strip().lower() for h in rows[0]]
        column = next((h for h in header if h in ("币种", "货币", "currency")), None)
        for row in rows[1:]:
            if len(row) != len(header):
                continue
            rec = dict(zip(header, row, strict=True))
            amount = rec.get("实收金额", rec.get("amount received"))
            found = pattern.match(amount)
            if not found:
                continue  # a deliberately bad amount
            prefix = (found.group(1) or "").upper().replace(" ", "")
            currency = meaning.get(prefix)
            if column:
                value = rec[column].upper().replace("RMB", "CNY")
                assert currency in (None, value), (path, amount, rec[column])
                currency = value
            currency = currency or "USD"
            if currency in prefixes:
                prefixes[currency].add(found.group(1) or "")
                (with_column if column else without_column).add(currency)
    assert with_column >= {"CNY"} and without_column >= {"EUR"}
    # every prefix of exports.md, in some case and spacing
    seen = {p.upper().replace(" ", "") for ps in prefixes.values() for p in ps}
    assert seen >= {"CN¥", "￥", "¥", "RMB", "CNY", "€", "EUR"}
    assert "" in prefixes["CNY"]  # a bare amount, its currency given by the column
    assert vocab.RATES_THROUGH.isoformat() == _last_rate_month()


def _last_rate_month() -> str:
    seed = Path(__file__).resolve().parents[1] / "dbt_models" / "seeds" / "fx_rates.csv"
    months = {"CNY": "", "EUR": ""}
    for row in csv.DictReader(seed.open(newline="")):
        if row["currency"] in months:
            months[row["currency"]] = max(months[row["currency"]], row["month"])
    assert months["CNY"] == months["EUR"]
    return months["CNY"]


# --- Export coverage and roll-off cases (six stores and more) -----------------------


@pytest.fixture(scope="module")
def demo_sized_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> None:
        generate_inbox(folder / "inbox", stores=6, days=400, seed=7, progress=None)

    return built_once(tmp_path_factory, "generated_6x400", build) / "inbox"


def _export_days(folder: Path) -> set[date]:
    """Export dates of a folder's files (dated names, else the download's mtime)."""
    days = set()
    for path in folder.iterdir():
        m = DATE_IN_NAME.search(path.name)
        text = m.group(1).replace("-", "") if m else None
        days.add(
            date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if text
            else date.fromtimestamp(path.stat().st_mtime)
        )
    return days


def test_a_store_stopped_exporting_three_weeks_ago(demo_sized_inbox: Path) -> None:
    newest = date(2026, 11, 1)
    for kind in ("orders", "listings", "dsr", "traffic", "reviews"):
        days = _export_days(demo_sized_inbox / "store_0004" / kind)
        assert max(days) == date(2026, 10, 11), kind  # 21 days before the newest export
    assert max(_export_days(demo_sized_inbox / "store_0001" / "orders")) == newest


def test_a_store_misses_order_exports_for_more_than_90_days(demo_sized_inbox: Path) -> None:
    days = sorted(_export_days(demo_sized_inbox / "store_0003" / "orders"))
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    # a file covers the 90 days before its download: 196 days between two exports leave
    # 105 days no file covers
    assert max(gaps) == 196
    assert sorted(gaps)[-2] == 7
    # its other kinds go on
    assert len(_export_days(demo_sized_inbox / "store_0003" / "dsr")) == 58


def test_the_top100_store_sells_home_and_garden_at_scale(demo_sized_inbox: Path) -> None:
    rows = _rows(next((demo_sized_inbox / "store_0002" / "store").iterdir()))
    assert rows[1][2] in ("家居园艺", "Home & Garden")
    newest = demo_sized_inbox / "store_0002" / "orders"
    sizes = {p.name: p.stat().st_size for p in newest.iterdir()}
    others = {
        p.name: p.stat().st_size for p in (demo_sized_inbox / "store_0006" / "orders").iterdir()
    }
    # the largest store of the six by far (about 70 000 units a year)
    assert max(sizes.values()) > 5 * max(others.values())
