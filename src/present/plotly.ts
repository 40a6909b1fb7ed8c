/** Plotly in tslab/Jupyter and the site without network, a chart's text summary, and MIME bundles shown. */
import * as fs from "fs";
import { BOX_NUMBERS, chartDescription, chartTitle, escapeHtml, figureDataHtml } from "./chart-text";
import type { PlotFigure, PlotTrace } from "./chart-text";

/** The marker the site builder looks for to strip the inlined plotly.js bundle. */
export const PLOTLY_BUNDLE_ATTRIBUTE = "data-plotly-bundle";

/** Set to "omit" to leave plotly.js out of every chart. @example process.env[PLOTLY_BUNDLE_ENV] = "omit"; */
export const PLOTLY_BUNDLE_ENV = "PLOTLY_BUNDLE";

let chartCounter = 0;
let bundleShown = false;

/** The plotly.js bundle's path. @example plotlyBundlePath() // ".../node_modules/plotly.js-dist-min/plotly.min.js" */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** JSON that is safe inside a `<script>` element; with `forDrawing`, numbers to 7 significant digits (half the bytes). */
function scriptJson(value: unknown, forDrawing = false): string {
  const sevenDigits = (_key: string, v: unknown): unknown =>
    typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(7)) : v;
  return JSON.stringify(value, forDrawing ? sevenDigits : undefined).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** One chart's div (role="img", named by its title), the script that draws it, its numbers under "Tal bag figuren". @example plotHtml({ data: [{ type: "bar", y: [1] }] }, "plot-1") */
export function plotHtml(figure: PlotFigure, id: string, options: { includeBundle?: boolean } = {}): string {
  const layout = { height: 420, ...figure.layout };
  const config = { responsive: true, displaylogo: false, ...figure.config };
  const missing = // shown instead of a chart when plotly.js is not on the page
    "plotly.js is not loaded on this page: run the notebook from the top (Kernel → Restart Kernel and Run All Cells).";
  const draw =
    `(function () {` +
    `var el = (document.currentScript && document.currentScript.previousElementSibling) || document.getElementById(${scriptJson(id)});` +
    `var fig = ${scriptJson({ data: figure.data, layout, config }, true)};` +
    `if (!window.Plotly) { el.textContent = ${scriptJson(missing)}; return; }` +
    `window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);` +
    `})();`;
  // The bundle defines `window.Plotly`, with an AMD `define` (require.js) hidden while it runs.
  const bundle = options.includeBundle
    ? `<script ${PLOTLY_BUNDLE_ATTRIBUTE}>var __plotlyDefine = window.define; window.define = undefined;\n` +
      `${fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script")}\n;window.define = __plotlyDefine;</script>`
    : "";
  return (
    bundle +
    `<div id="${escapeHtml(id)}" class="plotly-figure" role="img" aria-label="${escapeHtml(chartDescription(figure))}" style="width:100%;height:${typeof layout.height === "number" ? layout.height : 420}px"></div>` +
    `<script>${draw}</script>` +
    figureDataHtml(figure)
  );
}

/**
 * A chart's title and each trace's values (1 decimal): its text/plain fallback.
 * @example plotSummary({ data: [{ type: "bar", x: ["a"], y: [2.25] }] }) // "[chart] (untitled)\n  bar: a 2.3"
 */
export function plotSummary(figure: PlotFigure): string {
  const title = chartTitle(figure);
  const lines = [`[chart] ${title === "" ? "(untitled)" : title}`];
  for (const trace of figure.data) {
    if (trace.mode === "text") continue; // value labels: the bar trace already lists the values
    const name = trace.name === undefined ? "" : ` "${trace.name}"`;
    lines.push(`  ${trace.type ?? "scatter"}${name}: ${traceValues(trace)}`);
  }
  return lines.join("\n");
}

function shown(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? value.toFixed(1) : String(value);
  return Array.isArray(value) ? `[${value.map(shown).join(", ")}]` : String(value);
}

/** At most 40 items, then their count. */
function listed(items: string[]): string {
  const head = items.slice(0, 40).join(", ");
  return items.length > 40 ? `${head}, … (${items.length} values)` : head;
}

function traceValues(trace: PlotTrace): string {
  const asArray = (key: string): unknown[] | null => (Array.isArray(trace[key]) ? (trace[key] as unknown[]) : null);
  const [x, y, z, values, labels] = ["x", "y", "z", "values", "labels"].map(asArray);
  if (z) return listed(z.map((row, i) => `${y ? String(y[i]) : i}: ${shown(row)}`));
  const link = trace.link as { source?: unknown; target?: unknown; value?: unknown } | undefined;
  if (link && Array.isArray(link.value) && Array.isArray(link.source) && Array.isArray(link.target)) {
    const node = trace.node as { label?: unknown } | undefined;
    const names = node && Array.isArray(node.label) ? (node.label as unknown[]) : [];
    const at = (i: unknown): string => (typeof i === "number" && names[i] !== undefined ? String(names[i]) : String(i));
    const [sources, targets] = [link.source as unknown[], link.target as unknown[]];
    return listed(link.value.map((v, i) => `${at(sources[i])} → ${at(targets[i])} ${shown(v)}`));
  }
  if (Array.isArray(trace.median)) return listed(BOX_NUMBERS.map((k) => `${k} ${shown(trace[k])}`));
  if (values) return listed(values.map((v, i) => `${labels ? String(labels[i]) : i} ${shown(v)}`));
  if (x && y) {
    const [categories, numbers] = trace.orientation === "h" ? [y, x] : [x, y];
    return listed(numbers.map((v, i) => `${String(categories[i])} ${shown(v)}`));
  }
  const only = y ?? x;
  return only ? listed(only.map(shown)) : "(no data)";
}

/** Sends a MIME bundle to the tslab kernel (or the report runner). @example displayBundle({ "text/plain": "Hej" }) */
export function displayBundle(data: Record<string, string>): void {
  // Loaded lazily: tslab pulls in its TypeScript compiler, which only a kernel needs.
  const jupyter = require("tslab/dist/jupyter") as {
    lastWriteDisplayData: ((message: object, update: boolean) => void) | null;
  };
  if (jupyter.lastWriteDisplayData === null)
    throw new Error(
      "showPlot/showTable need a running tslab kernel (Jupyter or `npm run report`); use plotHtml()/tableHtml() elsewhere",
    );
  jupyter.lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
}

/** Displays a figure; the first carries plotly.js unless PLOTLY_BUNDLE=omit. @example showPlot({ data: [] }) */
export function showPlot(figure: PlotFigure): void {
  const includeBundle = !bundleShown && process.env[PLOTLY_BUNDLE_ENV] !== "omit";
  const html = plotHtml(figure, `plot-${++chartCounter}`, { includeBundle });
  displayBundle({ "text/html": html, "text/plain": plotSummary(figure) });
  bundleShown = true;
}

/** Displays Markdown in the notebook. @example showMarkdown(`Basis: ${integer(n)} besvarelser`); */
export function showMarkdown(markdown: string): void {
  displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}
