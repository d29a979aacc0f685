/* Live totals of the budget table on the application edit page (templates/applications/edit.html).
 *
 * As amounts are typed, each row's total and the column totals (city grant, cash, in-kind, all)
 * are recomputed and shown in won ("1,234,000"). Rows ticked "Remove" don't count. The server
 * remains the judge: these sums are what was entered; the saved totals come from the server.
 * No inline script: the Content-Security-Policy allows scripts from 'self' only.
 */
(function () {
  "use strict";

  var KINDS = ["city", "cash", "inkind"];

  function amount(input) {
    if (!input) return 0;
    var text = String(input.value || "").replace(/[,\s원]/g, "");
    if (!/^\d{1,15}$/.test(text)) return 0;
    return parseInt(text, 10);
  }

  function won(n) {
    try {
      return n.toLocaleString("ko-KR");
    } catch (e) {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
  }

  function recompute(table) {
    var totals = { city: 0, cash: 0, inkind: 0 };
    var rows = table.querySelectorAll("tr[data-budget-row]");
    for (var i = 0; i < rows.length; i += 1) {
      var row = rows[i];
      var rowTotal = 0;
      var parts = {};
      for (var k = 0; k < KINDS.length; k += 1) {
        parts[KINDS[k]] = amount(row.querySelector('input[data-amount="' + KINDS[k] + '"]'));
        rowTotal += parts[KINDS[k]];
      }
      var cell = row.querySelector("[data-row-total]");
      if (cell) cell.textContent = won(rowTotal);
      var removed = row.querySelector("input[data-budget-delete]");
      if (removed && removed.checked) continue;
      for (var j = 0; j < KINDS.length; j += 1) totals[KINDS[j]] += parts[KINDS[j]];
    }
    var all = totals.city + totals.cash + totals.inkind;
    totals.all = all;
    var keys = KINDS.concat(["all"]);
    for (var t = 0; t < keys.length; t += 1) {
      var out = table.querySelector('[data-col-total="' + keys[t] + '"]');
      if (out) out.textContent = won(totals[keys[t]]);
    }
    return all;
  }

  function announce(table, all) {
    var form = table.closest("form");
    var live = form ? form.querySelector("[data-budget-live]") : null;
    if (!live) return;
    var template = live.getAttribute("data-template") || "%(total)s";
    live.textContent = template.replace("%(total)s", won(all));
  }

  function onChange(event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var table = target.closest("table[data-budget-table]");
    if (!table) return;
    var all = recompute(table);
    if (event.type === "change") announce(table, all); // not on every keystroke
  }

  document.addEventListener("input", onChange);
  document.addEventListener("change", onChange);

  function init() {
    var tables = document.querySelectorAll("table[data-budget-table]");
    for (var i = 0; i < tables.length; i += 1) recompute(tables[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  window.portalBudgetTotals = { recompute: recompute };
})();
