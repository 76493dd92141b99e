"""Per-kind columns of exports.md: header aliases, types, required flags and ranges."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | integer | count | amount | currency | score | timestamp | date
    required: bool
    aliases: tuple[str, ...]  # Chinese and English headers of exports.md
    low: float | None = None  # inclusive range; outside it → out_of_range:<name>
    high: float | None = None


def _c(name, type_, required, *aliases, low=None, high=None) -> Column:
    return Column(name, type_, required, (*aliases, name), low, high)


_SKU = ("SKU", "商品编码")
_DATE = ("日期", "Date")

SPECS: dict[str, tuple[Column, ...]] = {
    "orders": (
        _c("order_id", "text", True, "订单号", "Order ID"),
        _c("sku", "text", True, *_SKU),
        _c("product_id", "text", False, "商品ID", "Product ID"),
        _c("category", "text", False, "类目", "Category"),
        _c("quantity", "integer", True, "数量", "Quantity", low=1),
        _c("order_time", "timestamp", True, "成交时间", "下单时间", "Order Time"),
        _c("paid_at", "timestamp", False, "付款时间", "Payment Time"),
        _c("amount", "amount", True, "实收金额", "Amount Received"),
        _c("currency", "currency", False, "币种", "货币", "Currency"),
        _c("status", "text", True, "订单状态", "Order Status"),
        _c("tracking_no", "text", False, "物流单号", "Tracking Number"),
        _c("online_at", "timestamp", False, "物流上网时间", "Carrier Scan Time"),
        _c("delivered_at", "timestamp", False, "签收时间", "Delivery Time"),
    ),
    "listings": (
        _c("sku", "text", True, *_SKU),
        _c("product_id", "text", False, "商品ID", "Product ID"),
        _c("category", "text", True, "类目", "Category"),
        _c("listed_at", "timestamp", True, "上架时间", "Listed At"),
        _c("delisted_at", "timestamp", False, "下架时间", "Delisted At"),
    ),
    "dsr": (
        _c("date", "date", True, *_DATE),
        _c("dsr_description", "score", True, "描述相符", "Item as Described", low=0, high=5),
        _c("dsr_service", "score", True, "服务态度", "Communication", low=0, high=5),
        _c("dsr_logistics", "score", True, "物流服务", "Shipping Speed", low=0, high=5),
    ),
    "traffic": (
        _c("date", "date", True, *_DATE),
        _c("sku", "text", True, *_SKU),
        _c("visitors", "count", True, "访客数", "Visitors", low=0),
        _c("add_to_cart_users", "count", True, "加购人数", "Add-to-Cart Users", low=0),
        _c("paying_buyers", "count", True, "支付买家数", "Paying Buyers", low=0),
    ),
    "reviews": (
        _c("order_id", "text", True, "订单号", "Order ID"),
        _c("reviewed_at", "timestamp", True, "评价时间", "Review Time"),
        _c("rating", "integer", True, "评分", "Rating", low=1, high=5),
    ),
    "store": (
        _c("store_name", "text", True, "店铺名称", "Store Name"),
        _c("opened_at", "date", True, "开店时间", "Opened At"),
        _c("main_category", "text", True, "主营类目", "Main Category"),
    ),
}

SQL_TYPES = {
    "text": "VARCHAR",
    "integer": "INTEGER",
    "count": "BIGINT",
    "amount": "DECIMAL(18,2)",
    "currency": "VARCHAR",
    "score": "DOUBLE",
    "timestamp": "TIMESTAMP",
    "date": "DATE",
}

# Personal-data headers of exports.md: dropped while reading, also from quarantine raw lines.
PERSONAL_DATA = (
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
