/* Draws every chart on the page from its figure JSON (<script type="application/json" id="figure-ID">).
   A chart the build drew as a picture (<picture class="chart-preview">, fuling/charts/pictures.py) stays a
   picture until the reader asks for it (a click, a tap, Enter or Space): only then is plotly.js fetched
   and the interactive chart drawn in its place, so a reader who only looks never pays for plotly.js.
   Charts without a picture, and every chart forced dark or in an English embed (the pictures are
   Chinese, light or dark as the screen is), are drawn as their box nears the viewport, each in a task of its own, after
   the page's text has painted. plotly.js's URL is in this script's data-plotly-src.
   Dark mode: chart colours swap to lighter twins of the same hue (prefers-color-scheme or ?theme=dark). */
(function () {
  "use strict";

  var SELF = document.currentScript;
  var PLOTLY_SRC = SELF && SELF.getAttribute("data-plotly-src");
  var NEAR = "300px 0px";  // start fetching and drawing a little before the box scrolls into view

  // Strings plotly's basic bundle can show, in Chinese. Passed inline: config.locale alone does nothing.
  var ZH_CN = {
    moduleType: "locale",
    name: "zh-CN",
    dictionary: {
      "Autoscale": "自动缩放",
      "Box Select": "矩形选择",
      "Compare data on hover": "悬停时比较数据",
      "Double-click on legend to isolate one trace": "双击图例只显示该系列",
      "Double-click to zoom back out": "双击还原",
      "Download plot": "下载图片",
      "Download plot as a PNG": "下载图片（PNG）",
      "Image download succeeded": "图片已下载",
      "Lasso Select": "套索选择",
      "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
      "Reset axes": "重置坐标轴",
      "Show closest data on hover": "悬停时显示最近的数据",
      "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败。",
      "Toggle Spike Lines": "显示或隐藏辅助线",
      "Zoom": "缩放",
      "Zoom in": "放大",
      "Zoom out": "缩小",
      "Pan": "平移"
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      date: "%Y年%-m月%-d日",
      year: "%Y年",
      month: "%Y年%-m月",
      dayMonth: "%-m月%-d日",
      dayMonthYear: "%Y年%-m月%-d日",
      decimal: ".",
      thousands: ","
    }
  };

  // Same order as fuling/charts/style.py PALETTE / PALETTE_DARK.
  var LIGHT = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9"];
  var DARK = ["#56B4E9", "#F0A35E", "#3DDBB0", "#E7A6CB", "#F0E442", "#9AD0F5"];
  var INK = { light: { text: "#1f1f1f", grid: "#d4d4d4", axis: "#6b6b6b", edge: "#ffffff" },
              dark: { text: "#e9e9e9", grid: "#3c4046", axis: "#9a9a9a", edge: "#15171a" } };

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    scrollZoom: false,
    doubleClick: false,
    locale: "zh-CN",
    locales: { "zh-CN": ZH_CN },
    displayModeBar: false,  // its camera button sat on the legend; pages and embeds have their own downloads
    modeBarButtons: [["toImage"]],
    toImageButtonOptions: { format: "png", scale: 2 }
  };

  var printing = false;

  function wantsDark() {
    if (printing) { return false; }  // paper is white whatever the screen's scheme
    var root = document.documentElement;
    // An embed is light unless embed-frame.js chose dark (?theme=dark, or auto on a dark screen).
    if (root.hasAttribute("data-embed-chart")) { return root.classList.contains("theme-dark"); }
    var forced = new URLSearchParams(window.location.search).get("theme");
    if (forced === "dark" || forced === "light") { return forced === "dark"; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function swap(colour, from, to) {
    var i = from.indexOf(colour);
    return i < 0 ? colour : to[i];
  }

  // Walk a trace or layout object and swap palette colours; arrays of colours included.
  function recolour(node, from, to) {
    if (Array.isArray(node)) {
      return node.map(function (item) { return recolour(item, from, to); });
    }
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (key) { out[key] = recolour(node[key], from, to); });
      return out;
    }
    return typeof node === "string" ? swap(node, from, to) : node;
  }

  function themed(figure, dark) {
    var ink = dark ? INK.dark : INK.light;
    var data = dark ? recolour(figure.data, LIGHT, DARK) : figure.data;
    var layout = JSON.parse(JSON.stringify(figure.layout));
    layout.font = Object.assign({}, layout.font, { color: ink.text });
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        layout[key] = Object.assign({}, layout[key], { gridcolor: ink.grid, linecolor: ink.axis, zerolinecolor: ink.axis });
        // Only the x axes have tick marks: a tickcolor on a y axis would make plotly.js draw them
        // (and move the y labels 8 px away from the picture's).
        if (key.charAt(0) === "x") { layout[key].tickcolor = ink.axis; }
      }
    });
    if (layout.template && layout.template.layout) {
      layout.template.layout.colorway = dark ? DARK : LIGHT;
    }
    data.forEach(function (trace) {
      if (trace.type === "pie" && trace.marker && trace.marker.line) { trace.marker.line.color = ink.edge; }
    });
    return { data: data, layout: layout };
  }

  function draw(el) {
    var id = el.getAttribute("data-chart");
    var source = document.getElementById("figure-" + id);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    var fallback = el.querySelector(".chart-fallback");  // the no-JavaScript note
    if (fallback) { fallback.parentNode.removeChild(fallback); }
    var dark = wantsDark();
    var shown = themed(figure, dark);
    var drawing = window.Plotly.react(el, shown.data, shown.layout, CONFIG);
    // The picture goes in the same task as plotly.js draws the chart: no frame shows neither, or both.
    var picture = el.querySelector(".chart-preview");
    if (picture) { picture.parentNode.removeChild(picture); }
    drawing.then(function () {
      // The plot is one image to assistive technology (role="img", its description as label;
      // the data table holds the values), so nothing inside may take keyboard focus: plotly's mode-bar button is left out of
      // the tab order (chart pages have their own PNG/SVG buttons).
      Array.prototype.forEach.call(el.querySelectorAll("button, a[href], [tabindex]"), function (node) {
        node.setAttribute("tabindex", "-1");
      });
    });
    el.setAttribute("data-drawn", dark ? "dark" : "light");
    el.removeAttribute("data-loading");
    if (!el.getAttribute("data-click")) {
      el.setAttribute("data-click", "1");
      // With a mouse, a click on a bar jumps to its row in the data table (quote and source link).
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var fact = point && point.customdata;
        var row = fact && document.getElementById(id + "-" + fact);
        if (row && window.matchMedia("(hover: hover)").matches) {
          var details = row.closest("details");
          if (details) { details.open = true; }
          window.location.hash = row.id;
        }
      });
    }
    return drawing;
  }

  // After the frame being prepared is painted: the callback of an animation frame runs just
  // before that frame's paint, a task queued from it just after.
  function afterPaint(callback) {
    if (window.requestAnimationFrame) {
      window.requestAnimationFrame(function () { setTimeout(callback, 0); });
    } else {
      setTimeout(callback, 0);
    }
  }

  // plotly.js once, on first need; "fuling:plotly" tells other scripts it is there.
  // Requested only once the page's text has been painted, so its run never holds the first paint;
  // and requested by this script element itself (no <link rel=preload>): Chromium then compiles it
  // on another thread while it downloads (its allFunctionsCalledOnLoad hint, scripts/build-plotly.mjs),
  // where a preloaded file is compiled on the main thread when the element asks for it.
  var plotly = null;
  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        if (window.Plotly) { resolve(); return; }
        if (!PLOTLY_SRC) { reject(new Error("charts.js: no data-plotly-src")); return; }
        afterPaint(function () {
          var script = document.createElement("script");
          script.src = PLOTLY_SRC;
          script.onload = function () { resolve(); };
          script.onerror = function () { reject(new Error("plotly.js failed to load: " + PLOTLY_SRC)); };
          document.head.appendChild(script);
        });
      }).then(function () {
        document.dispatchEvent(new CustomEvent("fuling:plotly"));
      });
    }
    return plotly;
  }

  // Charts wait here until plotly.js is there; then one chart per task, page order.
  var queue = [];
  var pumping = false;
  function pump() {
    var el = queue.shift();
    if (!el) { pumping = false; return; }
    if (!el.getAttribute("data-drawn")) {
      var drawing = draw(el);
      if (drawing && el.tapped) { drawing.then(function () { hoverAt(el, el.tapped); }); }
    }
    setTimeout(pump, 0);
  }
  function request(el) {
    queue.push(el);
    loadPlotly().then(function () {
      if (!pumping) { pumping = true; setTimeout(pump, 0); }
    });
  }

  function plots() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
  }

  // The build's picture serves as long as it shows what the reader would get: Chinese, and in the
  // colours the <picture> picked by the screen's scheme (a page forced dark by ?theme=dark, or a
  // dark embed on a light screen, must be drawn).
  function showsPicture(el) {
    var root = document.documentElement;  // an embed's pictures are light only (macros.html)
    var screenDark = !root.hasAttribute("data-embed-chart") &&
      !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
    return !!el.querySelector(".chart-preview") && wantsDark() === screenDark &&
      !root.classList.contains("lang-en");
  }

  // The tap that asked for the chart gets its answer: the hover label of the bar under the finger,
  // shown once the chart is drawn (plotly.js draws it from positions in the plot area).
  function hoverAt(el, point) {
    var size = el._fullLayout && el._fullLayout._size;
    if (!size || !window.Plotly.Fx) { return; }
    var box = el.getBoundingClientRect();
    var x = point.x - box.left - size.l;
    var y = point.y - box.top - size.t;
    if (x < 0 || y < 0 || x > size.w) { return; }
    var subplot = "xy";  // the panel under the finger: charts stack their panels top to bottom
    Object.keys(el._fullLayout).forEach(function (key) {
      var axis = /^yaxis(\d*)$/.exec(key);
      var domain = axis && el._fullLayout[key].domain;
      if (domain && y >= (1 - domain[1]) * size.h && y <= (1 - domain[0]) * size.h) {
        subplot = "x" + axis[1] + "y" + axis[1];
        y -= (1 - domain[1]) * size.h;
      }
    });
    window.Plotly.Fx.hover(el, { xpx: x, ypx: y }, subplot);
  }

  // A picture becomes the interactive chart when the reader asks for it: a click or a tap, or
  // Enter or Space on the focused chart. Never on touchstart or pointerenter: a swipe that
  // starts on a chart, or a wheel that scrolls one under the pointer, is scrolling, and must
  // not cost the reader plotly.js. While it loads the chart says so (data-loading, site.css).
  function onReach(el) {
    function reached(event) {
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") { return; }
      if (event.type === "keydown") { event.preventDefault(); }  // Space would scroll the page
      el.removeEventListener("click", reached);
      el.removeEventListener("keydown", reached);
      el.setAttribute("data-loading", "1");
      if (event.type === "click") { el.tapped = { x: event.clientX, y: event.clientY }; }
      request(el);
    }
    el.addEventListener("click", reached);
    el.addEventListener("keydown", reached);
  }

  // Resolves once `el` is drawn by plotly.js, drawing it now if it is still a picture (image downloads).
  function ready(el) {
    return loadPlotly().then(function () {
      return el.getAttribute("data-drawn") ? null : draw(el);
    }).then(function () { return el; });
  }

  // Redraw (colour scheme, print): charts drawn so far, at once; the others draw when they near the viewport.
  function drawAll() {
    if (!window.Plotly) { return; }
    plots().forEach(function (el) {
      if (el.getAttribute("data-drawn") || printing) { draw(el); }
    });
  }

  function start() {
    var all = plots().filter(function (el) {
      if (showsPicture(el)) { onReach(el); return false; }
      return true;
    });
    if (!all.length) { return; }
    if (!("IntersectionObserver" in window)) { all.forEach(request); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          request(entry.target);
        }
      });
    }, { rootMargin: NEAR });
    all.forEach(function (el) { observer.observe(el); });
  }

  // The screen's scheme changed: a picture follows it by itself (its <source> media); charts drawn
  // so far are drawn again, and a picture that no longer shows what the reader would get is drawn.
  function schemeChanged() {
    drawAll();
    plots().forEach(function (el) {
      if (!el.getAttribute("data-drawn") && el.querySelector(".chart-preview") && !showsPicture(el)) { request(el); }
    });
  }

  window.fulingCharts = { draw: draw, drawAll: drawAll, load: loadPlotly, ready: ready, config: CONFIG, themed: themed };
  start();
  if (window.matchMedia) {
    var query = window.matchMedia("(prefers-color-scheme: dark)");
    if (query.addEventListener) { query.addEventListener("change", schemeChanged); }
  }
  window.addEventListener("beforeprint", function () { printing = true; drawAll(); });
  window.addEventListener("afterprint", function () { printing = false; drawAll(); });
})();
