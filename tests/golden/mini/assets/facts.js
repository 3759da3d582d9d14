/* Facts explorer: filters (theme, metric, subject, period, kind, words), sorting by column and
   "download these rows" over every record, not only the page's.
   Without JavaScript the page is one page of the static list (facts/, facts/2/, …), every
   record reachable through the pager. With it, facts/data/index.json and the records of every
   page (facts/data/<n>.json) are read; while no filter or sort is chosen the page stays as it
   was built, otherwise the table shows the matching records of all pages. The choices live in
   the query string (?theme=green&q=绿色&sort=-value), so a filtered view can be shared. */
(function () {
  "use strict";
  var form = document.getElementById("fact-filters");
  var table = document.getElementById("facts-table");
  if (!form || !table || !window.fetch || !window.URLSearchParams) { return; }
  var KEYS = ["theme", "metric", "subject", "period", "kind"];
  var STEP = 100; // rows drawn at once; "显示更多" draws the next ones
  var body = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector(".filter-count");
  var more = document.querySelector(".more-rows");
  var pager = document.querySelector(".pager");
  var root = new URL(form.getAttribute("data-root") || "./", document.baseURI).href;
  var index = null; // facts/data/index.json
  var records = null; // every record, in the static list's order
  var sort = { key: "", desc: false };
  var limit = STEP;

  // -- the query string --------------------------------------------------------------

  function readQuery() {
    var params = new URLSearchParams(window.location.search);
    KEYS.concat(["q"]).forEach(function (key) {
      if (params.get(key)) { form.elements[key].value = params.get(key); }
    });
    var wanted = params.get("sort") || "";
    sort = { key: wanted.replace(/^-/, ""), desc: wanted.charAt(0) === "-" };
  }

  function writeQuery() {
    var params = new URLSearchParams();
    KEYS.concat(["q"]).forEach(function (key) {
      var value = form.elements[key].value.trim();
      if (value) { params.set(key, value); }
    });
    if (sort.key) { params.set("sort", (sort.desc ? "-" : "") + sort.key); }
    var query = params.toString();
    // The anchor of a fact only means something in the page as built: dropped once filtered.
    var hash = active() ? "" : window.location.hash;
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + hash);
  }

  function active() {
    return Boolean(sort.key || form.elements.q.value.trim() ||
      KEYS.some(function (key) { return form.elements[key].value; }));
  }

  // -- matching and order ------------------------------------------------------------

  function label(kind, key) { return (index.labels[kind] || {})[key] || key; }

  function article(slug) { return index.articles[slug] || { title: slug, publication: "", date: "", date_label: "" }; }

  function text(record) {
    if (!record.text) {
      record.text = [record.display, label("metric", record.metric), record.measure, label("theme", record.theme),
        record.subject, label("period", record.period), label("kind", record.kind), record.note, record.id]
        .concat(record.sources.map(function (s) { return s.quote + " " + article(s.article).title; }))
        .join(" ").toLowerCase();
    }
    return record.text;
  }

  function matches() {
    var wanted = {};
    KEYS.forEach(function (key) { wanted[key] = form.elements[key].value; });
    var words = form.elements.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return records.filter(function (record) {
      return KEYS.every(function (key) { return !wanted[key] || record[key] === wanted[key]; }) &&
        words.every(function (word) { return text(record).indexOf(word) >= 0; });
    });
  }

  var periodOrder = {};

  function sortValue(record) {
    switch (sort.key) {
      case "value": return record.value;
      case "metric": return label("metric", record.metric) + record.measure;
      case "subject": return record.subject;
      case "period": return periodOrder[record.period];
      case "kind": return label("kind", record.kind);
      case "source": return article(record.sources[0].article).date;
      default: return 0;
    }
  }

  function ordered(list) {
    if (!sort.key) { return list; }
    var keyed = list.map(function (record, i) { return { record: record, key: sortValue(record), i: i }; });
    keyed.sort(function (a, b) {
      var order = typeof a.key === "number" ? a.key - b.key : String(a.key).localeCompare(String(b.key), "zh-CN");
      return (sort.desc ? -order : order) || a.i - b.i; // ties keep the list's order
    });
    return keyed.map(function (k) { return k.record; });
  }

  // -- drawing a row as partials/fact-row.html does ------------------------------------

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (content != null) { node.textContent = content; }
    return node;
  }

  function link(href, content) {
    var a = el("a", null, content);
    a.href = root + href;
    return a;
  }

  function pageOf(id) {
    var record = byId[id];
    return record ? index.pages[record.page - 1].url : index.pages[0].url;
  }

  function row(record) {
    var tr = el("tr");
    tr.id = record.id;
    if (record.conflicts.length) { tr.className = "conflict"; }
    var value = el("td", "num");
    value.appendChild(el("strong", null, record.display));
    var metric = el("td", null, label("metric", record.metric) + (record.measure ? "（" + record.measure + "）" : ""));
    metric.appendChild(el("br"));
    metric.appendChild(el("span", "muted", label("theme", record.theme)));
    var kind = el("td", null, label("kind", record.kind));
    if (record.partial) { kind.appendChild(document.createTextNode(" ")); kind.appendChild(el("span", "tag tag-partial", "部分年份")); }
    var quote = el("td", "quote");
    record.sources.forEach(function (s) {
      var source = article(s.article);
      var p = el("p");
      p.appendChild(link(s.href, "“" + s.quote + "”"));
      p.appendChild(el("br"));
      var where = el("span", "muted", "《" + source.title + "》" + (source.publication ? "，" + source.publication : "") + "，");
      var time = el("time", null, source.date_label);
      time.setAttribute("datetime", source.date);
      where.appendChild(time);
      if (s.paragraph) { where.appendChild(document.createTextNode("，段落 " + s.paragraph)); }
      p.appendChild(where);
      quote.appendChild(p);
    });
    if (record.note) { quote.appendChild(el("p", "note", "注：" + record.note)); }
    record.corrections.forEach(function (c) {
      var p = el("p", "corrected");
      p.appendChild(el("strong", null, "已更正"));
      p.appendChild(document.createTextNode(" " + c.date + "：原为" + c.old_value + record.unit + "。" + c.reason + " "));
      p.appendChild(link(index.corrections + "#" + record.id + "-" + c.date, "更正记录"));
      quote.appendChild(p);
    });
    record.conflicts.forEach(function (c) {
      var p = el("p", "conflict-flag");
      p.appendChild(el("strong", null, "⚠ 不一致"));
      p.appendChild(document.createTextNode("：与"));
      p.appendChild(link(pageOf(c.id) + "#" + c.id, c.id));
      if (c.why) { p.appendChild(document.createTextNode("（" + c.why + "）")); }
      quote.appendChild(p);
    });
    var id = el("p", "fact-id muted");
    id.appendChild(el("code", null, record.id));
    if (record.reviewed) { id.appendChild(document.createTextNode(" · 已核对")); }
    quote.appendChild(id);
    [value, metric, el("td", null, record.subject), el("td", null, label("period", record.period)), kind, quote]
      .forEach(function (td) { tr.appendChild(td); });
    return tr;
  }

  // -- the table -----------------------------------------------------------------------

  function show(rows) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function markSorted() {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute("data-sort") === sort.key) {
        th.setAttribute("aria-sort", sort.desc ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function draw() {
    markSorted();
    if (!active()) { // the page as built: its rows, its pager, its anchors
      show(staticRows);
      staticRows.forEach(function (r) { r.hidden = false; });
      if (pager) { pager.hidden = false; }
      more.hidden = true;
      count.textContent = "本页 " + staticRows.length + " 条，共 " + (index ? index.count : staticRows.length) + " 条";
      return;
    }
    if (!records) { // the records could not be read (a page opened from disk): this page only
      drawThisPageOnly();
      return;
    }
    var found = ordered(matches());
    show(found.slice(0, limit).map(row));
    if (pager) { pager.hidden = true; }
    more.hidden = found.length <= limit;
    more.querySelector("button").textContent = "显示更多（还有 " + (found.length - limit) + " 条）";
    count.textContent = "显示 " + found.length + " / " + records.length + " 条" +
      (found.length > limit ? "（先列出前 " + limit + " 条）" : "");
  }

  function drawThisPageOnly() {
    var words = form.elements.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    staticRows.forEach(function (r) {
      var line = r.textContent.replace(/\s+/g, " ").toLowerCase();
      var ok = KEYS.every(function (key) { return !form.elements[key].value || r.getAttribute("data-" + key) === form.elements[key].value; }) &&
        words.every(function (word) { return line.indexOf(word) >= 0; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    show(staticRows);
    count.textContent = "本页显示 " + shown + " / " + staticRows.length + " 条（全部记录未能载入，只在本页筛选）";
  }

  function changed() {
    limit = STEP;
    writeQuery();
    draw();
  }

  // -- CSV of the rows in view ---------------------------------------------------------

  var FORMULA_START = /^[=+\-@\t\r]/; // as fuling/outputs/exports.py: a spreadsheet would run it

  function cell(value) {
    var textValue = value == null ? "" : String(value);
    if (typeof value === "string" && FORMULA_START.test(textValue)) { textValue = "'" + textValue; }
    return /[",\r\n]/.test(textValue) ? '"' + textValue.replace(/"/g, '""') + '"' : textValue;
  }

  function download() {
    if (!records) { return; }
    var rows = active() ? ordered(matches()) : records;
    // The names and codes of data/facts.csv, plus the labels the table shows.
    var columns = ["id", "metric", "metric_label", "subject", "value", "unit", "period", "period_label", "kind",
      "kind_label", "quote", "article_title", "published", "url"];
    var lines = [columns.join(",")];
    rows.forEach(function (record) {
      var s = record.sources[0];
      var source = article(s.article);
      var values = [record.id, record.metric, label("metric", record.metric) + record.measure, record.subject,
        record.value, record.unit, record.period, label("period", record.period), record.kind, label("kind", record.kind),
        s.quote, source.title, source.date, new URL(index.pages[record.page - 1].url + "#" + record.id, root).href];
      lines.push(values.map(cell).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "fuling-facts.csv";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // -- start ---------------------------------------------------------------------------

  var byId = {};

  function fill(select, choices) {
    choices.forEach(function (choice) {
      var option = el("option", null, choice[1]);
      option.value = choice[0];
      select.appendChild(option);
    });
  }

  function loaded(pages) {
    records = [].concat.apply([], pages.map(function (page) { return page.facts; }));
    records.forEach(function (record) { byId[record.id] = record; });
    // An old link (facts/#id from before the list was paged, or a row that moved to another page):
    // go to the page that holds the row now.
    var wanted = decodeURIComponent(window.location.hash.slice(1));
    if (wanted && !document.getElementById(wanted) && byId[wanted] && !active()) {
      window.location.replace(new URL(pageOf(wanted) + window.location.search + "#" + wanted, root).href);
      return;
    }
    form.setAttribute("data-ready", "");
    draw();
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) { return; }
    var button = el("button", "sort", th.textContent);
    button.type = "button";
    button.setAttribute("aria-label", "按" + th.textContent + "排序");
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sort = { key: key, desc: sort.key === key ? !sort.desc : false };
      changed();
    });
  });
  form.hidden = false;
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  form.addEventListener("reset", function () { sort = { key: "", desc: false }; window.setTimeout(changed, 0); });
  form.querySelector(".download-rows").addEventListener("click", download);
  more.querySelector("button").addEventListener("click", function () { limit += STEP; draw(); });

  readQuery();
  count.textContent = "正在载入全部记录……";
  fetch(new URL(form.getAttribute("data-index"), document.baseURI).href)
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) {
      index = data;
      index.filters.period.forEach(function (choice, i) { periodOrder[choice[0]] = i; });
      KEYS.forEach(function (key) { fill(form.elements[key], index.filters[key]); });
      readQuery(); // the choices exist now
      return Promise.all(index.pages.map(function (page) {
        return fetch(root + page.data).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        });
      }));
    })
    .then(loaded)
    .catch(function () { form.querySelector(".download-rows").hidden = true; draw(); });
})();
