// 领导驾驶舱: ECharts from the JSON in #dashboard-data; every bar or slice opens the filtered task list.
(function () {
  "use strict";
  const COLORS = { blue: "#1d6fd8", green: "#1f9d55", yellow: "#e0a800", red: "#d32f2f" };
  const NAMES = { blue: "蓝灯", green: "绿灯", yellow: "黄灯", red: "红灯" };
  const LIGHTS = ["red", "yellow", "green", "blue"];

  function go(url) { window.location.href = url; }

  function stacked(el, rows, labelOf, urlOf) {
    el.style.height = Math.max(340, 60 + rows.length * 26) + "px";
    const chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: rows.map(labelOf), inverse: true, axisLabel: { interval: 0 } },
      series: LIGHTS.map(function (light) {
        return { name: NAMES[light], type: "bar", stack: "all", itemStyle: { color: COLORS[light] },
                 data: rows.map(function (r) { return r[light]; }) };
      }),
    });
    chart.on("click", function (p) { go(urlOf(rows[p.dataIndex], LIGHTS[p.seriesIndex])); });
    return chart;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const node = document.getElementById("dashboard-data");
    if (!node || typeof echarts === "undefined") { return; }
    const data = JSON.parse(node.textContent);
    const list = data.list_url;
    const charts = [];
    charts.push(stacked(document.getElementById("chart-units"), data.units, function (r) { return r.label; },
      function (r, light) { return list + "?unit=" + encodeURIComponent(r.code) + "&light=" + light; }));
    charts.push(stacked(document.getElementById("chart-areas"), data.areas, function (r) { return r.key; },
      function (r, light) { return list + "?area=" + encodeURIComponent(r.key) + "&light=" + light; }));
    const pie = echarts.init(document.getElementById("chart-sources"));
    pie.setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "70%"], data: data.sources.map(function (r) {
        return { name: r.label, value: r.total, source: r.key };
      }) }],
    });
    pie.on("click", function (p) { go(list + "?source=" + encodeURIComponent(p.data.source)); });
    charts.push(pie);
    const trend = echarts.init(document.getElementById("chart-trend"));
    trend.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: "category", data: data.trend.map(function (r) { return r.month; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: LIGHTS.map(function (light) {
        return { name: NAMES[light], type: "line", itemStyle: { color: COLORS[light] },
                 data: data.trend.map(function (r) { return r[light]; }) };
      }),
    });
    trend.on("click", function (p) { go(list.replace("tasks/", "bulletins/") + p.name + "/"); });
    charts.push(trend);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
