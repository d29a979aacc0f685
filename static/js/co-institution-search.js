/* Plan form: suggest registered institutions while a co-institution's business number or name is
   typed (GET /api/v1/institutions/search/, public fields only). Choosing a suggestion puts its
   business number in the field; the autosave then saves it as before. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-institution-search]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var status = document.getElementById(input.id + "-found-status");
  var timer = null;
  var last = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var option = document.createElement("option");
      option.value = r.business_no;
      option.label = r.name + (r.region ? " (" + r.region + ")" : "");
      option.textContent = option.label;
      list.appendChild(option);
    });
    if (status) {
      var ko = document.documentElement.lang !== "en";
      status.textContent = ko ? "검색된 기관 " + results.length + "곳" : results.length + " institution(s) found";
    }
  }

  function search() {
    var q = input.value.trim();
    if (q === last || q.replace(/[-\s]/g, "").length < 2) { return; }
    last = q;
    fetch(input.getAttribute("data-institution-search") + "?q=" + encodeURIComponent(q), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : { results: [] };
    }).then(function (body) { show(body.results || []); }).catch(function () { show([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 350);
  });
})();
