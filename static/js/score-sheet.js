/* The score sheet: a running total of the points typed, and a confirmation before an action that
   cannot be undone (data-confirm). No inline script: the Content-Security-Policy allows scripts
   from our own static files only. */
(function () {
  "use strict";

  function update(form) {
    var out = form.querySelector("[data-running-total]");
    if (!out) {
      return;
    }
    var sum = 0;
    var valid = true;
    form.querySelectorAll("input[data-points]").forEach(function (input) {
      var text = input.value.trim();
      if (text === "") {
        return;
      }
      var value = Number(text);
      if (!isFinite(value)) {
        valid = false;
        return;
      }
      sum += value;
    });
    out.textContent = valid ? (Math.round(sum * 100) / 100).toFixed(2) : "–";
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-score-sheet")) {
      update(form);
    }
  });
  document.querySelectorAll("form[data-score-sheet]").forEach(update);

  // <button data-confirm="…">: the action runs only after the user confirms the message.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
