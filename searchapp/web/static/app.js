// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // A box to filter the values of a long facet list; opens "show all" while typing.
  function addFacetFilter(facet) {
    var more = facet.querySelector("details.facet-more");
    if (!more) return;
    var items = Array.prototype.slice.call(facet.querySelectorAll(".facet-values li"));
    var heading = facet.querySelector("h3");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "facet-filter";
    input.placeholder = "Filter " + heading.textContent.toLowerCase() + " values";
    input.setAttribute("aria-label", "Filter " + heading.textContent.toLowerCase() + " values");
    heading.insertAdjacentElement("afterend", input);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      if (needle) more.open = true;
      items.forEach(function (li) {
        li.hidden = needle !== "" && li.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".facet[data-facet]").forEach(addFacetFilter);
  });
})();
