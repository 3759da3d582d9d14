/*
 * 涪陵数据 embed page, inside the host's iframe.
 *
 * 1. Picks the language and theme from the URL (?lang=en; ?theme=auto, the
 *    default, follows the reader's light or dark setting, ?theme=light and
 *    ?theme=dark fix it): both languages are baked into the page; without
 *    this script the Chinese, light version shows.
 * 2. Tells the parent page how tall the embed is, whenever that changes,
 *    by window.postMessage (the shapes are documented in README.md,
 *    "Embedding a chart"):
 *      {"type": "fuling-data:height", "chart": "<id>", "height": 412}
 *      {"datawrapper-height": {"<id>": 412}}     understood by Datawrapper's
 *                                                responsive-iframe snippet
 *      "pymxPYMx<childId>xPYMxheightxPYMx412"   only when opened by a pym.js
 *                                                Parent (it adds ?childId=)
 *    A height is not private, so messages go to any parent origin.
 *
 * It must run before the chart is drawn (a plain, non-deferred script in
 * <head>), so that the drawing reads the chosen figure.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var params = new URLSearchParams(window.location.search);

  root.classList.add("js");
  var english = params.get("lang") === "en";
  if (english) {
    root.lang = "en";
    root.classList.add("lang-en");
  }
  var theme = params.get("theme") || "auto";
  var readerDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  if (theme === "dark" || (theme !== "light" && readerDark)) {
    root.classList.add("theme-dark");
    root.setAttribute("data-theme", "dark");
  }

  // English figure: the page carries it as #figure-<id>-en; put it where the
  // site's chart drawing (assets/charts.js, deferred) reads the figure. The
  // document turns "interactive" after parsing and before deferred scripts run.
  function chooseFigure() {
    if (!english) return;
    var plots = document.querySelectorAll(".chart-plot[data-chart]");
    for (var i = 0; i < plots.length; i++) {
      var id = plots[i].getAttribute("data-chart");
      var zh = document.getElementById("figure-" + id);
      var en = document.getElementById("figure-" + id + "-en");
      if (zh && en) zh.textContent = en.textContent;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      chooseFigure();
    });
  } else chooseFigure();

  if (window.parent === window) return; // opened directly, not embedded

  var chart = root.getAttribute("data-embed-chart") || "";
  var pymId = params.get("childId");
  var last = 0;

  // The page's own height: the body's box, not the viewport (which is the
  // iframe's current height and would never let the frame shrink).
  function measure() {
    var body = document.body;
    if (!body) return 0;
    var style = window.getComputedStyle(body);
    return Math.ceil(body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
  }

  function report(force) {
    var h = measure();
    if (!h || (h === last && !force)) return;
    last = h;
    var dw = {};
    dw[chart] = h;
    window.parent.postMessage({ type: "fuling-data:height", chart: chart, height: h }, "*");
    window.parent.postMessage({ "datawrapper-height": dw }, "*");
    if (pymId) window.parent.postMessage("pymxPYMx" + pymId + "xPYMxheightxPYMx" + h, "*");
  }

  // The host's embed.js may load after we first reported: it asks again.
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (data && data.type === "fuling-data:request-height") report(true);
  });

  function start() {
    report(true);
    if (window.ResizeObserver) new ResizeObserver(function () { report(false); }).observe(document.body);
    else window.addEventListener("resize", function () { report(false); });
    window.addEventListener("load", function () { report(false); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
