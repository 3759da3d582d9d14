/* The "how to cite" block (partials/cite.html): the date accessed is the reader's
   today, in the site's date form (2026年12月3日). */
(function () {
  var today = new Date();
  var label = today.getFullYear() + "年" + (today.getMonth() + 1) + "月" + today.getDate() + "日";
  document.querySelectorAll(".cite-today").forEach(function (el) {
    el.textContent = label;
  });
})();
