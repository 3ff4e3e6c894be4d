// Home page: the lights of open tasks as a doughnut; a slice opens the task list with that light.
(function () {
  "use strict";
  const COLORS = { green: "#1f9d55", yellow: "#e0a800", red: "#d32f2f" };
  const NAMES = { green: "绿灯", yellow: "黄灯", red: "红灯" };
  document.addEventListener("DOMContentLoaded", function () {
    const node = document.getElementById("home-lights-data");
    const el = document.getElementById("home-lights-chart");
    if (!node || !el || typeof echarts === "undefined") { return; }
    const data = JSON.parse(node.textContent);
    const keys = ["red", "yellow", "green"];
    const chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "item", formatter: "{b}：{c}项（{d}%）" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["45%", "70%"], label: { formatter: "{b} {c}" },
        data: keys.map(function (k) { return { name: NAMES[k], value: data.lights[k], itemStyle: { color: COLORS[k] } }; }) }],
    });
    chart.on("click", function (p) { window.location.href = data.list_url + "?light=" + keys[p.dataIndex]; });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
