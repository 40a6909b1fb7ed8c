/** Plotly figure types and a chart's text (WCAG 1.1.1): a one-line description, its numbers under "Tal bag figuren". */
import { quantileSorted } from "simple-statistics";
import { grouped } from "./format";

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

/** Escapes text for HTML element content and attribute values. @example escapeHtml("<b>") // "&lt;b&gt;" */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A Plotly label as plain text: `<br>` a space, other tags dropped, the entities Plotly decodes decoded. */
function labelText(value: unknown): string {
  return String(value ?? "")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** A number as the table shows it: whole numbers without decimals, others with one (Danish). */
function numberText(value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return value === null || value === undefined ? "" : "–";
  return grouped(value, Number.isInteger(value) ? 0 : 1);
}

/** The chart's title as plain text ("" without one). @example chartTitle({ data: [], layout: { title: "T" } }) // "T" */
export function chartTitle(figure: Pick<PlotFigure, "layout">): string {
  const title = figure.layout?.title as string | { text?: unknown } | null | undefined;
  if (typeof title === "string") return labelText(title);
  return typeof title === "object" && typeof title?.text === "string" ? labelText(title.text) : "";
}

/** The one-line description. @example chartDescription({ data: [], layout: { title: "Brug af AI" } }) // "Figur: Brug af AI" */
export function chartDescription(figure: PlotFigure): string {
  const title = chartTitle(figure);
  if (title !== "") return `Figur: ${title}`;
  const names = figure.data.map((t) => labelText(t.name)).filter((n) => n !== "");
  return names.length > 0 ? `Figur: ${names.join(", ")}` : "Figur";
}

const array = (trace: Record<string, unknown>, key: string): unknown[] | null =>
  Array.isArray(trace[key]) ? (trace[key] as unknown[]) : null;

/** A value with its error bar's interval when the trace draws one: "40,0 (38,2–41,8)". */
function valueWithInterval(trace: PlotTrace, axis: "x" | "y", i: number, value: unknown): string {
  const error = trace[`error_${axis}`] as Record<string, unknown> | undefined;
  if (typeof value !== "number" || !error || error.visible === false) return numberText(value);
  const plus = array(error, "array")?.[i];
  const minus = error.symmetric === false ? array(error, "arrayminus")?.[i] : plus;
  if (typeof plus !== "number" || typeof minus !== "number") return numberText(value);
  return `${grouped(value, 1)} (${grouped(value - minus, 1)}–${grouped(value + plus, 1)})`;
}

/** The numbers of a box (./charts.ts `boxPlot`), whisker to whisker. @example trace[BOX_NUMBERS[2]] // the median */
export const BOX_NUMBERS = ["lowerfence", "q1", "median", "q3", "upperfence"];

/** A chart's numbers as a table: header cells and rows of cells (the first column names the rows). */
export type ChartTable = { head: string[]; rows: string[][] };

/** Box plots as their five numbers; histograms of raw values as each series' n, smallest, median and largest. */
function distributionTable(traces: PlotTrace[]): ChartTable {
  const name = (trace: PlotTrace, k: number): string => labelText(trace.name) || `Serie ${k + 1}`;
  if (traces.every((t) => t.type === "box")) {
    const rows = traces.map((t, k) => [name(t, k), ...BOX_NUMBERS.map((key) => numberText(array(t, key)?.[0]))]);
    return { head: ["Serie", "Mindste", "1. kvartil", "Median", "3. kvartil", "Største"], rows };
  }
  const rows = traces.map((trace, k) => {
    const values = (array(trace, "x") ?? array(trace, "y") ?? [])
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
      .sort((a, b) => a - b);
    if (values.length === 0) return [name(trace, k), "0", "", "", ""];
    const stats = [values[0], quantileSorted(values, 0.5), values[values.length - 1]];
    return [name(trace, k), grouped(values.length, 0), ...stats.map((v) => grouped(v, 1))];
  });
  return { head: ["Serie", "Antal", "Mindste", "Median", "Største"], rows };
}

/**
 * The numbers a figure draws: categories down, series across (value and interval); a heat map's cells, a Sankey
 * diagram's flows, distributions summarised; value labels (mode "text") left out.
 * @example chartTable({ data: [{ type: "bar", name: "Andel", x: ["Salg"], y: [38.04] }] }) // { head: ["", "Andel"], rows: [["Salg", "38,0"]] }
 */
export function chartTable(figure: PlotFigure): ChartTable {
  const traces = figure.data.filter((t) => t.mode !== "text" && t.visible !== false);
  const sankey = traces.find((t) => t.type === "sankey");
  if (sankey) {
    const link = (sankey.link ?? {}) as Record<string, unknown>;
    const labels = array((sankey.node ?? {}) as Record<string, unknown>, "label") ?? [];
    const at = (i: unknown): string => (typeof i === "number" ? labelText(labels[i] ?? i) : labelText(i));
    const [sources, targets] = [array(link, "source") ?? [], array(link, "target") ?? []];
    const rows = (array(link, "value") ?? []).map((v, i) => [at(sources[i]), at(targets[i]), numberText(v)]);
    return { head: ["Fra", "Til", "Antal"], rows };
  }
  const heatmap = traces.find((t) => t.type === "heatmap");
  if (heatmap) {
    const [z, x, y] = [array(heatmap, "z") ?? [], array(heatmap, "x") ?? [], array(heatmap, "y") ?? []];
    const width = Math.max(0, ...z.map((row) => (Array.isArray(row) ? row.length : 0)));
    const columns = Array.from({ length: width }, (_, j) => j);
    const head = ["", ...columns.map((j) => labelText(x[j] ?? j + 1))];
    const rows = z.map((row, i) => [
      labelText(y[i] ?? i + 1),
      ...columns.map((j) => numberText(Array.isArray(row) ? row[j] : null)),
    ]);
    return { head, rows };
  }
  if (traces.some((t) => t.type === "histogram" || t.type === "box")) return distributionTable(traces);
  const pie = traces.find((t) => t.type === "pie");
  if (pie) {
    const labels = array(pie, "labels") ?? [];
    return {
      head: ["", "Værdi"],
      rows: (array(pie, "values") ?? []).map((v, i) => [labelText(labels[i]), numberText(v)]),
    };
  }
  // Bars, lines, points, funnels: the category axis is y for horizontal traces, else x.
  const cells = new Map<string, string[]>();
  const head = [""];
  traces.forEach((trace, k) => {
    const horizontal = trace.orientation === "h";
    const values = array(trace, horizontal ? "x" : "y");
    if (!values) return;
    const keys = array(trace, horizontal ? "y" : "x") ?? values.map((_, i) => i + 1);
    head.push(labelText(trace.name) || (traces.length === 1 ? "Værdi" : `Serie ${k + 1}`));
    values.forEach((value, i) => {
      const row = cells.get(labelText(keys[i])) ?? [];
      cells.set(labelText(keys[i]), row);
      row[head.length - 2] = valueWithInterval(trace, horizontal ? "x" : "y", i, value);
    });
  });
  const rows = [...cells].map(([key, row]) => [
    key,
    ...Array.from({ length: head.length - 1 }, (_, j) => row[j] ?? ""),
  ]);
  return { head, rows };
}

/**
 * The chart's numbers collapsed under "Tal bag figuren": a `<details>` with a captioned table.
 * @example figureDataHtml({ data: [{ type: "bar", x: ["a"], y: [1] }] }).startsWith('<details class="figure-data">') // true
 */
export function figureDataHtml(figure: PlotFigure): string {
  const { head, rows } = chartTable(figure);
  if (rows.length === 0) return "";
  const title = chartTitle(figure);
  const caption = title === "" ? "" : `<caption>${escapeHtml(title)}</caption>`;
  const headCells = head.map((h) => (h === "" ? "<td></td>" : `<th scope="col">${escapeHtml(h)}</th>`)).join("");
  const cell = (text: string, j: number): string =>
    j === 0 ? `<th scope="row">${escapeHtml(text)}</th>` : `<td class="num">${escapeHtml(text)}</td>`;
  const body = rows.map((row) => `<tr>${row.map(cell).join("")}</tr>`).join("");
  return (
    `<details class="figure-data"><summary>Tal bag figuren</summary>` +
    `<table>${caption}<thead><tr>${headCells}</tr></thead><tbody>${body}</tbody></table></details>`
  );
}
