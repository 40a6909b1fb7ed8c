/** Plotly in tslab/Jupyter and the site without network, a chart's text summary, and MIME bundles shown. */
import * as fs from "fs";
import { BOX_NUMBERS, chartDescription, chartTitle, figureDataHtml } from "./chart-text";

/** One Plotly trace, kept open (Plotly has hundreds of attributes). */
export interface PlotTrace {
  type?: string;
  name?: string;
  [attribute: string]: unknown;
}

/** A Plotly figure: what `Plotly.newPlot(div, data, layout, config)` takes. */
export interface PlotFigure {
  data: PlotTrace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The marker the site builder looks for to strip the inlined plotly.js bundle. */
export const PLOTLY_BUNDLE_ATTRIBUTE = "data-plotly-bundle";

const PLOTLY_MISSING = // shown instead of a chart when plotly.js is not on the page
  "plotly.js is not loaded on this page: run the notebook from the top (Kernel → Restart Kernel and Run All Cells).";

const DEFAULT_HEIGHT = 420;

const DEFAULT_CONFIG: Record<string, unknown> = { responsive: true, displaylogo: false };

let chartCounter = 0;
let bundleShown = false;

/** Set to "omit" to leave plotly.js out of every chart. @example process.env[PLOTLY_BUNDLE_ENV] = "omit"; */
export const PLOTLY_BUNDLE_ENV = "PLOTLY_BUNDLE";

/** The plotly.js bundle's path. @example plotlyBundlePath() // ".../node_modules/plotly.js-dist-min/plotly.min.js" */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** The `<script data-plotly-bundle>` tag defining `window.Plotly`, with an AMD `define` (require.js) hidden. */
export function plotlyBundleScript(): string {
  const source = fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<script ${PLOTLY_BUNDLE_ATTRIBUTE}>var __plotlyDefine = window.define; window.define = undefined;\n` +
    `${source}\n;window.define = __plotlyDefine;</script>`
  );
}

/** A drawn number to 7 significant digits: far below what a chart can show, and half the bytes of a double. */
function sevenDigits(_key: string, value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)
    ? Number(value.toPrecision(7))
    : value;
}

/** JSON that is safe inside a `<script>` element; with `forDrawing`, numbers to 7 significant digits. */
function scriptJson(value: unknown, forDrawing = false): string {
  return JSON.stringify(value, forDrawing ? sevenDigits : undefined).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One chart's div (role="img", named by its title), the script that draws it, its numbers under "Tal bag figuren". @example plotHtml({ data: [{ type: "bar", y: [1] }] }, "plot-1") */
export function plotHtml(figure: PlotFigure, id: string, options: { includeBundle?: boolean } = {}): string {
  const layout = { height: DEFAULT_HEIGHT, ...figure.layout };
  const height = typeof layout.height === "number" ? layout.height : DEFAULT_HEIGHT;
  const config = { ...DEFAULT_CONFIG, ...figure.config };
  const draw =
    `(function () {` +
    `var el = (document.currentScript && document.currentScript.previousElementSibling) || document.getElementById(${scriptJson(id)});` +
    `var fig = ${scriptJson({ data: figure.data, layout, config }, true)};` +
    `if (!window.Plotly) { el.textContent = ${scriptJson(PLOTLY_MISSING)}; return; }` +
    `window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);` +
    `})();`;
  return (
    (options.includeBundle ? plotlyBundleScript() : "") +
    `<div id="${escapeHtml(id)}" class="plotly-figure" role="img" aria-label="${escapeHtml(chartDescription(figure))}" style="width:100%;height:${height}px"></div>` +
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

const SUMMARY_MAX_VALUES = 40;

function shown(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? value.toFixed(1) : String(value);
  if (Array.isArray(value)) return `[${value.map(shown).join(", ")}]`;
  return String(value);
}

function listed(items: string[]): string {
  const head = items.slice(0, SUMMARY_MAX_VALUES).join(", ");
  return items.length > SUMMARY_MAX_VALUES ? `${head}, … (${items.length} values)` : head;
}

function traceValues(trace: PlotTrace): string {
  const asArray = (key: string): unknown[] | null => (Array.isArray(trace[key]) ? (trace[key] as unknown[]) : null);
  const x = asArray("x");
  const y = asArray("y");
  const z = asArray("z");
  if (z) return listed(z.map((row, i) => `${y ? String(y[i]) : i}: ${shown(row)}`));
  const link = trace.link as { source?: unknown; target?: unknown; value?: unknown } | undefined;
  const node = trace.node as { label?: unknown } | undefined;
  if (link && Array.isArray(link.value) && Array.isArray(link.source) && Array.isArray(link.target)) {
    const labels = node && Array.isArray(node.label) ? (node.label as unknown[]) : [];
    const at = (i: unknown): string =>
      typeof i === "number" && labels[i] !== undefined ? String(labels[i]) : String(i);
    return listed(
      link.value.map(
        (v, i) => `${at((link.source as unknown[])[i])} → ${at((link.target as unknown[])[i])} ${shown(v)}`,
      ),
    );
  }
  if (Array.isArray(trace.median)) return listed(BOX_NUMBERS.map((k) => `${k} ${shown(trace[k])}`));
  const values = asArray("values");
  const labels = asArray("labels");
  if (values) return listed(values.map((v, i) => `${labels ? String(labels[i]) : i} ${shown(v)}`));
  if (x && y) {
    const horizontal = trace.orientation === "h";
    const categories = horizontal ? y : x;
    const numbers = horizontal ? x : y;
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
  chartCounter += 1;
  const html = plotHtml(figure, `plot-${chartCounter}`, {
    includeBundle: !bundleShown && process.env[PLOTLY_BUNDLE_ENV] !== "omit",
  });
  displayBundle({ "text/html": html, "text/plain": plotSummary(figure) });
  bundleShown = true;
}

/** Displays Markdown in the notebook. @example showMarkdown(`Basis: ${integer(n)} besvarelser`); */
export function showMarkdown(markdown: string): void {
  displayBundle({ "text/markdown": markdown, "text/plain": markdown });
}
