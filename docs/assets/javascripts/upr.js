/* Progressive enhancement for the diplomats' pages (no framework, no request):
   - table[data-upr-sortable]: its header cells become sort buttons (again to reverse; a
     disabled button.upr-sort already in a cell is enabled instead);
     aria-sort is on the sorted column's header only; the table gets class upr-sortable;
   - input[data-upr-filter=ID]: show only rows of table #ID whose first cell contains the
     typed text, with the number shown in the [data-upr-count] next to it;
   - form[data-upr-filters=ID]: select filters over the rows' data-* attributes.
   Without JavaScript the pages are plain, complete tables. */
(function () {
  "use strict";

  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var text = row.cells[index].textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? number : text;
  }

  // Case and accents do not count when filtering: "cote" finds "Côte d'Ivoire".
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function showCount(count, shown, total) {
    if (count) count.textContent = count.getAttribute("data-template").replace("{n}", shown).replace("{total}", total);
  }

  document.querySelectorAll("table[data-upr-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, index) {
      // the template may have put the button there already (disabled until now)
      var button = th.querySelector("button.upr-sort");
      if (button) {
        button.disabled = false;
      } else {
        button = document.createElement("button");
        var icon = document.createElement("span");
        button.type = "button";
        button.className = "upr-sort";
        icon.className = "upr-sort__icon";
        icon.setAttribute("aria-hidden", "true");
        var label = document.createElement("span");
        while (th.firstChild) label.appendChild(th.firstChild);
        button.appendChild(label);
        button.appendChild(icon);
        th.appendChild(button);
      }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
          // equal values keep the rows in the order of their first cell (the name)
          return (ascending ? order : -order) || collator.compare(a.cells[0].textContent.trim(), b.cells[0].textContent.trim());
        });
        rows.forEach(function (row) { body.appendChild(row); });
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
    table.classList.add("upr-sortable");
  });

  document.querySelectorAll("input[data-upr-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-upr-filter"));
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return { row: row, text: folded(row.cells[0].textContent) };
    });
    var count = input.parentNode.querySelector("[data-upr-count]");
    input.closest("[hidden]") && input.closest("[hidden]").removeAttribute("hidden");
    function apply() {
      var wanted = folded(input.value.trim());
      var shown = 0;
      rows.forEach(function (item) {
        item.row.hidden = wanted !== "" && item.text.indexOf(wanted) === -1;
        if (!item.row.hidden) shown += 1;
      });
      showCount(count, shown, rows.length);
    }
    input.addEventListener("input", apply);
    apply();
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
      showCount(count, shown, rows.length);
    }
    form.removeAttribute("hidden");
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });
})();
