/**
 * Plotly charts and HTML tables that display in tslab/Jupyter and in the report's HTML site, with
 * no network: the first chart a process shows carries the plotly.js bundle from node_modules
 * inline (in a `<script data-plotly-bundle>` tag, which the site builder replaces by one local
 * file per page). Chart builders are pure functions returning a {@link PlotFigure}; `showPlot`
 * and `showTable` display.
 *
 * @example
 * import { showPlot, barWithCi } from "../lib/plot";
 * showPlot(barWithCi([{ label: "Salg", estimate: 38, ciLow: 35.1, ciHigh: 41 }], { title: "Stort potentiale", valueSuffix: " %" }));
 */
import * as fs from "fs";
import type { Lang } from "../report/codebook";
import { grouped, integer } from "./format";

/** One Plotly trace (see plotly.js's reference); kept open because Plotly has hundreds of attributes. */
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

/** Shown instead of a chart when plotly.js is not on the page (a reopened notebook whose first chart was not re-run). */
const PLOTLY_MISSING = "plotly.js is not loaded on this page: run the notebook from the top (Kernel → Restart Kernel and Run All Cells).";

/** Default height of a chart's div, in pixels. */
const DEFAULT_HEIGHT = 420;

const DEFAULT_CONFIG: Record<string, unknown> = { responsive: true, displaylogo: false };

let chartCounter = 0;
let bundleShown = false;

/**
 * The plotly.js bundle's source, read from node_modules (plotly.js-dist-min).
 * @example plotlyBundlePath() // ".../node_modules/plotly.js-dist-min/plotly.min.js"
 */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/**
 * The `<script data-plotly-bundle>` tag that defines `window.Plotly`, hiding an AMD `define`
 * (classic Jupyter's require.js) so that the bundle always sets the global.
 */
export function plotlyBundleScript(): string {
  const source = fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  return (
    `<script ${PLOTLY_BUNDLE_ATTRIBUTE}>var __plotlyDefine = window.define; window.define = undefined;\n` +
    `${source}\n;window.define = __plotlyDefine;</script>`
  );
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The HTML of one chart: a div and a script drawing it with Plotly.newPlot. The script finds its
 * div as its previous sibling (so stale outputs with the same id in Jupyter do not matter) and
 * falls back to the id.
 * @example plotHtml({ data: [{ type: "bar", x: ["a"], y: [1] }] }, "plot-1")
 */
export function plotHtml(figure: PlotFigure, id: string, options: { includeBundle?: boolean } = {}): string {
  const layout = { height: DEFAULT_HEIGHT, ...figure.layout };
  const height = typeof layout.height === "number" ? layout.height : DEFAULT_HEIGHT;
  const config = { ...DEFAULT_CONFIG, ...figure.config };
  const draw =
    `(function () {` +
    `var el = (document.currentScript && document.currentScript.previousElementSibling) || document.getElementById(${scriptJson(id)});` +
    `var fig = ${scriptJson({ data: figure.data, layout, config })};` +
    `if (!window.Plotly) { el.textContent = ${scriptJson(PLOTLY_MISSING)}; return; }` +
    `window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);` +
    `})();`;
  return (
    (options.includeBundle ? plotlyBundleScript() : "") +
    `<div id="${escapeHtml(id)}" class="plotly-figure" style="width:100%;height:${height}px"></div>` +
    `<script>${draw}</script>`
  );
}

/**
 * A short text description of a figure: its title and each trace's values (numbers with 1
 * decimal). The text/plain fallback of a chart, and what the notebooks' text snapshots compare.
 * @example plotSummary({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2.25] }] }) // "[chart] (untitled)\n  bar: a 1.0, b 2.3"
 */
export function plotSummary(figure: PlotFigure): string {
  const title = figureTitle(figure);
  const lines = [`[chart] ${title === "" ? "(untitled)" : title}`];
  for (const trace of figure.data) {
    const name = trace.name === undefined ? "" : ` "${trace.name}"`;
    lines.push(`  ${trace.type ?? "scatter"}${name}: ${traceValues(trace)}`);
  }
  return lines.join("\n");
}

function figureTitle(figure: PlotFigure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (typeof title === "object" && title !== null && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return "";
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
    const at = (i: unknown): string => (typeof i === "number" && labels[i] !== undefined ? String(labels[i]) : String(i));
    return listed(link.value.map((v, i) => `${at((link.source as unknown[])[i])} → ${at((link.target as unknown[])[i])} ${shown(v)}`));
  }
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

interface DisplayMessage {
  data: Record<string, string>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** Sends a MIME bundle to the running tslab kernel (or the report runner, which hooks the same place). */
function displayBundle(data: Record<string, string>): void {
  // Loaded lazily: tslab pulls in its TypeScript compiler, which only a kernel needs.
  const jupyter = require("tslab/dist/jupyter") as {
    lastWriteDisplayData: ((message: DisplayMessage, update: boolean) => void) | null;
  };
  if (jupyter.lastWriteDisplayData === null) {
    throw new Error("showPlot/showTable need a running tslab kernel (Jupyter or `npm run report`); use plotHtml()/tableHtml() elsewhere");
  }
  jupyter.lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
}

/**
 * Displays a Plotly figure in the notebook (text/html with a text/plain summary). The first chart of
 * the process also carries the plotly.js bundle, so that Jupyter needs no network. Div ids are
 * "plot-1", "plot-2", ... in display order.
 * @example showPlot({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "Demo" } } });
 */
export function showPlot(figure: PlotFigure): void {
  chartCounter += 1;
  const html = plotHtml(figure, `plot-${chartCounter}`, { includeBundle: !bundleShown });
  displayBundle({ "text/html": html, "text/plain": plotSummary(figure) });
  bundleShown = true;
}

/** One bar with its confidence interval (any unit; the CI bounds in the same unit as the estimate). */
export interface CiBar {
  label: string;
  estimate: number;
  ciLow: number;
  ciHigh: number;
}

/** Options shared by the chart builders. */
export interface ChartOptions {
  title?: string;
  /** Axis title of the values (e.g. "Andel af virksomheder (%)"). */
  valueTitle?: string;
  /** Appended to values in hover text and labels, e.g. " %". */
  valueSuffix?: string;
  /** Decimals shown in bar labels (default 0). */
  decimals?: number;
  /** Bars run horizontally, labels on the y axis (default false). */
  horizontal?: boolean;
  /** Chart height in pixels. */
  height?: number;
  /** Write each value on its bar (default true; turn off for many thin bars). */
  showValues?: boolean;
}

function baseLayout(options: ChartOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    margin: { l: 60, r: 30, t: options.title ? 60 : 30, b: 60 },
    font: { family: "Open Sans, verdana, arial, sans-serif", size: 13 },
  };
  if (options.title) layout.title = { text: options.title };
  if (options.height) layout.height = options.height;
  return layout;
}

function checkFinite(values: number[], what: string): void {
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new Error(`plot: ${what}[${index}] is ${value}, expected a finite number`);
  });
}

/** One bar trace with asymmetric 95 % CI error bars. */
function ciTrace(bars: CiBar[], options: ChartOptions, name?: string): PlotTrace {
  checkFinite(bars.map((b) => b.estimate), "estimate");
  checkFinite(bars.map((b) => b.ciLow), "ciLow");
  checkFinite(bars.map((b) => b.ciHigh), "ciHigh");
  const decimals = options.decimals ?? 0;
  const suffix = options.valueSuffix ?? "";
  const labels = bars.map((b) => b.label);
  const values = bars.map((b) => b.estimate);
  const error = {
    type: "data",
    symmetric: false,
    array: bars.map((b) => b.ciHigh - b.estimate),
    arrayminus: bars.map((b) => b.estimate - b.ciLow),
    color: "#333",
    thickness: 1.2,
    width: 4,
  };
  // A bar too short to hold its label shows none (the hover text and the axis still give the value).
  const longest = Math.max(...bars.map((b) => Math.abs(b.estimate)));
  const text = bars.map((b) => (Math.abs(b.estimate) < 0.08 * longest ? "" : `${b.estimate.toFixed(decimals)}${suffix}`));
  const hover = bars.map(
    (b) => `${b.label}: ${b.estimate.toFixed(1)}${suffix} (95 % CI ${b.ciLow.toFixed(1)}–${b.ciHigh.toFixed(1)})`,
  );
  const horizontal = options.horizontal ?? false;
  const hideValues = options.showValues === false ? { textposition: "none" } : {};
  return {
    type: "bar",
    ...(name === undefined ? {} : { name }),
    orientation: horizontal ? "h" : "v",
    x: horizontal ? values : labels,
    y: horizontal ? labels : values,
    [horizontal ? "error_x" : "error_y"]: error,
    text,
    // Labels stay horizontal and sit in the middle of the bar, clear of the axis labels at its base
    // and of the CI whiskers at its end.
    textposition: "inside",
    textangle: 0,
    insidetextanchor: "middle",
    hovertext: hover,
    hoverinfo: "text",
    ...hideValues,
  };
}

function valueAxes(options: ChartOptions): Record<string, unknown> {
  const valueAxis = { title: { text: options.valueTitle ?? "" }, rangemode: "tozero", zeroline: true };
  const labelAxis = options.horizontal ? { automargin: true, autorange: "reversed", ticksuffix: "  " } : { automargin: true };
  return options.horizontal ? { xaxis: valueAxis, yaxis: labelAxis } : { yaxis: valueAxis, xaxis: labelAxis };
}

/**
 * A bar chart of estimates with 95 % confidence-interval error bars.
 * @example showPlot(barWithCi([{ label: "Bruger AI", estimate: 44, ciLow: 42, ciHigh: 46 }], { valueSuffix: " %" }))
 */
export function barWithCi(bars: CiBar[], options: ChartOptions = {}): PlotFigure {
  return { data: [ciTrace(bars, options)], layout: { ...baseLayout(options), ...valueAxes(options), showlegend: false } };
}

/**
 * Grouped bars with CIs: one series per group (e.g. firm size), the same labels in each.
 * @example groupedBarsWithCi([{ name: "Under 10", bars }, { name: "10+", bars: bars10 }], { horizontal: true })
 */
export function groupedBarsWithCi(series: { name: string; bars: CiBar[] }[], options: ChartOptions = {}): PlotFigure {
  return {
    data: series.map((s) => ciTrace(s.bars, options, s.name)),
    layout: { ...baseLayout(options), ...valueAxes(options), barmode: "group", showlegend: true },
  };
}

/**
 * Horizontal bars without intervals (counts, shares), largest first if `sort` is set.
 * @example horizontalBars(["Viden", "Omkostninger"], [61, 44], { valueSuffix: " %" })
 */
export function horizontalBars(labels: string[], values: number[], options: ChartOptions & { sort?: boolean } = {}): PlotFigure {
  if (labels.length !== values.length) {
    throw new Error(`horizontalBars: ${labels.length} labels but ${values.length} values, expected equal lengths`);
  }
  checkFinite(values, "values");
  let order = labels.map((_, i) => i);
  if (options.sort) order = order.sort((a, b) => values[b] - values[a] || a - b);
  const decimals = options.decimals ?? 0;
  const suffix = options.valueSuffix ?? "";
  const trace: PlotTrace = {
    type: "bar",
    orientation: "h",
    x: order.map((i) => values[i]),
    y: order.map((i) => labels[i]),
    text: order.map((i) => `${values[i].toFixed(decimals)}${suffix}`),
    textposition: options.showValues === false ? "none" : "auto",
  };
  return {
    data: [trace],
    layout: { ...baseLayout(options), ...valueAxes({ ...options, horizontal: true }), showlegend: false },
  };
}

/**
 * A funnel of stages with counts (e.g. the respondent funnel 4,128 → 2,464 → 1,372 → 1,146).
 * @example funnelChart([{ label: "Alle", count: 4128 }, { label: "Relevant", count: 2464 }])
 */
export function funnelChart(stages: { label: string; count: number }[], options: ChartOptions = {}): PlotFigure {
  checkFinite(stages.map((s) => s.count), "count");
  return {
    data: [
      {
        type: "funnel",
        orientation: "h",
        y: stages.map((s) => s.label),
        x: stages.map((s) => s.count),
        textinfo: "value+percent initial",
      },
    ],
    layout: { ...baseLayout(options), margin: { l: 220, r: 30, t: options.title ? 60 : 30, b: 30 } },
  };
}

/**
 * A Sankey diagram: node labels and links between node indices.
 * @example sankeyChart(["Alle", "Relevant", "Ikke relevant"], [{ source: 0, target: 1, value: 2464 }, { source: 0, target: 2, value: 1664 }])
 */
export function sankeyChart(
  nodes: string[],
  links: { source: number; target: number; value: number }[],
  options: ChartOptions = {},
): PlotFigure {
  links.forEach((link, index) => {
    for (const end of [link.source, link.target]) {
      if (!Number.isInteger(end) || end < 0 || end >= nodes.length) {
        throw new Error(`sankeyChart: links[${index}] refers to node ${end}, expected an index 0–${nodes.length - 1}`);
      }
    }
  });
  checkFinite(links.map((l) => l.value), "links.value");
  return {
    data: [
      {
        type: "sankey",
        arrangement: "fixed",
        node: { label: nodes, pad: 18, thickness: 18 },
        link: {
          source: links.map((l) => l.source),
          target: links.map((l) => l.target),
          value: links.map((l) => l.value),
        },
      },
    ],
    layout: baseLayout(options),
  };
}

/**
 * A heat map: `z[row][column]` with row labels `y` and column labels `x`, values written in cells.
 * @example heatmap([[61, 40], [55, 47]], ["Viden", "Omkostninger"], ["Salg", "Admin"], { valueSuffix: " %" })
 */
export function heatmap(z: number[][], x: string[], y: string[], options: ChartOptions = {}): PlotFigure {
  if (z.length !== y.length) throw new Error(`heatmap: ${z.length} rows of z but ${y.length} row labels, expected equal`);
  z.forEach((row, r) => {
    if (row.length !== x.length) {
      throw new Error(`heatmap: z[${r}] has ${row.length} values but there are ${x.length} column labels, expected equal`);
    }
    checkFinite(row, `z[${r}]`);
  });
  const decimals = options.decimals ?? 0;
  const suffix = options.valueSuffix ?? "";
  return {
    data: [
      {
        type: "heatmap",
        z,
        x,
        y,
        text: z.map((row) => row.map((v) => `${v.toFixed(decimals)}${suffix}`)),
        texttemplate: "%{text}",
        colorscale: "Blues",
        reversescale: true,
        hoverongaps: false,
      },
    ],
    layout: { ...baseLayout(options), yaxis: { automargin: true, autorange: "reversed" }, xaxis: { automargin: true } },
  };
}

/** A table cell value. */
export type TableValue = string | number | boolean | null;

/** A table column: the row key, its header and an optional formatter (which then decides alone how its cells read). */
export interface TableColumn {
  key: string;
  label?: string;
  format?: (value: TableValue) => string;
}

/**
 * How a table writes numbers that have no column `format`. `lang: "da"` (the default): integers
 * with a thousands dot ("4.128"), other numbers with one decimal and a decimal comma ("12.345,6").
 * `lang: "en"`: integers as they are ("4128"), other numbers with one decimal and a point ("44.0"),
 * no thousands separator.
 */
export interface TableOptions {
  lang?: Lang;
}

/**
 * The text of a number cell without a column format, as described at {@link TableOptions}.
 * @example tableNumber(4128) // "4.128"
 * @example tableNumber(44.03) // "44,0"
 * @example tableNumber(4128, "en") // "4128"
 */
export function tableNumber(value: number, lang: Lang = "da"): string {
  if (!Number.isFinite(value)) return String(value);
  if (lang === "en") return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return Number.isInteger(value) ? integer(value, lang) : grouped(value, 1, lang);
}

function formatCell(value: TableValue, column: TableColumn, lang: Lang): string {
  if (column.format) return column.format(value);
  if (value === null) return "";
  if (typeof value === "number") return tableNumber(value, lang);
  return String(value);
}

function normaliseColumns(rows: Record<string, TableValue>[], columns?: (string | TableColumn)[]): TableColumn[] {
  const given = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return given.map((c) => (typeof c === "string" ? { key: c } : c));
}

/**
 * An HTML table of rows (numbers right-aligned). Numbers are written in Danish unless
 * `options.lang` is "en" or a column has its own `format` (see {@link TableOptions}).
 * @example tableHtml([{ area: "Salg", pct: 38.2 }], ["area", "pct"]) // … <td style="text-align:right">38,2</td> …
 */
export function tableHtml(rows: Record<string, TableValue>[], columns?: (string | TableColumn)[], options: TableOptions = {}): string {
  const lang = options.lang ?? "da";
  const cols = normaliseColumns(rows, columns);
  const head = cols.map((c) => `<th>${escapeHtml(c.label ?? c.key)}</th>`).join("");
  const body = rows
    .map((row) => {
      const cells = cols.map((c) => {
        const value = row[c.key] ?? null;
        const align = typeof value === "number" ? ' style="text-align:right"' : "";
        return `<td${align}>${escapeHtml(formatCell(value, c, lang))}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("");
  return `<table class="data-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The same table as aligned plain text (the text/plain fallback, and what snapshots compare).
 * @example tableText([{ a: "x", b: 1234.5 }]) // "a  b\nx  1.234,5"
 * @example tableText([{ a: "x", b: 1234.5 }], undefined, { lang: "en" }) // "a  b\nx  1234.5"
 */
export function tableText(rows: Record<string, TableValue>[], columns?: (string | TableColumn)[], options: TableOptions = {}): string {
  const lang = options.lang ?? "da";
  const cols = normaliseColumns(rows, columns);
  const grid = [cols.map((c) => c.label ?? c.key), ...rows.map((row) => cols.map((c) => formatCell(row[c.key] ?? null, c, lang)))];
  const widths = cols.map((_, j) => Math.max(...grid.map((line) => line[j].length)));
  return grid.map((line) => line.map((cell, j) => cell.padEnd(widths[j])).join("  ").trimEnd()).join("\n");
}

/**
 * Displays rows as an HTML table in the notebook, with an aligned text/plain fallback. Numbers
 * are written in Danish unless `options.lang` is "en" (see {@link TableOptions}).
 * @example showTable([{ area: "Salg", pct: 38 }], [{ key: "area", label: "Område" }, { key: "pct", label: "%" }]);
 * @example showTable([{ area: "Sales", pct: 38.2 }], undefined, { lang: "en" });
 */
export function showTable(rows: Record<string, TableValue>[], columns?: (string | TableColumn)[], options: TableOptions = {}): void {
  displayBundle({ "text/html": tableHtml(rows, columns, options), "text/plain": tableText(rows, columns, options) });
}
