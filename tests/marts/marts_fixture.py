"""Raw rows of the hand-computed mart fixture (as_of 2025-06-30).

Every row is written out so that the expected numbers in the test files can be
derived from metrics.md with pencil and paper. Stores:

- s1: established store (first order 2024-06-01), online_at data, listings,
  DSR, traffic, reviews; lines at every window boundary, a refund, logistics
  timing cases, a price spike, review and test-SKU findings.
- s2: steady store without online_at: 9/11 units on alternate days for 90 days
  (volatility exactly 0.1), plus one 900-unit apparel line (category tie).
- s3: new store opened 2025-05-01 (store file, main category Toys -> other).
- s4: snapshot tie rules and unknown statuses; store file opened after as_of.
- s5: only an unknown-status line, so not a store of the marts.
- s6: sales on 2024-12-01 only (volatility NULL on as_of), SKU category ties.
- s7: money: yuan and euro amounts, a currency without a rate (see the Money block).
- s9: export coverage up to as_of, the top-100 roll-off, refund / review / dispute rates.
- s10: stale order exports after a gap of more than 90 days; fresh, quarantined-only and
  rejected exports of the other kinds (see the last block).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

AS_OF = "2025-06-30"

# (ingest_id, store_id, kind, source_file, snapshot_at)
FILES = [
    (1, "s1", "orders", "s1/orders/orders_2025-06-01.csv", "2025-06-01"),
    (2, "s1", "orders", "s1/orders/orders_2025-07-01.csv", "2025-07-01"),
    (3, "s1", "listings", "s1/listings/listings_2025-01-01.csv", "2025-01-01"),
    (4, "s1", "listings", "s1/listings/listings_2025-07-01.csv", "2025-07-01"),
    (5, "s1", "dsr", "s1/dsr/dsr_2025-07-01.csv", "2025-07-01"),
    (6, "s1", "traffic", "s1/traffic/traffic_2025-07-01.csv", "2025-07-01"),
    (7, "s1", "reviews", "s1/reviews/reviews_2025-07-01.csv", "2025-07-01"),
    (8, "s2", "orders", "s2/orders/orders_2025-07-01.csv", "2025-07-01"),
    (9, "s3", "orders", "s3/orders/orders_2025-07-01.csv", "2025-07-01"),
    (10, "s3", "store", "s3/store/store_2025-07-01.csv", "2025-07-01"),
    (11, "s4", "store", "s4/store/store_2025-07-01.csv", "2025-07-01"),
    (17, "s4", "orders", "s4/orders/orders_2025-05-01.csv", "2025-05-01"),
    # Same snapshot as export_a but an earlier load: the later file name wins anyway.
    (19, "s4", "orders", "s4/orders/export_b_2025-06-01.csv", "2025-06-01"),
    (20, "s4", "orders", "s4/orders/export_a_2025-06-01.csv", "2025-06-01"),
    # An older snapshot loaded late must not win over the 2025-05-01 one.
    (21, "s4", "orders", "s4/orders/orders_2025-04-01.csv", "2025-04-01"),
    # orders_2025-05-01.csv downloaded again with new content: the newer load wins.
    (22, "s4", "orders", "s4/orders/orders_2025-05-01.csv", "2025-05-01"),
    (23, "s5", "orders", "s5/orders/orders_2025-06-01.csv", "2025-06-01"),
    (24, "s6", "orders", "s6/orders/orders_2025-07-01.csv", "2025-07-01"),
    (25, "s6", "orders", "s6/orders/orders_2025-06-01.csv", "2025-06-01"),
    (26, "s6", "orders", "s6/orders/zz_2025-07-01.csv", "2025-07-01"),
    (27, "s1", "dsr", "s1/dsr/dsr_2025-06-01.csv", "2025-06-01"),
    (28, "s1", "traffic", "s1/traffic/traffic_2025-06-28.csv", "2025-06-28"),
    (29, "s3", "store", "s3/store/store_2025-01-01.csv", "2025-01-01"),
]


def _plus_day(text: str) -> str:
    return (datetime.fromisoformat(text) + timedelta(days=1)).isoformat(sep=" ")


def _order(
    order_id,
    sku,
    category,
    quantity,
    order_time,
    amount,
    status,
    *,
    paid_at="order_time",
    online_at="next_day",
    delivered_at=None,
):
    """One order line; by default paid at order time and scanned 24 h later."""
    paid = order_time if paid_at == "order_time" else paid_at
    online = _plus_day(paid) if online_at == "next_day" else online_at
    return {
        "order_id": order_id,
        "sku": sku,
        "category": category,
        "quantity": quantity,
        "order_time": order_time,
        "paid_at": paid,
        "amount": amount,
        "status": status,
        "online_at": online,
        "delivered_at": delivered_at,
    }


DONE = "交易完成"
SHIPPED = "已发货"

S1_EARLY = [
    # The 2025-06-01 export still shows the order completed; 2025-07-01 says refunded.
    _order("o-ref", "A-TEE", "服装", 1000, "2025-05-20 10:00:00", "10000.00", DONE),
]

S1_LATEST = [
    _order("o-old1", "A-OLD", "服装", 3, "2024-06-01 10:00:00", "30.00", DONE),
    _order("o-t1", "A-TEE", "服装", 1, "2024-06-30 23:59:59", "10.00", DONE),  # D-365
    _order("o-t2", "A-TEE", "服装", 2, "2024-07-01 00:00:00", "20.00", DONE),  # D-364
    _order("o-chp1", "A-CHEAP", "Home & Garden", 1, "2024-09-01 10:00:00", "10.00", DONE),
    _order("o-bulk12", "A-BULK", "Apparel", 31000, "2024-12-15 10:00:00", "100000.00", DONE),
    _order("o-old2", "A-OLD", "服装", 5, "2024-12-20 10:00:00", "50.00", DONE),
    _order("o-t3", "A-TEE", "服装", 4, "2025-01-01 12:00:00", "40.00", DONE),  # D-180
    _order("o-t4", "A-TEE", "服装", 8, "2025-01-02 12:00:00", "80.00", DONE),  # D-179
    _order("o-bulk01", "A-BULK", "Apparel", 32000, "2025-01-15 10:00:00", "100000.00", DONE),
    _order("o-bulk02", "A-BULK", "Apparel", 30000, "2025-02-15 10:00:00", "100000.00", DONE),
    _order("o-bulk03", "A-BULK", "Apparel", 33000, "2025-03-15 10:00:00", "100000.00", DONE),
    _order("o-t5", "A-TEE", "服装", 16, "2025-04-01 12:00:00", "160.00", DONE),  # D-90
    _order("o-t6", "A-TEE", "服装", 32, "2025-04-02 12:00:00", "320.00", DONE),  # D-89
    _order("o-bulk04", "A-BULK", "Apparel", 34000, "2025-04-15 10:00:00", "100000.00", DONE),
    _order("o-bulk05", "A-BULK", "Apparel", 35000, "2025-05-15 10:00:00", "100000.00", DONE),
    _order("o-ref", "A-TEE", "服装", 1000, "2025-05-20 10:00:00", "10000.00", "已退款"),
    # A-SPIKE lines say 家居 but its listing says Apparel (benchmark price 12).
    _order("o-spk1", "A-SPIKE", "家居", 30, "2025-05-25 10:00:00", "300.00", DONE),
    _order("o-t7", "A-TEE", "服装", 64, "2025-05-31 12:00:00", "640.00", DONE),  # D-30
    _order("o-t8", "A-TEE", "服装", 128, "2025-06-01 12:00:00", "1280.00", DONE),  # D-29
    _order("o-spk2", "A-SPIKE", "家居", 3, "2025-06-05 10:00:00", "15.00", DONE),
    _order("o-chp2", "A-CHEAP", "服饰", 5, "2025-06-10 10:00:00", "10.00", DONE),
    _order("o-chp3", "A-CHEAP", None, 1, "2025-06-12 10:00:00", "10.00", DONE),
    _order("o-spk3", "A-SPIKE", "家居", 10, "2025-06-20 10:00:00", "50.00", DONE),
    # Same SKU-day, refunded: neither in the spike's units nor in its average price.
    _order("o-spk4", "A-SPIKE", "家居", 100, "2025-06-20 11:00:00", "10000.00", "已退款"),
    _order("o-t9", "A-TEE", "服装", 256, "2025-06-23 12:00:00", "2560.00", DONE),  # D-7
    _order("o-t10", "A-TEE", "服装", 512, "2025-06-24 12:00:00", "5120.00", DONE),  # D-6
    _order("o-t10", "A-REV", "Apparel", 1, "2025-06-24 12:00:00", "10.00", DONE),
    _order(
        "o-t11",
        "A-TEE",
        "服装",
        1024,
        "2025-06-30 12:00:00",
        "10240.00",
        DONE,
        online_at="2025-06-30 20:00:00",
    ),
    # After as_of: in no figure of the marts.
    _order("o-fut", "A-TEE", "服装", 2000, "2025-07-01 00:30:00", "20000.00", DONE, online_at=None),
    _order(
        "o-nopay",
        "A-TEE",
        "服装",
        7,
        "2025-06-28 10:00:00",
        "70.00",
        "等待买家付款",
        paid_at=None,
        online_at=None,
    ),
    # Review invitations: delivered day window [2025-05-31, 2025-06-27].
    _order(
        "o-r1",
        "A-REV",
        "Apparel",
        1,
        "2025-06-24 10:00:00",
        "10.00",
        DONE,
        delivered_at="2025-06-27 18:00:00",
    ),
    _order(
        "o-r2",
        "A-REV",
        "Apparel",
        1,
        "2025-05-27 10:00:00",
        "10.00",
        DONE,
        delivered_at="2025-05-31 08:00:00",
    ),
    _order(
        "o-r3",
        "A-REV",
        "Apparel",
        1,
        "2025-06-24 11:00:00",
        "10.00",
        DONE,
        delivered_at="2025-06-28 09:00:00",
    ),
    _order(
        "o-r4",
        "A-REV",
        "Apparel",
        1,
        "2025-05-25 11:00:00",
        "10.00",
        DONE,
        delivered_at="2025-05-30 20:00:00",
    ),
    _order(
        "o-r5",
        "A-REV",
        "Apparel",
        1,
        "2025-06-05 10:00:00",
        "10.00",
        DONE,
        delivered_at="2025-06-10 10:00:00",
    ),
    _order(
        "o-r6",
        "A-REV",
        "Apparel",
        1,
        "2025-06-05 11:00:00",
        "10.00",
        DONE,
        delivered_at="2025-06-10 11:00:00",
    ),
    _order(
        "o-r7",
        "A-REV",
        "Apparel",
        1,
        "2025-06-08 10:00:00",
        "10.00",
        DONE,
        delivered_at="2025-06-20 10:00:00",
    ),
    _order(
        "o-r7",
        "A-REV2",
        "Apparel",
        1,
        "2025-06-08 10:00:00",
        "10.00",
        "已退款",
        delivered_at="2025-06-12 10:00:00",
    ),
    # Logistics timing cases (in progress, so no counted units).
    _order(
        "o-l1",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-10 10:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-12 10:00:00",
    ),
    _order(
        "o-l2",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-10 10:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-12 10:00:01",
    ),
    _order("o-l3", "A-LOG", "Apparel", 1, "2025-06-28 12:00:00", "10.00", SHIPPED, online_at=None),
    _order("o-l4", "A-LOG", "Apparel", 1, "2025-06-28 00:00:00", "10.00", SHIPPED, online_at=None),
    _order("o-l5", "A-LOG", "Apparel", 1, "2025-06-27 23:00:00", "10.00", SHIPPED, online_at=None),
    _order("o-l6", "A-LOG", "Apparel", 1, "2025-06-29 12:00:00", "10.00", SHIPPED, online_at=None),
    _order(
        "o-l7",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-29 06:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-30 06:00:00",
    ),
    _order(
        "o-l8",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-30 20:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-07-01 00:00:00",
    ),
    _order(
        "o-l9",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-30 20:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-07-01 00:00:01",
    ),
    _order(
        "o-l10",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-05 10:00:00",
        "10.00",
        "等待买家收货",
        online_at=None,
        delivered_at="2025-06-06 09:00:00",
    ),
    # Order-level paid_at / scan time: earliest over the two lines (08:00 -> 06-16 09:00).
    _order(
        "o-l11",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-15 08:00:00",
        "10.00",
        SHIPPED,
        paid_at="2025-06-15 10:00:00",
        online_at="2025-06-18 10:00:00",
    ),
    _order(
        "o-l11",
        "A-LOG2",
        "Apparel",
        1,
        "2025-06-15 08:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-16 09:00:00",
    ),
    _order(
        "o-l12", "A-LOG", "Apparel", 1, "2025-06-20 10:00:00", "10.00", "已取消", online_at=None
    ),
    _order("o-l13", "A-LOG", "Apparel", 1, "2025-06-21 10:00:00", "10.00", "物流异常"),
    _order(
        "o-l14",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-02 10:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-05 10:00:01",
    ),
    _order(
        "o-l15",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-03 10:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-06 10:00:00",
    ),
    _order(
        "o-l16",
        "A-LOG",
        "Apparel",
        1,
        "2025-06-10 10:00:00",
        "10.00",
        SHIPPED,
        online_at="2025-06-20 10:00:00",
    ),
]


def _s2_lines():
    lines = [
        _order(
            "o-s1",
            "A-SOCK",
            "CLOTHING",
            900,
            "2025-01-10 10:00:00",
            "9000.00",
            "Finished",
            online_at=None,
            delivered_at="2025-01-15 10:00:00",
        ),
    ]
    first = date(2025, 4, 2)
    for k in range(90):
        quantity = 9 if k % 2 == 0 else 11
        day = (first + timedelta(days=k)).isoformat()
        lines.append(
            _order(
                f"o-e{k:02d}",
                "E-CAB",
                "Consumer Electronics",
                quantity,
                f"{day} 12:00:00",
                f"{quantity * 20}.00",
                "Completed",
                online_at=None,
            )
        )
    return lines


S2_LINES = _s2_lines()

S3_LINES = [
    _order("o-c1", "T-CAR", "Toys", 1, "2025-05-10 10:00:00", "10.00", SHIPPED),
    _order("o-c2", "T-CAR", "Toys", 600, "2025-05-20 10:00:00", "6000.00", DONE),
    _order(
        "o-c3",
        "T-CAR",
        "Toys",
        498,
        "2025-06-15 10:00:00",
        "4980.00",
        DONE,
        online_at="2025-06-16 09:00:00",
    ),
]


def _s4(order_id, quantity, order_time, status):
    return _order(
        order_id,
        "H-MUG",
        "家居",
        quantity,
        order_time,
        f"{quantity * 10}.00",
        status,
        online_at=None,
    )


S4_BY_INGEST = {
    17: [
        _s4("o-t3", 4, "2025-04-10 10:00:00", "Completed"),
        _s4("o-t4", 5, "2025-04-12 10:00:00", "Shipped"),
        _s4("o-u2", 1, "2025-04-11 10:00:00", "Shipped"),
    ],
    19: [
        _s4("o-t1", 2, "2025-05-20 10:00:00", DONE),
        _s4("o-t2", 3, "2025-05-21 10:00:00", DONE),
        _s4("o-u1", 7, "2025-03-01 10:00:00", "Awaiting Pickup"),
        _s4("o-u2", 1, "2025-04-11 10:00:00", "待揽收"),
        _s4("o-t2", 6, "2025-05-21 10:00:00", "已取消"),
    ],
    20: [_s4("o-t1", 2, "2025-05-20 10:00:00", SHIPPED)],
    21: [_s4("o-t3", 4, "2025-04-10 10:00:00", "Awaiting Shipment")],
    22: [
        _s4("o-t3", 4, "2025-04-10 10:00:00", "Completed"),
        _s4("o-t4", 5, "2025-04-12 10:00:00", "DELIVERED"),
        _s4("o-u2", 1, "2025-04-11 10:00:00", "Shipped"),
    ],
}

# Dated after every other line: a quarantined line must not move the default as_of.
S5_LINES = [_order("o-x1", "X-1", "Toys", 3, "2025-07-05 10:00:00", "30.00", "Pending Review")]


# s6 sells on 2024-12-01 only: volatility 0 on its first day, NULL once the 90 days
# hold no unit.
def _s6(order_id, sku, category, quantity):
    return _order(
        order_id,
        sku,
        category,
        quantity,
        "2024-12-01 10:00:00",
        f"{quantity * 10}.00",
        "Completed",
        online_at=None,
    )


# P-TIE and P-TIE2 have no listing and all their lines share one order_time, so their
# category comes from the order-line tie rules.
S6_BY_INGEST = {
    24: [
        _s6("o-p1", "H-POT", "家居园艺", 2),
        _s6("o-tie1", "P-TIE", "Home & Garden", 1),
        _s6("o-tie2", "P-TIE", "消费电子", 1),  # later line of the latest snapshot: wins
        _s6("o-tie5", "P-TIE2", "消费电子", 1),
    ],
    25: [_s6("o-tie3", "P-TIE", "Apparel", 1)],  # older snapshot
    26: [_s6("o-tie6", "P-TIE2", "Apparel", 1)],  # same snapshot, later file name: wins
}

ORDERS_BY_INGEST = {
    1: S1_EARLY,
    2: S1_LATEST,
    8: S2_LINES,
    9: S3_LINES,
    23: S5_LINES,
}
ORDERS_BY_INGEST.update(S6_BY_INGEST)
ORDERS_BY_INGEST.update(S4_BY_INGEST)

# (ingest_id, sku, category, listed_at, delisted_at)
LISTINGS = [
    (3, "A-BULK", "Apparel", "2024-05-01", None),
    (3, "A-TEE", "服装", "2024-05-01", None),
    (3, "A-SPIKE", "Apparel", "2024-05-01", None),
    (3, "A-OLD", "服装", "2024-05-01", None),
    (3, "A-MIS", "Apparel", "2024-05-01", None),
    # Missing from the newer file: this record still stands.
    (3, "A-IDLE", "Apparel", "2024-05-01", None),
    (4, "A-BULK", "Apparel", "2024-05-01", None),
    (4, "A-TEE", "服装", "2024-05-01", None),
    (4, "A-SPIKE", "Apparel", "2024-05-01", None),
    # Delisted in the afternoon: as a calendar day, not listed on 2025-03-01 at all.
    (4, "A-OLD", "服装", "2024-05-01", "2025-03-01 15:00:00"),
    (4, "A-MIS", "Apparel", "2024-05-01", None),
    (4, "A-NEW", "Consumer Electronics", "2025-06-26 15:00:00", None),
    (4, "A-NEW2", "Apparel", "2025-06-23 09:00:00", None),
    (4, "A-NEW3", "Apparel", "2025-06-27 00:00:00", None),
]

# (date, description, service, logistics), all s1, by ingest_id
DSR = {
    5: [
        ("2025-04-01", 4.0, 4.0, 4.0),
        ("2025-04-02", 4.8, 4.9, 4.8),
        ("2025-05-15", 4.9, 4.8, 4.8),
        ("2025-06-30", 4.8, 4.8, 4.9),
    ],
    # An older export of 05-15: replaced by the 2025-07-01 file's row, not averaged in.
    27: [("2025-05-15", 1.0, 1.0, 1.0)],
}

# (date, sku, visitors, add_to_cart_users, paying_buyers), all s1, by ingest_id
TRAFFIC = {
    6: [
        # Outside both diagnosis weeks (as_of-14): would hide the drop if summed in.
        ("2025-06-16", "A-MIS", 10000, 0, 0),
        ("2025-06-20", "A-MIS", 1000, 100, 50),
        ("2025-06-27", "A-MIS", 1000, 110, 20),
        ("2025-06-18", "A-TEE", 500, 50, 20),
        ("2025-06-25", "A-TEE", 500, 70, 5),
        ("2025-06-19", "A-SPIKE", 400, 40, 20),
        ("2025-06-26", "A-SPIKE", 400, 48, 15),
        # Before A-NEW's listed day: not part of its test week.
        ("2025-06-25", "A-NEW", 1000, 0, 100),
        ("2025-06-26", "A-NEW", 40, 0, 0),
        ("2025-06-28", "A-NEW", 60, 0, 1),
        ("2025-06-24", "A-NEW2", 200, 0, 0),
        ("2025-06-27", "A-NEW3", 99, 0, 0),
    ],
    # An older export of A-MIS's 06-27: replaced, not summed in.
    28: [("2025-06-27", "A-MIS", 1000, 110, 50)],
}

# (order_id, reviewed_at, rating), all s1
REVIEWS = [
    ("o-r5", "2025-06-15 10:00:00", 5),
    ("o-r6", "2025-07-02 10:00:00", 4),
]

# (ingest_id, store_name, opened_at, main_category)
STORES = [
    (10, "Toy Corner", "2025-05-01", "Toys"),
    # An older store file: the 2025-07-01 one replaces it.
    (29, "Toy Corner", "2024-01-01", "Apparel"),
    (11, "Mug House", "2025-07-15", "家居"),
]

# An ingest-time quarantine row that audit.quarantine must carry over.
RAW_QUARANTINE = [
    ("s1", "orders", "s1/orders/orders_2025-07-01.csv", 99, "bad_integer:quantity", 2),
]


# --- Money (metrics.md, Money) -----------------------------------------------------
# s7 exports yuan and euro amounts. Rates of dbt_models/seeds/fx_rates.csv (ECB means):
# CNY 2025-05 0.13864070408798448, EUR 2025-06 1.1516190476190478. AED is not quoted by
# the ECB: no rate for any month. No store file, no online_at.
MONEY_FILES = [
    (40, "s7", "orders", "s7/orders/orders_2025-06-01.csv", "2025-06-01"),
    (41, "s7", "orders", "s7/orders/orders_2025-07-01.csv", "2025-07-01"),
]


def _money(order_id, sku, quantity, order_time, amount, currency, status=DONE):
    line = _order(order_id, sku, "服装", quantity, order_time, amount, status, online_at=None)
    line["currency"] = currency
    return line


MONEY_BY_INGEST = {
    40: [_money("o-m4", "M-TEE", 5, "2025-05-20 10:00:00", "500.00", "CNY")],
    41: [
        # 23:00 on May 31: May's rate
        _money("o-m1", "M-TEE", 10, "2025-05-31 23:00:00", "1000.00", "CNY"),
        # 00:00 on June 1: June's rate
        _money("o-m2", "M-TEE", 2, "2025-06-01 00:00:00", "100.00", "EUR"),
        _money("o-m3", "M-TEE", 1, "2025-06-10 10:00:00", "50.00", "USD"),
        # held (no rate): the 2025-06-01 CNY version of o-m4 stays in force
        _money("o-m4", "M-TEE", 5, "2025-05-20 10:00:00", "500.00", "AED"),
        # held, with no other version: in no figure
        _money("o-m5", "M-CAP", 3, "2025-06-15 10:00:00", "30.00", "AED"),
        # unknown status and no rate: held once, as unknown_status (the build whose map
        # knows 'awaiting pickup' holds it as unknown_currency)
        _money("o-m6", "M-CAP", 4, "2025-06-16 10:00:00", "40.00", "AED", "Awaiting Pickup"),
    ],
}
FILES += MONEY_FILES
ORDERS_BY_INGEST.update(MONEY_BY_INGEST)


# --- Export coverage, roll-off and rates (metrics.md, store_export_coverage,
# volume_rolloff_forecast, Rates in store_health_daily) ---------------------------
#
# - s9: one order export dated exactly as_of covering every day from its first order
#   (2024-06-30); lines on both edges of the 7- and 30-day roll-off, 69010 units in
#   365 days against home_garden's top-100 threshold 69000; refunds, disputes and
#   reviews of every rating (3 stars neutral) on both sides of the 90-day window.
# - s10: its order exports stop on 2025-06-22 (stale: 8 days > 7) after a gap of more
#   than 90 days (2025-01-11 .. 04-30); its DSR export is exactly 7 days old (fresh), its
#   traffic export loaded with every row quarantined (still a file), its listings
#   export was rejected whole (no file).
FILES += [
    (51, "s9", "orders", "s9/orders/orders_2025-06-30.csv", "2025-06-30"),
    (52, "s9", "reviews", "s9/reviews/reviews_2025-06-30.csv", "2025-06-30"),
    (53, "s9", "reviews", "s9/reviews/reviews_2025-06-01.csv", "2025-06-01"),
    (54, "s10", "orders", "s10/orders/orders_2025-01-10.csv", "2025-01-10"),
    (55, "s10", "orders", "s10/orders/orders_2025-06-22.csv", "2025-06-22"),
    (56, "s10", "dsr", "s10/dsr/dsr_2025-06-23.csv", "2025-06-23"),
    (57, "s10", "reviews", "s10/reviews/reviews_2025-06-01.csv", "2025-06-01"),
    (58, "s10", "traffic", "s10/traffic/traffic_2025-06-24.csv", "2025-06-24"),
]
# Files rejected whole at ingest: a row of raw.ingest_log with status error, no rows.
FAILED_FILES = [
    (59, "s10", "listings", "s10/listings/listings_2025-06-25.csv", "2025-06-25"),
]


def _s9(order_id, quantity, order_time, status, sku="H-VASE"):
    return _order(order_id, sku, "家居", quantity, order_time, f"{quantity * 10}.00", status)


S9_LINES = [
    _s9("o9-a", 100, "2024-06-30 10:00:00", DONE),  # as_of - 365: in no window
    _s9("o9-b", 30, "2024-07-01 00:00:00", DONE),  # as_of - 364: first day to roll off
    _s9("o9-c", 50, "2024-07-07 23:59:59", DONE),  # as_of - 365 + 7
    _s9("o9-d", 400, "2024-07-08 00:00:00", DONE),
    _s9("o9-e", 800, "2024-07-30 12:00:00", DONE),  # as_of - 365 + 30
    _s9("o9-f", 1600, "2024-07-31 00:00:00", DONE),
    _s9("o9-g", 65830, "2025-01-15 10:00:00", DONE),
    _s9("o9-h", 300, "2025-06-15 10:00:00", DONE),  # units_30d
    _s9("o9-i", 100, "2025-06-16 10:00:00", "已退款"),
    _s9("o9-j", 50, "2025-06-17 10:00:00", "已取消"),  # neither refunded nor completed
    _s9("o9-n", 1000, "2025-04-01 10:00:00", "已退款"),  # as_of - 90
    _s9("o9-k", 1, "2025-04-01 10:00:00", "纠纷中"),  # as_of - 90
    _s9("o9-l", 1, "2025-04-02 10:00:00", "In Dispute"),  # as_of - 89
    # the order's day is its earliest line's, 06-20; the line in dispute is of 06-21
    _s9("o9-m", 1, "2025-06-20 10:00:00", "等待发货"),
    _s9("o9-m", 1, "2025-06-21 10:00:00", "纠纷中", sku="H-LAMP"),
]


def _s10(order_id, quantity, order_time, status, **kwargs):
    return _order(
        order_id, "A-S10", "Apparel", quantity, order_time, f"{quantity * 10}.00", status, **kwargs
    )


ORDERS_BY_INGEST.update(
    {
        51: S9_LINES,
        54: [
            _s10("o10-a", 2, "2024-12-01 10:00:00", DONE),
            _s10("o10-b", 3, "2025-01-05 10:00:00", DONE),
        ],
        55: [
            _s10("o10-c", 4, "2025-05-01 10:00:00", DONE),
            # unscanned 72 h after payment from 06-22 on: an issue, were s10 not stale
            _s10("o10-d", 5, "2025-06-19 10:00:00", SHIPPED, online_at=None),
        ],
    }
)

# Means of exactly 4.78, the healthy line, which doubles summed in any order miss by an ulp
# ((4.76 + 4.80) / 2 = 4.779999999999999 in binary): healthy all the same.
DSR[56] = [("2025-06-20", 4.76, 4.79, 4.75), ("2025-06-21", 4.80, 4.77, 4.81)]

# (order_id, reviewed_at, rating) by ingest_id, for stores other than s1
REVIEWS_BY_INGEST = {
    52: [
        ("o9-r1", "2025-06-01 10:00:00", 5),
        ("o9-r2", "2025-04-02 00:00:00", 4),  # as_of - 89
        ("o9-r3", "2025-06-10 10:00:00", 3),  # neutral
        ("o9-r4", "2025-06-11 10:00:00", 2),
        ("o9-r5", "2025-04-01 23:59:00", 1),  # as_of - 90
        ("o9-r6", "2025-06-05 10:00:00", 5),
        ("o9-r7", "2025-07-01 10:00:00", 5),  # after as_of
    ],
    # an older record of o9-r6: replaced by the 5 stars above, not counted
    53: [("o9-r6", "2025-06-05 10:00:00", 1)],
    57: [("o10-c", "2025-06-05 10:00:00", 3)],
}

RAW_QUARANTINE += [
    ("s10", "traffic", "s10/traffic/traffic_2025-06-24.csv", 1, "bad_integer:visitors", 58),
]


# clients.csv of the agency (line, store_id, client_id, lang, error): acme holds s1 and s2;
# s4 is listed under beta and gamma, so both are in error and their stores (s3 too) get
# no client; s9 has no line. clients: acme (en, 2 stores of the marts).
CLIENTS = [
    (1, "s1", "acme", "en", None),
    (2, "s2", "acme", None, None),
    (3, "s3", "beta", "zh", None),
    (4, "s4", "beta", None, "store s4 is listed under two clients: beta (line 4), gamma (line 5)"),
    (5, "s4", "gamma", None, "store s4 is listed under two clients: beta (line 4), gamma (line 5)"),
]
