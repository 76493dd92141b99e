"""Turn the Olist marketplace sample (real orders, CC BY-NC-SA) into seller-centre exports.

A trial on real data, not a test fixture: each Olist seller becomes a store, its order
items become an English order export dated on the sample's last order day, and its
reviews a reviews export. Olist statuses map onto AliExpress status texts; carrier
pick-up becomes the carrier scan, customer delivery the delivery time.

Usage: python scripts/olist_to_inbox.py OLIST_DIR INBOX   (then: asw run --inbox INBOX)
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

STATUS = """
    case o.order_status
        when 'delivered' then 'Completed'
        when 'canceled' then 'Cancelled'
        when 'unavailable' then 'Closed'
        when 'shipped' then 'Shipped'
        when 'created' then 'Awaiting Payment'
        else 'Awaiting Shipment'
    end
"""


def convert(olist: Path, inbox: Path) -> int:
    sample = olist / "sample_4000_orders"
    con = duckdb.connect()
    con.execute(
        f"""
        create table lines as
        select
            i.seller_id as store_id,
            o.order_id as "Order ID",
            i.product_id as "SKU",
            coalesce(t.product_category_name_english, p.product_category_name) as "Category",
            count(*) as "Quantity",
            o.order_purchase_timestamp as "Order Time",
            o.order_approved_at as "Payment Time",
            round(sum(i.price::decimal(18, 2)), 2) as "Amount Received",
            {STATUS} as "Order Status",
            o.order_delivered_carrier_date as "Carrier Scan Time",
            o.order_delivered_customer_date as "Delivery Time"
        from read_csv('{sample}/olist_order_items_dataset.csv', all_varchar=true) i
        join read_csv('{sample}/olist_orders_dataset.csv', all_varchar=true) o using (order_id)
        left join read_csv('{olist}/olist_products_dataset.csv', all_varchar=true) p
            using (product_id)
        left join read_csv('{olist}/product_category_name_translation.csv', all_varchar=true) t
            using (product_category_name)
        group by all
        """
    )
    stamp = con.execute('select max("Order Time")::date from lines').fetchone()[0]
    stores = [r[0] for r in con.execute("select distinct store_id from lines").fetchall()]
    for store in stores:
        folder = inbox / store / "orders"
        folder.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"""copy (select * exclude (store_id) from lines where store_id = '{store}')
                to '{folder}/orders_{stamp}.csv' (header)"""
        )
        reviews = inbox / store / "reviews"
        reviews.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"""copy (
                select r.order_id as "Order ID", max(r.review_creation_date) as "Review Time",
                       max(r.review_score) as "Rating"
                from read_csv('{sample}/olist_order_reviews_dataset.csv', all_varchar=true) r
                where r.order_id in (select "Order ID" from lines where store_id = '{store}')
                group by 1
            ) to '{reviews}/reviews_{stamp}.csv' (header)"""
        )
    return len(stores)


if __name__ == "__main__":
    print(f"{convert(Path(sys.argv[1]), Path(sys.argv[2]))} stores written to {sys.argv[2]}")
