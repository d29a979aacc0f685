/* Behaviour shared by the portal's pages. No inline script anywhere: the Content-Security-Policy
   (config/settings/security.py) allows scripts from our own static files only. */
(function () {
  "use strict";

  // <form data-confirm="…">: an irreversible action is sent only after the user confirms the
  // message, which says what it will do (e.g. how many applicants will be notified). Cancelling
  // sends nothing (and leaves the buttons enabled).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
      return;
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });

  // <form data-submit-once>: once submitted, its buttons are disabled (no double submission).
  // Disabled on the next tick, after the browser has taken the clicked button's name and value.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) {
      return;
    }
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
