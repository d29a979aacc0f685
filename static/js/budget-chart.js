/* Officials' budget overview: grouped bar chart (million KRW) from the json_script "chart-data". */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("chart-data");
    var canvas = document.getElementById("field-chart");
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var colours = ["#0b50d0", "#8a949e", "#1a5a26", "#bd2c0f"];
    var lang = document.documentElement.lang || "ko";
    var fmt = new Intl.NumberFormat(lang === "en" ? "en-US" : "ko-KR");
    // Canvas text does not inherit CSS: use the page font (Pretendard GOV) for the Hangul labels.
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#33363d";
    var chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ": " + fmt.format(ctx.parsed.y) + " " + (data.unit || "");
              },
            },
          },
        },
        scales: {
          y: {
            beginAtZero: true,
            title: { display: Boolean(data.unit), text: data.unit || "" },
            ticks: { callback: function (v) { return fmt.format(v); } },
          },
        },
      },
    });
    canvas.dataset.chartReady = "true";
    window.portalBudgetChart = chart;
  }

  function start() {
    // Wait for the web fonts so that the first paint of the canvas already uses them.
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(draw, draw);
    } else {
      draw();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
