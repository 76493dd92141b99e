"""Every word the report shows, in Chinese and English: one place for both languages."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "title_overview": ("店铺总览", "Stores overview"),
    "as_of": ("数据截至", "As of"),
    "switch": ("English", "中文"),
    "search": ("搜索店铺…", "Search stores…"),
    "store": ("店铺", "Store"),
    "total_sales_volume": ("总销量", "Total sales volume"),
    "change_7d": ("7天变化", "7-day change"),
    "change_30d": ("30天变化", "30-day change"),
    "health": ("健康", "Health"),
    "eligible_programs": ("可参加活动", "Eligible programs"),
    "open_alerts": ("未关闭告警", "Open alerts"),
    "stale_exports": ("过期导出", "Stale exports"),
    "none": ("无", "none"),
    "back": ("← 返回总览", "← Back to overview"),
    "units_30d": ("30天销量", "Units, 30 days"),
    "units_7d": ("7天销量", "Units, 7 days"),
    "units_1d": ("日销量", "Daily units"),
    "sales_history": ("总销量走势", "Total sales volume over time"),
    "daily_units": ("每日销量（标出平台大促）", "Daily units (platform promotions marked)"),
    "health_metrics": ("店铺健康指标", "Store health"),
    "metric": ("指标", "Metric"),
    "value": ("数值", "Value"),
    "threshold": ("门槛", "Threshold"),
    "status": ("状态", "Status"),
    "rolloff": ("销量滚出预测", "Volume roll-off forecast"),
    "horizon": ("预测天数", "Horizon (days)"),
    "units_365d": ("365天销量", "Units, 365 days"),
    "rolloff_units": ("将滚出", "Rolling off"),
    "run_rate_units": ("按近30天补入", "Run rate in"),
    "projected_units_365d": ("预计365天销量", "Projected 365-day units"),
    "top100_threshold": ("类目Top100门槛", "Category top-100 threshold"),
    "top100_at_risk": ("Top100有风险", "Top-100 at risk"),
    "eligibility": ("活动资格清单", "Program eligibility checklist"),
    "program": ("活动", "Program"),
    "eligible": ("资格", "Eligible"),
    "shortfall": ("差距", "Shortfall"),
    "reason": ("原因", "Reason"),
    "diagnosis": ("诊断与待办", "Findings and actions"),
    "action": ("待办", "Action"),
    "date": ("日期", "Date"),
    "more_findings": ("另有 {n} 条，见 marts.store_diagnosis", "{n} more in marts.store_diagnosis"),
    "no_findings": ("没有诊断发现", "No findings"),
    "coverage": ("导出覆盖", "Export coverage"),
    "kind": ("导出类型", "Export kind"),
    "files": ("文件数", "Files"),
    "last_export": ("最近导出日", "Last export"),
    "days_since": ("距今天数", "Days since"),
    "max_age": ("最长间隔", "Max age (days)"),
    "stale": ("过期", "Stale"),
    "gap_days": ("缺口天数", "Gap days"),
    "next_promotion": ("下一个平台大促", "Next platform promotion"),
    "starts": ("开始", "starts"),
    "stock_up_by": ("备货截止日", "Stock up by"),
    "stock_up_passed": ("备货日已过，请尽快备货", "stock-up day has passed: stock up now"),
    "days_left": ("还有 {n} 天", "in {n} days"),
    "no_promotion": ("日历中没有后续大促", "No later promotion in the calendar"),
    "alerts": ("未关闭告警", "Open alerts"),
    "no_alerts": ("没有未关闭的告警", "No open alerts"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "ok": ("达标", "on target"),
    "warn": ("注意", "watch"),
    "bad": ("未达标", "below target"),
    "unknown": ("无数据", "no data"),
    "stores_count": ("{n} 家店铺", "{n} stores"),
    "no_stores": ("尚无已发布的数据", "Nothing published yet"),
    "exact_values": ("精确数值见下表", "Exact values in the table below"),
    # health metrics
    "online_48h_rate_30d": ("48小时上网率（30天）", "48 h online rate (30 days)"),
    "overdue_72h_orders": ("超72小时未上网订单", "Orders unscanned after 72 h"),
    "sku_active_rate_90d": ("动销率（90天）", "SKU active rate (90 days)"),
    "dsr_description_90d": ("DSR 描述相符（90天）", "DSR description (90 days)"),
    "dsr_service_90d": ("DSR 卖家服务（90天）", "DSR service (90 days)"),
    "dsr_logistics_90d": ("DSR 物流服务（90天）", "DSR logistics (90 days)"),
    "volatility_90d": ("销量波动系数（90天）", "Sales volatility (90 days)"),
    "refund_rate_90d": ("退款率（90天）", "Refund rate (90 days)"),
    "positive_review_rate_90d": ("好评率（90天）", "Positive review rate (90 days)"),
    "dispute_orders_90d": ("纠纷订单（90天）", "Disputed orders (90 days)"),
    # programs
    "new_store_accelerator": ("新店加速", "New store accelerator"),
    "top_brand": ("品牌顶级卖家", "Top brand"),
    "search_ads": ("搜索广告", "Search ads"),
    "overseas_warehouse": ("海外仓", "Overseas warehouse"),
    "category_top100": ("类目Top100", "Category top 100"),
    # export kinds
    "orders": ("订单", "orders"),
    "listings": ("商品", "listings"),
    "dsr": ("DSR评分", "DSR"),
    "traffic": ("流量", "traffic"),
    "reviews": ("评价", "reviews"),
}

# Diagnosis codes as actions naming the SKU or the order ({sku}, {order_id}, {date},
# {value}: the finding's metric_value formatted for people).
ACTIONS: dict[str, tuple[str, str]] = {
    "volume_freeze_risk": (
        "核查 SKU {sku} 在 {date} 的销量突增：售价低于类目均价一半，"
        "可能被冻结销量（{value} 倍基线）",
        "Check the {date} spike of SKU {sku}: sold far below the category's average price, "
        "its volume may be frozen ({value} × its baseline)",
    ),
    "logistics_bottleneck": (
        "加快发货：近30天 {value} 的订单揽收超72小时或物流异常",
        "Speed up shipping: {value} of the last 30 days' orders were scanned after 72 h or "
        "had a logistics exception",
    ),
    "listing_mismatch_suspect": (
        "检查 SKU {sku} 的主图和描述：加购稳定，转化率却下降了 {value}",
        "Check the listing images and description of SKU {sku}: add-to-cart held steady "
        "but conversion fell {value}",
    ),
    "test_sku_eliminate": (
        "考虑下架测款 SKU {sku}：测款周转化率仅 {value}",
        "Consider delisting test SKU {sku}: its test-week conversion is {value}",
    ),
    "review_invite": (
        "邀请订单 {order_id} 的买家评价（签收已 {value} 天）",
        "Invite a review for order {order_id} (delivered {value} days ago)",
    ),
}

# Which threshold draws the line of each health metric, and how its light is judged:
# (threshold for green, threshold for amber or None, direction "min" = higher is better).
HEALTH_RULES: dict[str, tuple[str, str | None, str]] = {
    "online_48h_rate_30d": ("logistics_online_target_rate", None, "min"),
    "overdue_72h_orders": ("", None, "zero"),
    "sku_active_rate_90d": ("sku_active_rate_healthy", "sku_active_rate_warning", "min"),
    "dsr_description_90d": ("dsr_healthy", None, "min"),
    "dsr_service_90d": ("dsr_healthy", None, "min"),
    "dsr_logistics_90d": ("dsr_healthy", None, "min"),
    "volatility_90d": ("volatility_benchmark", "volatility_industry", "max"),
}
# Shown in the table without a light (metrics.md sets no threshold for them).
HEALTH_PLAIN = ("refund_rate_90d", "positive_review_rate_90d", "dispute_orders_90d")
RATE_METRICS = {
    "online_48h_rate_30d",
    "sku_active_rate_90d",
    "refund_rate_90d",
    "positive_review_rate_90d",
    "logistics_bottleneck",
    "listing_mismatch_suspect",
    "test_sku_eliminate",
}


def t(key: str, **values: object) -> tuple[str, str]:
    zh, en = TEXT.get(key, (key, key))
    return zh.format(**values), en.format(**values)
