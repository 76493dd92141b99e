"""The export kinds of exports.md: each kind's columns under both header names, with type,
required flag, range and key, and the buyer columns that are never stored.

This is the one declaration of a kind. The ingest (`ingest/specs.py`, `ingest/layout.py`),
the raw tables (`contract/raw.py`), dbt's sources and the Dagster ingest assets read it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Value type of a column → its type in the raw table. Lower case: every SQL the catalogue
# writes is lower case (DuckDB reads type names in any case).
SQL_TYPES: dict[str, str] = {
    "text": "varchar",
    "integer": "integer",
    "count": "bigint",
    "amount": "decimal(18,2)",
    "currency": "varchar",
    "score": "double",
    "timestamp": "timestamp",
    "date": "date",
}


@dataclass(frozen=True)
class Column:
    """One business column of an export (exports.md), as headers name it and ingest types it."""

    name: str
    type: str  # a key of SQL_TYPES
    required: bool
    zh: tuple[str, ...]  # Chinese headers of exports.md (the 中文 column)
    en: tuple[str, ...]  # English headers of exports.md
    low: float | None = None  # inclusive range; outside it → out_of_range:<name>
    high: float | None = None
    # Added to the raw table after its first release: an older warehouse's table gets it.
    added: bool = False

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every header the column may come under: Chinese, English, then its own name."""
        return tuple(dict.fromkeys((*self.zh, *self.en, self.name)))

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    @property
    def summary(self) -> str:
        """The column as exports.md's table row says it, in one line."""
        headers = " / ".join(self.aliases[:-1])
        bounds = ""
        if self.low is not None and self.high is not None:
            bounds = f" {self.low:g}–{self.high:g}"
        elif self.low is not None:
            bounds = f" >= {self.low:g}"
        need = "required" if self.required else "optional"
        return f"{headers}: {self.type}{bounds}, {need}."


@dataclass(frozen=True)
class ExportKind:
    """One inbox kind folder `<inbox>/<store_id>/<kind>/` and its raw table `raw.<kind>`."""

    name: str
    description: str  # what the export holds (the Dagster asset's first sentence)
    rows: str  # what one row of raw.<kind> is (dbt's source description)
    key: tuple[str, ...]  # identity of a record; the latest file's version wins
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, type_, required, zh, en, low=None, high=None, added=False) -> Column:
    zh = (zh,) if isinstance(zh, str) else zh
    en = (en,) if isinstance(en, str) else en
    return Column(name, type_, required, zh, en, low, high, added)


_SKU = ("SKU", "商品编码")

EXPORTS: tuple[ExportKind, ...] = (
    ExportKind(
        "orders",
        "Order lines of every order export (one row per file line), typed, with lineage.",
        "One row per order line per export file.",
        ("store_id", "order_id", "sku"),
        (
            _c("order_id", "text", True, "订单号", "Order ID"),
            _c("sku", "text", True, _SKU, "SKU"),
            _c("product_id", "text", False, "商品ID", "Product ID"),
            _c("category", "text", False, "类目", "Category"),
            _c("quantity", "integer", True, "数量", "Quantity", low=1),
            _c("order_time", "timestamp", True, ("成交时间", "下单时间"), "Order Time"),
            _c("paid_at", "timestamp", False, "付款时间", "Payment Time"),
            _c("amount", "amount", True, "实收金额", "Amount Received"),
            _c("currency", "currency", False, ("币种", "货币"), "Currency", added=True),
            _c("status", "text", True, "订单状态", "Order Status"),
            _c("tracking_no", "text", False, "物流单号", "Tracking Number"),
            _c("online_at", "timestamp", False, "物流上网时间", "Carrier Scan Time"),
            _c("delivered_at", "timestamp", False, "签收时间", "Delivery Time"),
        ),
    ),
    ExportKind(
        "listings",
        "SKU catalogue snapshots: listed and delisted dates per SKU.",
        "One row per SKU per listings export file.",
        ("store_id", "sku"),
        (
            _c("sku", "text", True, _SKU, "SKU"),
            _c("product_id", "text", False, "商品ID", "Product ID"),
            _c("category", "text", True, "类目", "Category"),
            _c("listed_at", "timestamp", True, "上架时间", "Listed At"),
            _c("delisted_at", "timestamp", False, "下架时间", "Delisted At"),
        ),
    ),
    ExportKind(
        "dsr",
        "Daily detailed seller ratings (description, communication, shipping).",
        "One row per store day per DSR export file.",
        ("store_id", "date"),
        (
            _c("date", "date", True, "日期", "Date"),
            _c("dsr_description", "score", True, "描述相符", "Item as Described", 0, 5),
            _c("dsr_service", "score", True, "服务态度", "Communication", 0, 5),
            _c("dsr_logistics", "score", True, "物流服务", "Shipping Speed", 0, 5),
        ),
    ),
    ExportKind(
        "traffic",
        "SKU daily funnel: visitors, add-to-cart users, paying buyers.",
        "One row per SKU day per traffic export file.",
        ("store_id", "date", "sku"),
        (
            _c("date", "date", True, "日期", "Date"),
            _c("sku", "text", True, _SKU, "SKU"),
            _c("visitors", "count", True, "访客数", "Visitors", low=0),
            _c("add_to_cart_users", "count", True, "加购人数", "Add-to-Cart Users", low=0),
            _c("paying_buyers", "count", True, "支付买家数", "Paying Buyers", low=0),
        ),
    ),
    ExportKind(
        "reviews",
        "Buyer reviews: order, time and rating.",
        "One row per order review per reviews export file.",
        ("store_id", "order_id"),
        (
            _c("order_id", "text", True, "订单号", "Order ID"),
            _c("reviewed_at", "timestamp", True, "评价时间", "Review Time"),
            _c("rating", "integer", True, "评分", "Rating", 1, 5),
        ),
    ),
    ExportKind(
        "store",
        "Store master data: name, opening day, main category.",
        "One row per store export file.",
        ("store_id",),
        (
            _c("store_name", "text", True, "店铺名称", "Store Name"),
            _c("opened_at", "date", True, "开店时间", "Opened At"),
            _c("main_category", "text", True, "主营类目", "Main Category"),
        ),
    ),
)

KINDS: tuple[str, ...] = tuple(k.name for k in EXPORTS)
BY_KIND: dict[str, ExportKind] = {k.name: k for k in EXPORTS}


def export_kind(name: str) -> ExportKind:
    return BY_KIND[name]


# An agency's client list at the inbox root: configuration, not an export kind (no
# `<store_id>/<kind>/` folder, read whole on every run); its raw table is in contract/raw.py.
CLIENTS_FILE = "clients.csv"

# Buyer columns of exports.md (Personal data): never stored, whatever the kind.
BUYER_COLUMNS = (
    "买家名称",
    "Buyer Name",
    "买家邮箱",
    "Buyer Email",
    "收货地址",
    "Shipping Address",
    "收货人",
    "Recipient",
    "联系电话",
    "手机",
    "Phone",
    "邮编",
    "Zip Code",
)

# Personal-data headers: those of exports.md and the common spellings of the same data in
# either language. A header containing one of these phrases (whatever separates the words)
# is personal, unless it is exactly a header of the kind's columns (`Store Name`, `店铺名称`).
# Only recognised columns are ever kept, so this list decides what is blanked in a recognised
# position; it is kept wide so that a column added to a kind later cannot carry buyer data.
PERSONAL_DATA = (
    *BUYER_COLUMNS,
    # names
    "Name",
    "姓名",
    "名字",
    "买家",
    "Buyer",
    "Customer",
    "客户",
    "顾客",
    "Consignee",
    "收件人",
    "联系人",
    "Contact",
    # phones
    "Mobile",
    "Tel",
    "电话",
    "Cell",
    # e-mail
    "E mail",
    "Email",
    "邮箱",
    "电子邮件",
    # addresses
    "Address",
    "地址",
    "Street",
    "街道",
    "Zip",
    "Postal",
    "Postcode",
    "邮政编码",
)
