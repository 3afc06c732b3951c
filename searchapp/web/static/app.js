// Enhancements only: every page works without this file.
(function () {
  "use strict";

  var WAIT_MS = 150; // typing pause before asking the server

  // The search page's URL with one facet value changed: added in a mode, or removed from every mode.
  // The state (data-state) holds only the search's known parameters, as the server wrote it.
  function searchUrl(aside, field, value, mode) {
    var names = [field, field + "_any", field + "_not"];
    var kept = [];
    new URLSearchParams(aside.dataset.state).forEach(function (v, k) {
      if (!(names.indexOf(k) >= 0 && v.toLowerCase() === value.toLowerCase())) kept.push([k, v]);
    });
    if (mode) kept.push([mode === "all" ? field : field + "_" + mode, value]);
    var query = new URLSearchParams(kept).toString();
    return aside.dataset.search + (query ? "?" + query : "");
  }

  function link(className, href, text, label) {
    var a = document.createElement("a");
    a.className = className;
    a.href = href;
    a.textContent = text;
    if (label) a.setAttribute("aria-label", label);
    return a;
  }

  // One value the server found, as the panel shows its values: add (or remove), "or" (any of), "not".
  function foundItem(aside, field, label, found) {
    var li = document.createElement("li");
    li.className = "facet-row";
    var count = found.count + (found.count === 1 ? " article" : " articles");
    var main = link("facet-value" + (found.selected ? " selected" : ""),
                    searchUrl(aside, field, found.value, found.selected ? null : "all"), "",
                    found.value + ": " + count + (found.selected ? ", selected" : ""));
    var name = document.createElement("span");
    name.className = "facet-name";
    name.textContent = (found.selected ? "✓ " : "") + found.value;
    var number = document.createElement("span");
    number.className = "count";
    number.textContent = found.count;
    main.appendChild(name);
    main.appendChild(number);
    li.appendChild(main);
    if (!found.selected) {
      var modes = document.createElement("span");
      modes.className = "facet-modes";
      modes.appendChild(link("facet-any", searchUrl(aside, field, found.value, "any"), "or",
                             "Any of: " + label + " " + found.value));
      modes.appendChild(document.createTextNode(" "));
      modes.appendChild(link("facet-not", searchUrl(aside, field, found.value, "not"), "not",
                             "Exclude " + label + ": " + found.value));
      li.appendChild(modes);
    }
    return li;
  }

  // The box over a long facet list: the values a word of which starts with what is typed, from
  // GET /api/facets/<facet>?prefix=, counted within the current search. Empty: the lists as served.
  function addValueSearch(aside, facet) {
    var served = Array.prototype.filter.call(facet.children, function (el) {
      return el.matches("ul.facet-values, details.facet-more");
    });
    var field = facet.dataset.facet;
    var label = facet.querySelector("h3").textContent.toLowerCase();
    var box = document.createElement("div");
    box.className = "facet-search";
    box.innerHTML = '<label class="visually-hidden"></label>' +
      '<input class="facet-filter" type="search" autocomplete="off" spellcheck="false">' +
      '<p class="facet-found-status" role="status" aria-live="polite"></p>' +
      '<ul class="facet-values facet-found" hidden></ul>';
    var input = box.querySelector("input");
    var status = box.querySelector(".facet-found-status");
    var found = box.querySelector(".facet-found");
    input.id = "facet-filter-" + field;
    found.id = "facet-found-" + field;
    input.setAttribute("aria-controls", found.id);
    input.placeholder = "Find " + label + "…";
    box.querySelector("label").htmlFor = input.id;
    box.querySelector("label").textContent = "Find " + label + " values";
    facet.querySelector("h3").insertAdjacentElement("afterend", box);
    var timer = null;
    var asked = 0;

    function show(typed) {
      served.forEach(function (el) { el.hidden = typed; });
      found.hidden = !typed;
      if (!typed) status.textContent = "";
    }

    function ask() {
      var prefix = input.value.trim();
      if (!prefix) { show(false); return; }
      var mine = ++asked;
      var api = facet.dataset.values;
      fetch(api + (api.indexOf("?") >= 0 ? "&" : "?") + "prefix=" + encodeURIComponent(prefix) + "&limit=20",
            {headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (answer) {
          if (mine !== asked) return; // a later request is on its way
          found.textContent = "";
          answer.values.forEach(function (value) { found.appendChild(foundItem(aside, field, label, value)); });
          status.textContent = answer.total === 0 ? "No " + label + " value starts with “" + prefix + "”."
            : answer.total + (answer.total === 1 ? " value" : " values") +
              (answer.total > answer.values.length ? ", the first " + answer.values.length + " shown" : "");
          show(true);
        })
        .catch(function () {
          if (mine !== asked) return;
          show(false);
          status.textContent = "Could not look the values up; the full list is below.";
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; show(false); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var aside = document.querySelector("aside.facets[data-state]");
    if (!aside || !window.fetch || !window.URLSearchParams) return;
    aside.querySelectorAll(".facet[data-values]").forEach(function (facet) { addValueSearch(aside, facet); });
  });
})();
