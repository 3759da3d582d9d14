/*
 * Chart page: copy buttons for the embed code and PNG/SVG downloads.
 * Without this script the code stays selectable in its read-only text box
 * and the CSV/JSON links work; the buttons stay hidden.
 */
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".share-status");
    if (status) status.textContent = text;
  }

  // Select the text first: if the clipboard is refused, the reader can press Ctrl+C.
  function copy(button) {
    var box = document.getElementById(button.getAttribute("data-copy"));
    if (!box) return;
    box.focus();
    box.select();
    var done = function () { say(button, "已复制"); };
    var manual = function () { say(button, "已选中，请按 Ctrl+C（⌘C）复制"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(done, function () {
        try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* fall through */ }
        manual();
      });
    } else {
      try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* fall through */ }
      manual();
    }
  }

  // A chart still showing the build's picture is drawn by plotly.js first (assets/charts.js).
  function image(button) {
    var plot = document.getElementById(button.getAttribute("data-plot"));
    if (!plot || !window.fulingCharts) return;
    window.fulingCharts.ready(plot).then(function () {
      window.Plotly.downloadImage(plot, {
        format: button.getAttribute("data-image"),
        filename: button.getAttribute("data-filename") || "chart",
        width: Math.max(plot.clientWidth, 640),
        height: plot.clientHeight || 380,
        scale: button.getAttribute("data-image") === "png" ? 2 : 1
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.share-copy"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });

  Array.prototype.forEach.call(document.querySelectorAll("button[data-image]"), function (button) {
    button.addEventListener("click", function () { image(button); });
  });
  // Image buttons show when the page's chart script is there to draw them (it runs after this one).
  function showImageButtons() {
    if (!window.fulingCharts) return;
    Array.prototype.forEach.call(document.querySelectorAll(".share-image"), function (item) { item.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", showImageButtons);
})();
