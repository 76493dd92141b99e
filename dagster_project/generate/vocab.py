"""Texts the synthetic exports are made of: headers, statuses, categories, fake buyers.

Everything here is a plain constant; `sql_list` turns a Python list into a DuckDB list
literal so the generator can pick values by index inside SQL.
"""

from __future__ import annotations

from datetime import date

# Order-line states the timeline produces; the index is the `state` code used in SQL.
STATES = (
    "awaiting_payment",
    "awaiting_shipment",
    "shipped",
    "awaiting_confirmation",
    "completed",
    "closed",
    "cancelled",
    "refunded",
    "rejected",
    "logistics_exception",
    "in_dispute",
)

# Per language and state, the status texts a seller centre writes (a store uses one
# variant, picked by its `status_variant`), all of them in the spec's status_map.
STATUS_TEXTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "zh": (
        ("等待买家付款",),
        ("等待发货",),
        ("已发货",),
        ("等待买家收货",),
        ("交易完成", "已完成", "已确认收货", "系统自动确认收货"),
        ("订单关闭",),
        ("已取消",),
        ("已退款", "退款成功"),
        ("拒收",),
        ("物流异常", "未妥投"),
        ("纠纷中",),
    ),
    "en": (
        ("Awaiting Payment",),
        ("Awaiting Shipment",),
        ("Shipped",),
        ("Awaiting Buyer Confirmation",),
        ("Finished", "Completed", "Confirmed", "Delivered"),
        ("Closed",),
        ("Cancelled",),
        ("Refunded",),
        ("Rejected",),
        ("Logistics Exception", "Delivery Failed"),
        ("In Dispute",),
    ),
}

# A status no status_map knows: such rows are held back by the warehouse.
UNKNOWN_STATUS = {"zh": "待处理", "en": "Pending Review"}

# --- Money: stores that export yuan or euro amounts (exports.md, amount and currency) ---
# Last month the bundled fx_rates seed has a rate for (tests/test_generate.py checks it):
# lines of later months are written in USD, so that the demo holds no line for a missing
# rate (a seller's real exports would be held until `asw fx-rates` is run again).
RATES_THROUGH = date(2026, 9, 1)
# Rough USD per unit, only to give local price points; the warehouse converts with
# the ECB rates of the seed.
LOCAL_USD_PER_UNIT = {"CNY": 0.14, "EUR": 1.1}
# Amount prefixes of exports.md for each currency, as sellers write them. GBK has no `¥`
# (U+00A5) nor `€`: a GBK file uses the others.
AMOUNT_PREFIXES = {
    "CNY": ("CN¥", "￥", "¥", "RMB", "CNY", "cn¥ ", "¥ ", "rmb "),
    "EUR": ("€", "EUR", "€ ", "eur "),
}
GBK_SAFE_PREFIXES = {
    "CNY": ("￥", "RMB", "CNY", "rmb ", "￥ "),
    "EUR": ("EUR", "eur ", "Eur"),
}
# Values of the currency column (币种 / 货币 / Currency): any case; RMB means CNY.
CURRENCY_VALUES = {"CNY": ("CNY", "cny", "RMB"), "EUR": ("EUR", "eur"), "USD": ("USD", "usd")}

# Category classes (index = category code) and how each language writes them.
CATEGORY_CLASSES = ("apparel", "consumer_electronics", "home_garden", "other")
CATEGORY_TEXTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "zh": (
        ("服饰", "服装"),
        ("消费电子",),
        ("家居园艺", "家居"),
        ("美妆个护", "玩具", "运动娱乐", "汽车配件"),
    ),
    "en": (
        ("Apparel", "Clothing"),
        ("Consumer Electronics",),
        ("Home & Garden",),
        ("Beauty & Health", "Toys & Hobbies", "Sports & Entertainment", "Automobiles"),
    ),
}
# Share of stores whose main category is each class, and per class the median unit
# price (USD) and log-normal spread: electronics are dearer and more spread out.
MAIN_CATEGORY_WEIGHTS = (0.35, 0.25, 0.25, 0.15)
PRICE_MEDIAN = (11.0, 29.0, 16.0, 8.0)
PRICE_SIGMA = (0.5, 0.9, 0.6, 0.5)
SKU_PREFIX = ("APP", "CE", "HG", "GEN")

# Demand multipliers by (month, day): the Super March Sale, 9.9, 11.11 and Black Friday,
# and the Chinese New Year slowdown of early February.
PROMO_DAYS: dict[tuple[int, int], float] = {
    **{(3, d): 1.7 for d in (25, 26, 27, 29)},
    (3, 28): 2.3,
    (9, 8): 1.3,
    (9, 9): 2.6,
    (9, 10): 1.4,
    (11, 10): 1.7,
    (11, 11): 4.0,
    (11, 12): 1.8,
    **{(11, d): 1.4 for d in (27, 28, 29, 30)},
    **{(2, d): 0.75 for d in range(1, 13)},
}
# Monday .. Sunday.
WEEKDAY_FACTORS = (1.06, 1.02, 1.0, 0.98, 0.95, 0.92, 1.07)

# Column headers per kind: (key, Chinese names, English names). A store writes one
# Chinese or English variant of each; keys starting with "_" are extra columns the
# warehouse ignores or drops (personal data).
HEADERS: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "orders": (
        ("order_id", ("订单号",), ("Order ID", "order id")),
        ("order_time", ("下单时间", "成交时间"), ("Order Time", "order time")),
        ("paid_at", ("付款时间",), ("Payment Time", "payment time")),
        ("status", ("订单状态",), ("Order Status", "order status")),
        ("sku", ("SKU", "商品编码"), ("SKU", "sku")),
        ("product_id", ("商品ID",), ("Product ID", "product id")),
        ("category", ("类目",), ("Category", "category")),
        ("quantity", ("数量",), ("Quantity", "quantity")),
        ("amount", ("实收金额",), ("Amount Received", "amount received")),
        # written only by stores whose exports have the column
        ("currency", ("币种", "货币"), ("Currency", "currency")),
        ("_shipping_fee", ("运费",), ("Shipping Fee", "shipping fee")),
        ("_buyer_name", ("买家名称",), ("Buyer Name", "buyer name")),
        ("_phone", ("联系电话",), ("Phone", "phone")),
        ("_address", ("收货地址",), ("Shipping Address", "shipping address")),
        ("_zip", ("邮编",), ("Zip Code", "zip code")),
        ("tracking_no", ("物流单号",), ("Tracking Number", "tracking number")),
        ("online_at", ("物流上网时间",), ("Carrier Scan Time", "carrier scan time")),
        ("delivered_at", ("签收时间",), ("Delivery Time", "delivery time")),
    ),
    "listings": (
        ("sku", ("SKU", "商品编码"), ("SKU", "sku")),
        ("product_id", ("商品ID",), ("Product ID", "product id")),
        ("category", ("类目",), ("Category", "category")),
        ("listed_at", ("上架时间",), ("Listed At", "listed at")),
        ("delisted_at", ("下架时间",), ("Delisted At", "delisted at")),
    ),
    "dsr": (
        ("date", ("日期",), ("Date", "date")),
        ("dsr_description", ("描述相符",), ("Item as Described", "item as described")),
        ("dsr_service", ("服务态度",), ("Communication", "communication")),
        ("dsr_logistics", ("物流服务",), ("Shipping Speed", "shipping speed")),
    ),
    "traffic": (
        ("date", ("日期",), ("Date", "date")),
        ("sku", ("SKU", "商品编码"), ("SKU", "sku")),
        ("visitors", ("访客数",), ("Visitors", "visitors")),
        ("add_to_cart_users", ("加购人数",), ("Add-to-Cart Users", "add-to-cart users")),
        ("paying_buyers", ("支付买家数",), ("Paying Buyers", "paying buyers")),
    ),
    "reviews": (
        ("order_id", ("订单号",), ("Order ID", "order id")),
        ("reviewed_at", ("评价时间",), ("Review Time", "review time")),
        ("rating", ("评分",), ("Rating", "rating")),
    ),
    "store": (
        ("store_name", ("店铺名称",), ("Store Name", "store name")),
        ("opened_at", ("开店时间",), ("Opened At", "opened at")),
        ("main_category", ("主营类目",), ("Main Category", "main category")),
    ),
}

# Fake buyers: Latin-script names and addresses (GBK can encode them).
FIRST_NAMES = (
    "Anna", "Ivan", "Olga", "Maria", "Pedro", "Lucas", "Sofia", "Emma", "Noah", "Liam",
    "Mateo", "Camila", "Dmitri", "Elena", "Jakub", "Zofia", "Ahmed", "Fatima", "Yusuf",
    "Chloe", "Hugo", "Lea", "Marco", "Giulia", "Minjun", "Seoyeon", "Diego", "Valentina",
)  # fmt: skip
LAST_NAMES = (
    "Ivanova", "Petrov", "Silva", "Santos", "Garcia", "Lopez", "Kowalski", "Nowak",
    "Martin", "Bernard", "Muller", "Schmidt", "Rossi", "Russo", "Kim", "Park", "Haddad",
    "Yilmaz", "Dubois", "Novak", "Costa", "Romero", "Smirnov", "Fischer",
)  # fmt: skip
STREETS = (
    "ul. Lenina", "Calle Mayor", "Rua Augusta", "Main St", "ul. Pulawska", "Rue de Rivoli",
    "Hauptstrasse", "Via Roma", "Gangnam-daero", "King Fahd Rd", "Av. Providencia",
    "Khreshchatyk",
)  # fmt: skip
CITIES = (
    ("Moscow", "+7"), ("Madrid", "+34"), ("Sao Paulo", "+55"), ("Warsaw", "+48"),
    ("Paris", "+33"), ("Berlin", "+49"), ("Milan", "+39"), ("Seoul", "+82"),
    ("Riyadh", "+966"), ("Santiago", "+56"), ("Kyiv", "+380"), ("Lyon", "+33"),
)  # fmt: skip

STORE_WORDS = (
    "Sunny", "Global", "Happy", "Smart", "Lucky", "Bright", "Golden", "Urban", "Cozy",
    "Star", "Ocean", "Maple", "Dragon", "Panda", "Nova", "Prime",
)  # fmt: skip
STORE_NOUNS = (
    "Store", "Official Store", "Fashion", "Tech", "Home", "Outlet", "Mall", "Shop",
    "Digital", "Living",
)  # fmt: skip


def sql_str(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def sql_list(items: tuple[str, ...] | list[str]) -> str:
    """A DuckDB list literal of strings (1-based when indexed in SQL)."""
    return "[" + ", ".join(sql_str(item) for item in items) + "]"


# The published top-100 annual units of home & garden (category_benchmarks seed): the
# store simulated near its category's top-100 line is sized against it.
TOP100_HOME_GARDEN_UNITS = 69000
