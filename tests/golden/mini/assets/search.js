/*
 * Search page: a small script over Pagefind's JS API (pagefind/pagefind.js,
 * built with the site). Results show the page or the fact; a fact shows its
 * value, its source and the quoted sentence. ?q= in the URL runs a search,
 * so the form works as a plain GET and results can be linked.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var LIMIT = 20;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      var url = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
      // A large site's index comes in parts (data-pagefind-parts): merged into
      // the first, they are searched together and ranked by one score.
      var parts = (form.getAttribute("data-pagefind-parts") || "").split(" ").filter(Boolean);
      engine = import(url).then(function (pagefind) {
        return pagefind.options({ baseUrl: "/", excerptLength: 40 }).then(function () {
          return Promise.all(parts.map(function (part) {
            return pagefind.mergeIndex(new URL(part, document.baseURI).href, { baseUrl: "/" });
          }));
        }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // Pagefind URLs are root-relative ("/facts/index.html#id"; a fact gives its
  // own in meta.url, its record being no page of the site); the site may
  // live under a sub-path, so resolve them from this page.
  function href(url) { return root + url.replace(/^\//, ""); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  // Pagefind joins the text of block elements with an ASCII ". ": after Chinese
  // that reads as a stray dot. After a Chinese sentence mark it is dropped, after
  // other Chinese text it becomes 。, between Latin words it stays; opening an
  // excerpt it goes.
  // (Read on the excerpt's HTML, so a hit's </mark> between them does not hide the text before.)
  function chinesePunctuation(html) {
    return html.replace(/^\s*\.\s+/, "").replace(/([^\x00-\x7f])(<\/?mark>)?\.(?: |$)/g, function (all, before, tag) {
      return before + (tag || "") + (/[。！？；：，、”’」』）》]/.test(before) ? "" : "。");
    });
  }

  // Pagefind's excerpt is HTML with <mark> around the hits. Parse it in an
  // inert document and copy only its text and the marks.
  function excerpt(html) {
    var out = el("p", "search-excerpt");
    var doc = new DOMParser().parseFromString("<p>" + chinesePunctuation(html) + "</p>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", null, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function show(data) {
    var meta = data.meta || {};
    var item = el("li", "search-result");
    var type = meta.type || ((data.filters && data.filters.type) || [""])[0];
    if (type) item.appendChild(el("p", "search-type", type));
    var title = el("h2", "search-title");
    var link = el("a", null, meta.title || data.url);
    link.href = href(meta.url || data.url);
    title.appendChild(link);
    item.appendChild(title);
    if (meta.value) {
      item.appendChild(el("p", "search-value", meta.value));
      if (meta.quote) item.appendChild(el("blockquote", "search-quote", "“" + meta.quote + "”"));
      if (meta.source) item.appendChild(el("p", "search-source", "来源：" + meta.source));
    } else if (data.excerpt) {
      item.appendChild(excerpt(data.excerpt));
    }
    return item;
  }

  // Pagefind cuts the query into words (1.5 with the browser's segmenter, not
  // the index's, so the two can disagree) and returns any page holding one of
  // them: 火星基地 found every 基地, 二〇二三 every 己二腈. So the page asks for
  // the phrase and for the words, reads the first CHECKED records of both, and
  // shows those that hold every word typed as written: the ones whose title does
  // first. Only when none does are the others shown, under a line saying so.
  var CHECKED = 60;

  function plain(text) { return (text || "").replace(/[\s\u200b]+/g, "").toLowerCase(); }

  function holds(text, words) {
    var flat = plain(text);
    return words.every(function (w) { return flat.indexOf(w) !== -1; });
  }

  function lookUp(pagefind, term) {
    var words = term.replace(/"/g, " ").split(/\s+/).map(plain).filter(Boolean);  // a phrase typed in quotes is held as its words
    var asked = [pagefind.search(term)];
    if (!/["\s]/.test(term)) asked.unshift(pagefind.search('"' + term + '"'));
    return Promise.all(asked).then(function (answers) {
      var seen = {};
      var candidates = [];
      answers.forEach(function (found) {
        found.results.forEach(function (r) {
          if (!seen[r.id]) { seen[r.id] = true; candidates.push(r); }
        });
      });
      return Promise.all(candidates.slice(0, CHECKED).map(function (r) { return r.data(); }));
    }).then(function (datas) {
      var inTitle = [], inText = [];
      datas.forEach(function (d) {
        if (holds((d.meta || {}).title, words)) inTitle.push(d);
        else if (holds(d.content, words)) inText.push(d);
      });
      var exact = inTitle.concat(inText);
      if (exact.length) return { shown: exact, match: "all" };
      return { shown: datas, match: datas.length ? "partial" : "none" };
    });
  }

  function statusLine(term, n, match) {
    if (n === 0) return "没有找到“" + term + "”。";
    var more = n > LIMIT ? "，显示前 " + LIMIT + " 条" : "";
    if (match === "partial") return "没有找到“" + term + "”。只含其中部分字词的结果有 " + n + " 条" + more + "：";
    return "找到 " + n + " 条结果" + more + "。";
  }

  function run(term) {
    var mine = ++latest;
    term = term.trim();
    if (!term) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "正在搜索……";
    load().then(function (pagefind) {
      return lookUp(pagefind, term);
    }).then(function (answer) {
      if (mine !== latest) return;
      list.textContent = "";
      answer.shown.slice(0, LIMIT).forEach(function (d) { list.appendChild(show(d)); });
      // What the list shows, for the reader's styles and the search checks.
      list.setAttribute("data-query", term);
      list.setAttribute("data-match", answer.match);
      status.textContent = statusLine(term, answer.shown.length, answer.match);
    }).catch(function () {
      if (mine === latest) status.textContent = "搜索索引没有加载成功。";
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
      run(input.value);
    }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
