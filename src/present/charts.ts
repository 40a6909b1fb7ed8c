/** Chart builders: what they share (options, layout, finite check) and the charts without intervals, Danish by default. */
import { quantileSorted } from "simple-statistics";
import type { Lang } from "../codebook";
import { decimal, integer } from "./format";
import type { PlotFigure, PlotTrace } from "./chart-text";

/** Options shared by the chart builders. */
export interface ChartOptions {
  title?: string;
  valueTitle?: string; // Axis title of the values (e.g. "Andel af virksomheder (%)").
  valueSuffix?: string; // Appended to values in hover text and labels, e.g. " %".
  decimals?: number; // Decimals shown in bar labels (default 0).
  horizontal?: boolean; // Bars run horizontally, labels on the y axis (default false).
  height?: number; // Chart height in pixels.
  showValues?: boolean; // Write each value beside its bar (default true; turn off for many thin bars).
  lang?: Lang; // Language of numbers and words (default Danish).
}

/** A horizontal legend between the title and the plot. @example { ...baseLayout(options), legend: TOP_LEGEND } */
export const TOP_LEGEND = { orientation: "h", x: 0, y: 1.01, yanchor: "bottom" };

/**
 * Series colours, each at least 3:1 against the white background (WCAG 1.4.11; Plotly's own orange, pink, olive and
 * cyan are 2.0–2.7:1): blue, dark orange, green, red, purple, brown, grey, teal.
 */
export const COLORWAY = ["#1f77b4", "#c2410c", "#1a7f37", "#b42318", "#6941c6", "#8c564b", "#5a6b7e", "#0e7490"];

/** A title longer than a sheet's width takes (80 characters at 17 px) on two lines, broken at the space nearest its middle. */
function twoLines(text: string): string {
  if (text.length <= 80) return text;
  const spaces = Array.from(text.matchAll(/ /g), (m) => m.index ?? 0);
  const distance = (i: number): number => Math.abs(i - text.length / 2);
  const middle = spaces.reduce((best, i) => (distance(i) < distance(best) ? i : best), spaces[0] ?? -1);
  return middle < 0 ? text : `${text.slice(0, middle)}<br>${text.slice(middle + 1)}`;
}

/** The layout every chart starts from. @example baseLayout({ lang: "en" }).separators // ".," */
export function baseLayout(options: ChartOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    // A title on two lines takes a line more above the legend.
    margin: { l: 60, r: 30, t: !options.title ? 50 : twoLines(options.title).includes("<br>") ? 112 : 90, b: 60 },
    font: { family: "Open Sans, verdana, arial, sans-serif", size: 13 },
    separators: options.lang === "en" ? ".," : ",.",
    colorway: COLORWAY,
  };
  if (options.title) layout.title = { text: twoLines(options.title) };
  if (options.height) layout.height = options.height;
  return layout;
}

/** Throws naming the first non-finite value. @example checkFinite({ v: [1, NaN] }) // Error: plot: v[1] is NaN, … */
export function checkFinite(lists: Record<string, number[]>): void {
  for (const [what, values] of Object.entries(lists))
    values.forEach((value, index) => {
      if (!Number.isFinite(value)) throw new Error(`plot: ${what}[${index}] is ${value}, expected a finite number`);
    });
}

/** Horizontal bars, largest first if `sort` is set. @example horizontalBars(["Viden", "Løn"], [61, 44]) */
export function horizontalBars(
  labels: string[],
  values: number[],
  options: ChartOptions & { sort?: boolean } = {},
): PlotFigure {
  if (labels.length !== values.length)
    throw new Error(`horizontalBars: ${labels.length} labels but ${values.length} values, expected equal lengths`);
  checkFinite({ values });
  const order = labels.map((_, i) => i);
  if (options.sort) order.sort((a, b) => values[b] - values[a] || a - b);
  const suffix = options.valueSuffix ?? "";
  const trace: PlotTrace = {
    type: "bar",
    orientation: "h",
    x: order.map((i) => values[i]),
    y: order.map((i) => labels[i]),
    text: order.map((i) => `${decimal(values[i], options.decimals ?? 0, options.lang)}${suffix}`),
    textposition: options.showValues === false ? "none" : "auto",
    hoverinfo: "y+text",
  };
  return {
    data: [trace],
    layout: {
      ...baseLayout(options),
      xaxis: { title: { text: options.valueTitle ?? "" }, rangemode: "tozero", separatethousands: true },
      yaxis: { automargin: true, autorange: "reversed" },
      showlegend: false,
    },
  };
}

/** Breaks a label into lines of at most `width` characters. @example wrapLabel("a b c", 3) // "a b<br>c" */
export function wrapLabel(text: string, width = 34): string {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length + 1 <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("<br>");
}

/** A funnel, each stage "4.128 · 100 %" (count, share of first). @example funnelChart([{ label: "A", count: 9 }]) */
export function funnelChart(stages: { label: string; count: number }[], options: ChartOptions = {}): PlotFigure {
  checkFinite({ count: stages.map((s) => s.count) });
  const lang = options.lang ?? "da";
  const first = stages.length > 0 ? stages[0].count : 1;
  const text = stages.map((s) => `${integer(s.count, lang)} · ${decimal((100 * s.count) / first, 0, lang)} %`);
  return {
    data: [
      {
        type: "funnel",
        orientation: "h",
        y: stages.map((s) => wrapLabel(s.label)),
        x: stages.map((s) => s.count),
        text,
        textinfo: "text",
        hovertext: text,
        hoverinfo: "y+text",
      },
    ],
    layout: { ...baseLayout(options), margin: { l: 270, r: 30, t: options.title ? 60 : 30, b: 30 } },
  };
}

/** A Sankey diagram of nodes and links. @example sankeyChart(["A", "B"], [{ source: 0, target: 1, value: 9 }]) */
export function sankeyChart(
  nodes: string[],
  links: { source: number; target: number; value: number }[],
  options: ChartOptions & { x?: number[]; y?: number[] } = {},
): PlotFigure {
  links.forEach((link, index) => {
    for (const end of [link.source, link.target])
      if (!Number.isInteger(end) || end < 0 || end >= nodes.length)
        throw new Error(`sankeyChart: links[${index}] refers to node ${end}, expected an index 0–${nodes.length - 1}`);
  });
  checkFinite({ "links.value": links.map((l) => l.value) });
  const position = options.x && options.y ? { x: options.x, y: options.y } : {};
  return {
    data: [
      {
        type: "sankey",
        arrangement: "fixed",
        valueformat: ",d",
        textfont: { size: 11 },
        node: { label: nodes, pad: 18, thickness: 18, ...position },
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

/** A heat map `z[row][column]`, values written in cells. @example heatmap([[61, 40]], ["Salg", "Admin"], ["Viden"]) */
export function heatmap(z: number[][], x: string[], y: string[], options: ChartOptions = {}): PlotFigure {
  if (z.length !== y.length)
    throw new Error(`heatmap: ${z.length} rows of z but ${y.length} row labels, expected equal`);
  z.forEach((row, r) => {
    if (row.length !== x.length)
      throw new Error(
        `heatmap: z[${r}] has ${row.length} values but there are ${x.length} column labels, expected equal`,
      );
    checkFinite({ [`z[${r}]`]: row });
  });
  const suffix = options.valueSuffix ?? "";
  return {
    data: [
      {
        type: "heatmap",
        z,
        x,
        y,
        text: z.map((row) => row.map((v) => `${decimal(v, options.decimals ?? 0, options.lang)}${suffix}`)),
        texttemplate: "%{text}",
        hovertemplate: "%{y}<br>%{x}: %{text}<extra></extra>",
        // Light to mid blue under black text: every cell's text has at least 5.4:1 contrast (WCAG 1.4.3).
        colorscale: [
          [0, "#f2f6fc"],
          [1, "#4a82d4"],
        ],
        textfont: { color: "#000000" },
        colorbar: { ticksuffix: suffix },
        hoverongaps: false,
      },
    ],
    layout: { ...baseLayout(options), yaxis: { automargin: true, autorange: "reversed" }, xaxis: { automargin: true } },
  };
}

/** Log-axis ticks 1, 2, 5 × 10^k from `low` to `high`. @example logTicks(3, 12).tickvals // [5, 10] */
export function logTicks(low: number, high: number, lang: Lang = "da"): { tickvals: number[]; ticktext: string[] } {
  if (!(low > 0 && high >= low)) throw new Error(`logTicks: expected 0 < low ≤ high, got ${low} and ${high}`);
  const first = Math.floor(Math.log10(low));
  const tickvals = Array.from({ length: Math.ceil(Math.log10(high)) - first + 1 }, (_, k) => first + k)
    .flatMap((power) => [1, 2, 5].map((step) => step * 10 ** power))
    .filter((value) => value >= low && value <= high)
    .map((value) => Number(value.toPrecision(12)));
  const ticktext = tickvals.map((v) =>
    v >= 1 ? integer(v, lang) : decimal(v, Math.max(0, -Math.floor(Math.log10(v))), lang),
  );
  return { tickvals, ticktext };
}

/**
 * A box's numbers, rounded to 2 decimals: quartiles (R's type 7) and whiskers at the smallest and largest value.
 * Computed here, not by Plotly: the page carries five numbers per box, never one value per respondent.
 */
function boxNumbers(values: number[]): Record<"lowerfence" | "q1" | "median" | "q3" | "upperfence", number[]> {
  const sorted = values.slice().sort((x, y) => x - y);
  const at = (p: number): number[] => (sorted.length === 0 ? [] : [Math.round(quantileSorted(sorted, p) * 100) / 100]);
  return { lowerfence: at(0), q1: at(0.25), median: at(0.5), q3: at(0.75), upperfence: at(1) };
}

/** Box plots of groups, optionally on a log axis. @example boxPlot([{ name: "A", values: [40, 55] }], { log: true }) */
export function boxPlot(
  groups: { name: string; values: number[] }[],
  options: ChartOptions & { log?: boolean } = {},
): PlotFigure {
  groups.forEach((g) => checkFinite({ [g.name]: g.values }));
  const all = groups.flatMap((g) => g.values);
  const axis: Record<string, unknown> = { title: { text: options.valueTitle ?? "" }, separatethousands: true };
  if (options.log && all.length > 0)
    Object.assign(axis, { type: "log" }, logTicks(Math.min(...all), Math.max(...all), options.lang));
  return {
    data: groups.map((g) => ({ type: "box", name: g.name, x: [g.name], ...boxNumbers(g.values) })),
    layout: { ...baseLayout(options), yaxis: axis, showlegend: false },
  };
}

/** Overlaid histograms, bins of `binSize` from 0 (or `bins` bins), counted before drawing. @example histogram([{ name: "A", values: w }]) */
export function histogram(
  groups: { name: string; values: number[] }[],
  options: ChartOptions & { binSize?: number; bins?: number; countTitle?: string } = {},
): PlotFigure {
  groups.forEach((g) => checkFinite({ [g.name]: g.values }));
  const high = Math.max(0, ...groups.flatMap((g) => g.values));
  const size = options.binSize ?? (high > 0 ? high / (options.bins ?? 60) : 1);
  const count = Math.max(1, Math.ceil(high / size));
  // Counted here, not by Plotly: the page carries the bins' counts, never one value per respondent.
  const counts = (values: number[]) => {
    const out = new Array<number>(count).fill(0);
    for (const v of values) out[Math.min(count - 1, Math.max(0, Math.floor(v / size)))]++;
    return out;
  };
  const centres = Array.from({ length: count }, (_, k) => (k + 0.5) * size);
  return {
    data: groups.map((g) => ({
      type: "bar",
      name: g.name,
      x: centres,
      y: counts(g.values),
      width: size,
      opacity: 0.65,
      hovertemplate: `%{x:.1f} ± ${size / 2}: %{y}<extra>%{fullData.name}</extra>`,
    })),
    layout: {
      ...baseLayout(options),
      barmode: "overlay",
      xaxis: { title: { text: options.valueTitle ?? "" } },
      yaxis: { title: { text: options.countTitle ?? "" }, separatethousands: true },
      legend: TOP_LEGEND,
    },
  };
}
