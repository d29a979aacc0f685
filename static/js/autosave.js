/* Autosave client of the application edit page (templates/applications/edit.html).
 *
 * The sections are htmx forms (hx-post on change). This file makes autosave honest:
 * - a failed save (server error, network error, timeout) is shown as such ("저장 실패 — 다시 시도 중" /
 *   "Save failed — retrying"), never as "saved";
 * - the failed section is re-sent with exponential backoff (1 s, 2 s, 4 s … at most 30 s) until the
 *   server acknowledges it; the newest content of the form is sent each time;
 * - leaving the page while a section has changes the server has not acknowledged asks first
 *   (beforeunload).
 * A save refused by the server (validation: 200 with data-autosave-state="refused") is shown by the
 * server's message and not retried: the same content would be refused again. Its errors also go
 * next to their inputs (markFields: message under the input, aria-invalid, aria-describedby).
 * No inline script: the page's Content-Security-Policy allows scripts from 'self' only.
 */
(function () {
  "use strict";

  var FORM_SELECTOR = "form[data-autosave]";
  var RETRY_EVENT = "autosave-retry";
  var BASE_DELAY_MS = 1000;
  var MAX_DELAY_MS = 30000;

  function statusEl() {
    return document.getElementById("autosave-status");
  }

  function text(name) {
    var el = document.getElementById("autosave-messages");
    return (el && el.getAttribute("data-" + name)) || "";
  }

  function state(form) {
    if (!form._autosave) {
      // version: bumped on every edit; sent: version of the request in flight; saved: last
      // version the server acknowledged.
      form._autosave = { version: 0, sent: -1, saved: 0, inflight: false, attempt: 0, timer: null,
                         submitting: false, refused: false };
    }
    return form._autosave;
  }

  function autosaveForm(el) {
    var form = el && el.closest ? el.closest(FORM_SELECTOR) : null;
    return form || null;
  }

  function show(kind, message) {
    var el = statusEl();
    if (!el) return;
    el.setAttribute("data-autosave-state", kind);
    el.textContent = "";
    var span = document.createElement("span");
    if (kind === "failed") span.className = "form-hint-invalid";
    span.textContent = message;
    el.appendChild(span);
  }

  function markEdited(event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    var s = state(form);
    s.version += 1;
    s.refused = false;
  }

  // Capture phase: counted before htmx (listening on the form) sends the request for this change.
  document.addEventListener("input", markEdited, true);
  document.addEventListener("change", markEdited, true);

  document.addEventListener("submit", function (event) {
    var form = autosaveForm(event.target);
    if (form) state(form).submitting = true; // a plain submit saves this section by navigation
  }, true);

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) return;
    var s = state(form);
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = null;
    }
    s.sent = s.version;
    s.inflight = true;
  });

  // Co-editing: each save says which edit_version of the draft it was based on; the page's newest
  // base is #edit-base (its data-version is swapped in by the server after each own save).
  document.addEventListener("htmx:configRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    var base = document.getElementById("edit-base");
    if (!form || !base) return;
    event.detail.parameters.base_version = base.getAttribute("data-version");
  });

  function scheduleRetry(form) {
    var s = state(form);
    var delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * Math.pow(2, s.attempt));
    s.attempt += 1;
    show("failed", text("failed"));
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(function () {
      s.timer = null;
      if (window.htmx) window.htmx.trigger(form, RETRY_EVENT);
    }, delay);
  }

  // The server's answer swaps in the section's error summary (#errors-<section>); each of its
  // links names an input. Put the message under that input with aria-invalid / aria-describedby,
  // and clear the marks of inputs that are no longer in error (the input's value is never touched).
  function markFields(form) {
    var section = form.getAttribute("data-section");
    var summary = section ? document.getElementById("errors-" + section) : null;
    if (!summary) return;
    var wanted = {};
    var links = summary.querySelectorAll("a[data-error-for]");
    for (var i = 0; i < links.length; i += 1) {
      wanted[links[i].getAttribute("data-error-for")] = links[i].getAttribute("data-message") || "";
    }
    var old = form.querySelectorAll(".field-error");
    for (var j = 0; j < old.length; j += 1) {
      var forId = old[j].id.replace(/-error$/, "");
      if (!(forId in wanted)) {
        var input = document.getElementById(forId);
        if (input) {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        }
        old[j].parentNode.removeChild(old[j]);
      }
    }
    Object.keys(wanted).forEach(function (id) {
      var field = document.getElementById(id);
      if (!field || !form.contains(field) || !/^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) return;
      var msg = document.getElementById(id + "-error");
      if (!msg) {
        msg = document.createElement("p");
        msg.id = id + "-error";
        msg.className = "form-hint-invalid field-error";
        field.parentNode.appendChild(msg);
      }
      msg.textContent = wanted[id];
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", id + "-error");
    });
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) return;
    var s = state(form);
    s.inflight = false;
    if (event.detail.successful === true) {
      markFields(form); // after the out-of-band swap of this response
      window.setTimeout(function () { markFields(form); }, 0);
    }
    var xhr = event.detail.xhr;
    var body = (xhr && typeof xhr.responseText === "string") ? xhr.responseText : "";
    var ok = event.detail.successful === true && body.indexOf('data-autosave-state="saved"') !== -1;
    var refused = event.detail.successful === true &&
      body.indexOf('data-autosave-state="refused"') !== -1;
    if (ok) {
      s.attempt = 0;
      s.saved = Math.max(s.saved, s.sent);
      return; // the server's fragment (swapped out of band) says "Saved hh:mm:ss"
    }
    if (refused) {
      s.attempt = 0;
      s.refused = true; // the server's message is shown; the changes stay unsaved
      return;
    }
    scheduleRetry(form);
  });

  function unsaved() {
    var forms = document.querySelectorAll(FORM_SELECTOR);
    for (var i = 0; i < forms.length; i += 1) {
      var s = forms[i]._autosave;
      if (!s || s.submitting) continue;
      if (s.version > s.saved && !(s.inflight && s.sent === s.version)) return true;
    }
    return false;
  }

  window.addEventListener("beforeunload", function (event) {
    if (!unsaved()) return undefined;
    event.preventDefault();
    event.returnValue = text("unsaved");
    return event.returnValue;
  });

  // For tests and for other scripts of the page.
  window.portalAutosave = { unsaved: unsaved };
})();
