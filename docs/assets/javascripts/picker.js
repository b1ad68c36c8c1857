/* The State picker (overrides/partials/picker.html): a State's name in any site language,
   or its ISO code, opens its briefing in this page's language. Without this script the
   picker is a link to the States index. A query that matches no State, or several, goes
   to the States index with ?q=, which this script puts into the index's filter box. */
(function () {
  "use strict";

  function normal(text) {  // case, accents, "ё" and punctuation do not matter
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ё/g, "е")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function matches(states, query) {
    var exact = states.filter(function (s) { return s.code === query || s.names.indexOf(query) >= 0; });
    if (exact.length) return exact;
    return states.filter(function (s) {
      return s.names.some(function (name) {
        return name.indexOf(query) === 0 || name.split(" ").some(function (word) { return word.indexOf(query) === 0; });
      });
    });
  }

  document.querySelectorAll("[data-upr-picker]").forEach(function (picker) {
    var form = picker.querySelector("form"), input = form.querySelector("input");
    var states = Array.prototype.map.call(form.querySelectorAll("datalist option"), function (option) {
      var names = [option.value].concat((option.getAttribute("data-names") || "").split("|")).filter(Boolean);
      return {code: option.getAttribute("data-code").toLowerCase(), url: option.getAttribute("data-url"), names: names.map(normal)};
    });
    form.hidden = false;  // already done by the picker's inline script, before the first paint
    picker.querySelector(".upr-picker__link").hidden = true;
    form.addEventListener("submit", function (event) {
      var query = normal(input.value);
      if (!query) {
        event.preventDefault();
        input.focus();
        return;
      }
      var found = matches(states, query);
      event.preventDefault();
      if (found.length === 1) {
        window.location.href = new URL(found[0].url, document.baseURI).href;
      } else {  // none or several: the States index, filtered by the query
        var index = new URL(form.getAttribute("data-index"), document.baseURI);
        index.searchParams.set("q", input.value.trim());
        window.location.href = index.href;
      }
    });
  });

  // the States index, opened by the picker with ?q=: its filter box shows the query
  document.addEventListener("DOMContentLoaded", function () {
    var query = new URLSearchParams(window.location.search).get("q");
    var filter = document.querySelector("input[data-upr-filter]");
    if (query && filter) {
      filter.value = query;
      filter.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });
})();
