/* Behaviour shared by the portal's pages. No inline script anywhere: the Content-Security-Policy
   (config/settings/security.py) allows scripts from our own static files only. */
(function () {
  "use strict";

  // <form data-submit-once>: once submitted, its buttons are disabled (no double submission).
  // Disabled on the next tick, after the browser has taken the clicked button's name and value.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
      return;
    }
    window.setTimeout(function () {
      form.querySelectorAll("button, input[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    });
  });
})();
