// The running clocks of urgent information: every [data-due] element counts down to its ISO deadline (剩余 hh:mm:ss)
// and, once passed, shows how late it is (已超时 hh:mm:ss) in red. The server stores lateness itself; this is the view.
(function () {
  function two(n) { return String(n).padStart(2, "0"); }
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400); s -= d * 86400;
    var text = two(Math.floor(s / 3600)) + ":" + two(Math.floor((s % 3600) / 60)) + ":" + two(s % 60);
    return (d ? d + "天 " : "") + text;
  }
  function tick() {
    document.querySelectorAll("[data-due]").forEach(function (el) {
      var left = new Date(el.dataset.due).getTime() - Date.now();
      el.textContent = (left >= 0 ? el.dataset.left || "剩余 " : el.dataset.late || "已超时 ") + span(left);
      el.classList.toggle("text-danger", left < 0);
      el.classList.toggle("fw-bold", left < 0 || left < 10 * 60 * 1000);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); });
})();
