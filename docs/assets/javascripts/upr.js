/* Progressive enhancement for the diplomats' pages (no framework, no request):
   - table[data-upr-sortable]: click a column header to sort (again to reverse);
   - input[data-upr-filter=ID]: show only rows of table #ID containing the typed text;
   - form[data-upr-filters=ID]: select filters over the rows' data-* attributes.
   Without JavaScript the pages are plain, complete tables. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var text = row.cells[index].textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? number : text.toLocaleLowerCase();
  }

  document.querySelectorAll("table[data-upr-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "upr-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });

  document.querySelectorAll("input[data-upr-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-upr-filter"));
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return { row: row, text: row.textContent.toLocaleLowerCase() };
    });
    input.closest("[hidden]") && input.closest("[hidden]").removeAttribute("hidden");
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase();
      rows.forEach(function (item) { item.row.hidden = wanted !== "" && item.text.indexOf(wanted) === -1; });
    });
  });

  document.querySelectorAll("form[data-upr-filters]").forEach(function (form) {
    var container = document.getElementById(form.getAttribute("data-upr-filters"));
    var rows = Array.prototype.map.call(container.querySelectorAll("tbody tr"), function (row) {
      return { row: row, data: row.dataset };
    });
    var count = form.querySelector("[data-upr-count]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    function apply() {
      var wanted = selects.filter(function (s) { return s.value; }).map(function (s) { return [s.name, " " + s.value + " "]; });
      var shown = 0;
      rows.forEach(function (item) {
        var keep = wanted.every(function (w) {
          var value = item.data[w[0]] || "";
          return value.charAt(0) === " " ? value.indexOf(w[1]) !== -1 : value === w[1].trim();
        });
        item.row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = count.getAttribute("data-template").replace("{n}", shown).replace("{total}", rows.length);
    }
    form.removeAttribute("hidden");
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });
})();
