/* Outcomes dashboard: sales per period with the running total, and new hires by type (stacked),
   from the json_script "outcomes-chart-data" (the same figures are in the tables). */
(function () {
  "use strict";

  var colours = ["#0b50d0", "#1a5a26", "#bd2c0f", "#8a949e"];

  function draw() {
    var source = document.getElementById("outcomes-chart-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var lang = document.documentElement.lang || "ko";
    var fmt = new Intl.NumberFormat(lang === "en" ? "en-US" : "ko-KR");
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#33363d";

    function options(unit, stacked) {
      return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ": " + fmt.format(ctx.parsed.y) + " " + unit;
              },
            },
          },
        },
        scales: {
          x: { stacked: stacked },
          y: {
            stacked: stacked,
            beginAtZero: true,
            title: { display: Boolean(unit), text: unit },
            ticks: { callback: function (v) { return fmt.format(v); } },
          },
        },
      };
    }

    function chart(id, series, unit, stacked) {
      var canvas = document.getElementById(id);
      if (!canvas) {
        return;
      }
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: series.map(function (s, i) {
            return {
              type: s.type || "bar",
              label: s.label,
              data: s.data,
              backgroundColor: colours[i % colours.length],
              borderColor: colours[i % colours.length],
            };
          }),
        },
        options: options(unit, stacked),
      });
      canvas.dataset.chartReady = "true";
    }

    chart("sales-chart", data.sales, data.unit || "", false);
    chart("hires-chart", data.hires, data.hires_unit || "", true);
  }

  function start() {
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
