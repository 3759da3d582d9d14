/*
 * 涪陵数据 embed resizer, for the page that hosts our charts.
 *
 * Include it once, anywhere on the page:
 *   <script async src="https://…/assets/embed.js"></script>
 * and every iframe of ours on the page (those whose src lies under the
 * embed/ folder of the site this script was served from) takes the height
 * its chart reports, so it never shows a scrollbar or a gap. A frame's
 * `data-fuling-chart` attribute proves nothing (any page can write it), so
 * a frame from another address is left alone whatever it carries.
 *
 * Heights arrive by window.postMessage in any of three shapes:
 *   ours:        {"type": "fuling-data:height", "chart": "<id>", "height": 412}
 *   Datawrapper: {"datawrapper-height": {"<id>": 412}}
 *   pym.js:      "pymxPYMx<id>xPYMxheightxPYMx412"
 * A message is applied only to the iframe whose window sent it
 * (event.source === iframe.contentWindow) and only when it comes from that
 * iframe's own origin: any page can post a message, so the sender is what
 * counts, never the id written in the message.
 *
 * No cookies, no storage, no request of its own.
 */
(function () {
  "use strict";
  if (window.__fulingEmbedResizer) return; // included twice: run once
  window.__fulingEmbedResizer = true;

  var MIN = 60, MAX = 20000; // px; anything outside is ignored

  // The folder the site is published in, taken from this script's own URL
  // (…/assets/embed.js or a fingerprinted …/assets/embed.<hash>.js).
  var base = "";
  var me = document.currentScript;
  if (me && me.src) base = me.src.replace(/assets\/[^\/]*$/, "");

  function ours(frame) {
    return base !== "" && frame.src.indexOf(base + "embed/") === 0;
  }

  function originOf(url) {
    try { return new URL(url, document.baseURI).origin; } catch (e) { return ""; }
  }

  // Reads a height from any of the three message shapes; NaN when none.
  function heightOf(data) {
    if (typeof data === "string") {
      var pym = data.split("xPYMx");
      if (pym.length === 4 && pym[0] === "pym" && pym[2] === "height") return Number(pym[3]);
      if (data.charAt(0) !== "{") return NaN;
      try { data = JSON.parse(data); } catch (e) { return NaN; }
    }
    if (!data || typeof data !== "object") return NaN;
    if (data.type === "fuling-data:height") return Number(data.height);
    var dw = data["datawrapper-height"];
    if (dw && typeof dw === "object") {
      for (var id in dw) if (Object.prototype.hasOwnProperty.call(dw, id)) return Number(dw[id]);
    }
    return NaN;
  }

  window.addEventListener("message", function (event) {
    var h = heightOf(event.data);
    if (!(h >= MIN && h <= MAX)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source || !ours(frame)) continue;
      if (originOf(frame.src) !== event.origin) return;
      var px = Math.ceil(h) + "px";
      if (frame.style.height !== px) frame.style.height = px;
      return;
    }
  });

  // A frame may have reported its height before this script ran (it loads
  // async): ask every frame of ours to say it again. The request carries
  // nothing private, so any target origin will do.
  function ask() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (ours(frames[i]) && frames[i].contentWindow) {
        frames[i].contentWindow.postMessage({ type: "fuling-data:request-height" }, "*");
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ask);
  else ask();
})();
