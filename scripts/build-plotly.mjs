// Builds the plotly.js the site serves: only the trace types and layout
// components the charts use, from the pinned npm `plotly.js` sources, bundled
// and minified by the pinned `esbuild` (both in package-lock.json). Run by the
// Makefile after `npm ci`; nothing is fetched here.
//
//     node scripts/build-plotly.mjs            # writes node_modules/.fuling/plotly.min.js
//
// Why: plotly.js is almost all of a chart page's main-thread work on a phone.
// The stock "basic" bundle (bar, pie, scatter) also registers every layout
// component (sliders, update menus, range sliders and selectors, images,
// colour bars, error bars, 3-D annotations, world calendars...), whose code
// the browser must compile and run before the first chart. This bundle keeps
// what fuling/charts/figures.py's figures and assets/charts.js's config need:
//
//   traces      scatter (line charts), bar, pie
//   components  legend; shapes (the legend reads layout.shapes); annotations
//               (the panel titles of multi-panel charts); fx (hover labels);
//               modebar (the image-download button)
//
// and is otherwise plotly.js's own src/core.js. tests/browser/test_plotly_bundle.py
// checks that it draws every chart of the site exactly as the full plotly.js
// bundle does (same SVG, same hover labels). A figure that needs another
// component (error bars, images, range sliders...) must add it below.
//
// The output starts with V8's `//# allFunctionsCalledOnLoad` compile hint:
// the chart is drawn as soon as the script has run, so nearly every function
// is needed at once, and Chromium then compiles them while the file streams
// in, on a background thread, instead of one by one on the main thread.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "node_modules", ".fuling", "plotly.min.js");
// The entry below mirrors src/core.js of this release; a new plotly.js
// version means reading its core.js again before raising this.
const PLOTLY_VERSION = "4.1.1";

const require = createRequire(join(ROOT, "package.json"));
const version = JSON.parse(readFileSync(require.resolve("plotly.js/package.json"), "utf8")).version;
if (version !== PLOTLY_VERSION) {
  console.error(`build-plotly: node_modules has plotly.js ${version}, this script mirrors ${PLOTLY_VERSION}'s src/core.js: review it`);
  process.exit(1);
}
const esbuild = require("esbuild");

const TRACES = ["bar", "pie"]; // scatter is registered with the core, as plotly.js does
const COMPONENTS = ["annotations", "shapes", "legend", "fx", "modebar"]; // this order: see src/core.js

const entry = `
// plotly.js src/core.js (${PLOTLY_VERSION}) with fewer components.
exports.version = require("plotly.js/src/version").version;
require("native-promise-only");
require("plotly.js/build/plotcss");
var Registry = require("plotly.js/src/registry");
var register = exports.register = Registry.register;
var plotApi = require("plotly.js/src/plot_api");
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") exports[name] = plotApi[name];
  register({ moduleType: "apiMethod", name: name, fn: plotApi[name] });
});
register(require("plotly.js/src/traces/scatter"));
register([${COMPONENTS.map((c) => `require("plotly.js/src/components/${c}")`).join(", ")}]);
register([require("plotly.js/src/locale-en"), require("plotly.js/src/locale-en-us")]);
register([${TRACES.map((t) => `require("plotly.js/src/traces/${t}")`).join(", ")}]);
exports.Icons = require("plotly.js/src/fonts/ploticon");
var Fx = require("plotly.js/src/components/fx");
var Plots = require("plotly.js/src/plots/plots");
exports.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };
exports.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };
exports.Snapshot = require("plotly.js/src/snapshot");
exports.PlotSchema = require("plotly.js/src/plot_api/plot_schema");
`;

const banner = [
  "//# allFunctionsCalledOnLoad",
  `/*! plotly.js v${PLOTLY_VERSION} (traces: scatter, ${TRACES.join(", ")}; components: ${COMPONENTS.join(", ")})`,
  " * Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license.",
  " * Built for this site by scripts/build-plotly.mjs. */",
].join("\n");

mkdirSync(dirname(OUT), { recursive: true });
const result = esbuild.buildSync({
  stdin: { contents: entry, resolveDir: ROOT, sourcefile: "plotly-site-entry.js" },
  outfile: OUT,
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016", // as plotly.js's own build
  define: { global: "window", "define.amd": "false" },
  // plotly.js's registry requires maplibre-gl's stylesheet for map subplots,
  // which this bundle has none of: no CSS is emitted.
  loader: { ".css": "empty" },
  banner: { js: banner },
  legalComments: "none",
  logLevel: "warning",
});
if (result.errors.length) process.exit(1);
console.log(`build-plotly: ${OUT.slice(ROOT.length + 1)} (${Math.round(statSync(OUT).size / 1024)} KB)`);
