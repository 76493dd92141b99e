/* The report's behaviour: the language switch, the overview's search and sort, and the
   store charts (ECharts, shipped beside this file). Exact values are in the tables. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "asw-report-lang";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var charts = [];

  function lang() { return root.getAttribute("data-lang"); }
  function label(key) {
    var pair = (data.labels || {})[key];
    return pair ? pair[lang() === "zh" ? 0 : 1] : key;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "–";
    return new Intl.NumberFormat(lang() === "zh" ? "zh-CN" : "en-US",
      { maximumFractionDigits: 4 }).format(v);
  }
  function setLang(value) {
    root.setAttribute("data-lang", value);
    root.setAttribute("lang", value);
    try { localStorage.setItem(KEY, value); } catch (e) { /* file:// without storage */ }
    drawCharts();
  }
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { stored = null; }
  if (stored === "zh" || stored === "en") {
    root.setAttribute("data-lang", stored);
    root.setAttribute("lang", stored);
  }
  document.getElementById("lang-switch").addEventListener("click", function () {
    setLang(lang() === "zh" ? "en" : "zh");
  });

  /* overview: search and sort */
  var search = document.getElementById("store-search");
  if (search) {
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      document.querySelectorAll("#stores tbody tr[data-store]").forEach(function (tr) {
        tr.style.display = !q || tr.getAttribute("data-search").indexOf(q) >= 0 ? "" : "none";
      });
    });
  }
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table");
      var col = Number(th.getAttribute("data-sort"));
      var asc = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(tr) {
        var cell = tr.cells[col];
        var v = cell.getAttribute("data-value");
        if (v === null) v = cell.textContent;
        var n = Number(v);
        return v !== "" && !isNaN(n) ? n : v.toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) return 0;
        if (x === "") return 1;
        if (y === "") return -1;
        return (x < y ? -1 : 1) * (asc ? 1 : -1);
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });

  /* store charts */
  var FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", ' +
    '"WenQuanYi Micro Hei", sans-serif';
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") return;
    var c = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "svg" });
    option.textStyle = { fontFamily: FONT };
    option.tooltip = option.tooltip || { trigger: "axis", valueFormatter: fmt };
    option.animation = false;
    c.setOption(option, true);
    charts.push(c);
  }
  function line(name, values, extra) {
    var s = { name: name, type: "line", data: values, showSymbol: false, connectNulls: false };
    for (var k in extra || {}) s[k] = extra[k];
    return s;
  }
  function yAxis() { return { type: "value", axisLabel: { formatter: fmt } }; }
  function drawCharts() {
    if (data.page !== "store") return;
    var s = data.sales || {};
    var dates = s.date || [];
    chart("chart-sales", {
      legend: { top: 0 }, grid: { left: 70, right: 70, top: 40, bottom: 70 },
      xAxis: { type: "category", data: dates },
      yAxis: [yAxis(), yAxis()],
      series: [
        line(label("total_sales_volume"), s.total_sales_volume, { areaStyle: { opacity: 0.15 } }),
        line(label("units_30d"), s.units_30d, { yAxisIndex: 1 }),
        line(label("units_7d"), s.units_7d, { yAxisIndex: 1 })
      ],
      dataZoom: [{ type: "inside" }, { type: "slider" }]
    });
    var zh = lang() === "zh";
    var areas = (data.promotions || []).map(function (p) {
      return [{ name: zh ? p.name_zh : p.name_en, xAxis: p.start_date < dates[0] ? dates[0] : p.start_date },
              { xAxis: p.end_date > dates[dates.length - 1] ? dates[dates.length - 1] : p.end_date }];
    });
    chart("chart-daily", {
      grid: { left: 70, right: 30 },
      xAxis: { type: "category", data: dates },
      yAxis: yAxis(),
      series: [{
        name: label("units_1d"), type: "bar", data: s.units_1d, barCategoryGap: "10%",
        markArea: { itemStyle: { color: "rgba(255, 152, 0, 0.35)" }, label: { position: "top" },
          data: areas }
      }],
      dataZoom: [{ type: "inside" }, { type: "slider" }]
    });
    var h = data.health || {};
    var th = data.thresholds || {};
    var panels = [
      ["online_48h_rate_30d"], ["sku_active_rate_90d"],
      ["dsr_description_90d", "dsr_service_90d", "dsr_logistics_90d"], ["volatility_90d"]
    ];
    var grids = [], xs = [], ys = [], series = [];
    panels.forEach(function (metrics, i) {
      grids.push({ left: 70, right: 200, top: 30 + i * 97, height: 62 });
      xs.push({ type: "category", data: h.date || [], gridIndex: i, axisLabel: { show: i === 3 } });
      ys.push({ type: "value", gridIndex: i, scale: true, axisLabel: { formatter: fmt } });
      metrics.forEach(function (m, j) {
        var extra = { xAxisIndex: i, yAxisIndex: i };
        if (j === 0 && th[m] !== undefined) {
          extra.markLine = { symbol: "none", lineStyle: { type: "dashed", color: "#c62828" },
            label: { formatter: label("threshold") + " " + fmt(th[m]) },
            data: [{ yAxis: th[m] }] };
        }
        series.push(line(label(m), h[m], extra));
      });
    });
    chart("chart-health", {
      legend: { orient: "vertical", right: 0, top: 20 }, grid: grids, xAxis: xs, yAxis: ys,
      series: series
    });
    var r = data.rolloff || [];
    var cats = r.map(function (x) { return "+" + x.horizon_days + (zh ? "天" : " d"); });
    var top = r.length ? r[0].top100_threshold : null;
    chart("chart-rolloff", {
      legend: { top: 0 }, grid: { left: 80, right: 30, top: 40 },
      tooltip: { trigger: "axis", valueFormatter: fmt },
      xAxis: { type: "category", data: cats }, yAxis: yAxis(),
      series: [
        { name: label("units_365d"), type: "bar", data: r.map(function (x) { return x.units_365d; }) },
        { name: label("rolloff_units"), type: "bar", data: r.map(function (x) { return -x.rolloff_units; }) },
        { name: label("run_rate_units"), type: "bar", data: r.map(function (x) { return x.run_rate_units; }) },
        { name: label("projected_units_365d"), type: "bar",
          data: r.map(function (x) { return x.projected_units_365d; }),
          markLine: top === null ? undefined : { symbol: "none",
            lineStyle: { type: "dashed", color: "#c62828" },
            label: { formatter: label("top100_threshold") + " " + fmt(top) },
            data: [{ yAxis: top }] } }
      ]
    });
  }
  drawCharts();
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
