/* Facts explorer: filters by theme, metric, subject, period and kind, and a text search.
   Without JavaScript the page is the full plain table; this only hides rows. */
(function () {
  "use strict";
  var form = document.getElementById("fact-filters");
  var table = document.getElementById("facts-table");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var keys = ["theme", "metric", "subject", "period", "kind"];
  var count = form.querySelector(".filter-count");
  var texts = rows.map(function (row) { return row.textContent.replace(/\s+/g, " ").toLowerCase(); });

  function readHash() {
    // Filters live in the query string (?theme=green&q=绿色工厂) so a filtered view can be shared.
    var params = new URLSearchParams(window.location.search);
    keys.concat(["q"]).forEach(function (key) {
      var field = form.elements[key];
      if (field && params.get(key)) { field.value = params.get(key); }
    });
  }

  function apply() {
    var wanted = {};
    keys.forEach(function (key) { wanted[key] = form.elements[key].value; });
    var words = form.elements.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = keys.every(function (key) { return !wanted[key] || row.getAttribute("data-" + key) === wanted[key]; }) &&
        words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = "显示 " + shown + " / " + rows.length + " 条";
  }

  form.hidden = false;
  readHash();
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
