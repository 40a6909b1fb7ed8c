/**
 * Chart builders: pure functions from numbers to a {@link PlotFigure}, written the Danish way by
 * default (decimal comma, thousands dot in labels, hover texts and axes). Bars with confidence
 * intervals put their value beyond the whisker, so a label never collides with it, and mark a
 * published value with a diamond on the chart itself.
 *
 * @example
 * showPlot(barWithCi([{ label: "Salg", estimate: 38, ciLow: 35.1, ciHigh: 41, published: 38 }], { valueSuffix: " %" }));
 */
import type { Lang } from "../codebook";
import { decimal, integer } from "./format";
import type { PlotFigure, PlotTrace } from "./plotly";

/** One bar with its confidence interval (any unit; the CI bounds and the published value in the same unit). */
export interface CiBar {
  label: string;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  /** The report's value for this bar, drawn as a diamond; absent where the report has none. */
  published?: number | null;
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
  /** Write each value beside its bar (default true; turn off for many thin bars). */
  showValues?: boolean;
  /** Language of numbers and words (default Danish). */
  lang?: Lang;
}

const WORDS: Record<Lang, { published: string; estimate: string; ci: string }> = {
  da: { published: "Rapporten", estimate: "Genberegnet", ci: "95 %-KI" },
  en: { published: "Report", estimate: "Reproduced", ci: "95% CI" },
};

/** The Plotly `separators` of a language: decimal sign, then thousands sign. */
const SEPARATORS: Record<Lang, string> = { da: ",.", en: ".," };

/** A horizontal legend between the title and the plot, clear of both. */
const TOP_LEGEND = { orientation: "h", x: 0, y: 1.01, yanchor: "bottom" };

function baseLayout(options: ChartOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    margin: { l: 60, r: 30, t: options.title ? 90 : 50, b: 60 },
    font: { family: "Open Sans, verdana, arial, sans-serif", size: 13 },
    separators: SEPARATORS[options.lang ?? "da"],
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

/** A series' place among grouped bars: its legend name and whether its diamonds carry the "published" legend entry. */
interface SeriesPlace {
  name: string;
  first: boolean;
}

/** A bar trace with asymmetric CI whiskers, its value labels beyond the whiskers and its published diamonds. */
function ciTraces(bars: CiBar[], options: ChartOptions, series?: SeriesPlace): PlotTrace[] {
  checkFinite(
    bars.map((b) => b.estimate),
    "estimate",
  );
  checkFinite(
    bars.map((b) => b.ciLow),
    "ciLow",
  );
  checkFinite(
    bars.map((b) => b.ciHigh),
    "ciHigh",
  );
  const lang = options.lang ?? "da";
  const words = WORDS[lang];
  const suffix = options.valueSuffix ?? "";
  const horizontal = options.horizontal ?? false;
  const place = (labels: string[], values: number[]) =>
    horizontal ? { x: values, y: labels, orientation: "h" } : { x: labels, y: values, orientation: "v" };
  const group = series === undefined ? {} : { offsetgroup: series.name, alignmentgroup: "bars" };
  const bar: PlotTrace = {
    type: "bar",
    // A lone series is named only when the report's diamonds need a legend beside it.
    ...(series !== undefined
      ? { name: series.name }
      : bars.some((b) => typeof b.published === "number")
        ? { name: `${words.estimate} (${words.ci})` }
        : {}),
    ...place(
      bars.map((b) => b.label),
      bars.map((b) => b.estimate),
    ),
    [horizontal ? "error_x" : "error_y"]: {
      type: "data",
      symmetric: false,
      array: bars.map((b) => b.ciHigh - b.estimate),
      arrayminus: bars.map((b) => b.estimate - b.ciLow),
      color: "#333",
      thickness: 1.2,
      width: 4,
    },
    hovertext: bars.map(
      (b) =>
        `${b.label}: ${decimal(b.estimate, 1, lang)}${suffix} (${words.ci} ${decimal(b.ciLow, 1, lang)}–${decimal(b.ciHigh, 1, lang)})`,
    ),
    hoverinfo: "text",
    textposition: "none",
    ...group,
  };
  const traces = [bar];
  if (options.showValues !== false) {
    // The label goes past the whisker and past the published diamond, so that neither covers it.
    const end = bars.map((b) => Math.max(b.ciHigh, typeof b.published === "number" ? b.published : b.ciHigh));
    traces.push({
      type: "scatter",
      mode: "text",
      ...place(
        bars.map((b) => b.label),
        end,
      ),
      // No-break spaces keep the label clear of the whisker's cap and the diamond.
      text: bars.map(
        (b) => `${horizontal ? "\u00a0\u00a0\u00a0" : ""}${decimal(b.estimate, options.decimals ?? 0, lang)}${suffix}`,
      ),
      textposition: horizontal ? "middle right" : "top center",
      cliponaxis: false,
      showlegend: false,
      hoverinfo: "skip",
      ...group,
    });
  }
  const marked = bars.filter((b) => typeof b.published === "number");
  if (marked.length > 0) {
    traces.push({
      type: "scatter",
      mode: "markers",
      name: words.published,
      ...place(
        marked.map((b) => b.label),
        marked.map((b) => b.published as number),
      ),
      marker: { symbol: "diamond", size: 11, color: "#cb181d", line: { color: "#fff", width: 1 } },
      hovertext: marked.map(
        (b) => `${b.label}: ${words.published.toLowerCase()} ${decimal(b.published as number, 0, lang)}${suffix}`,
      ),
      hoverinfo: "text",
      showlegend: series === undefined || series.first,
      ...group,
    });
  }
  return traces;
}

/** The value axis: from zero (or below, for negative values) to past the highest whisker, leaving room for the labels. */
function valueAxes(options: ChartOptions, bars: CiBar[]): Record<string, unknown> {
  const high = Math.max(0, ...bars.map((b) => Math.max(b.ciHigh, b.published ?? 0)));
  const low = Math.min(0, ...bars.map((b) => b.ciLow));
  const room = options.showValues === false ? 1.04 : options.horizontal ? 1.16 : 1.1;
  const valueAxis = {
    title: { text: options.valueTitle ?? "" },
    range: [low * room, high * room],
    zeroline: true,
    separatethousands: true,
  };
  const labelAxis = options.horizontal
    ? { automargin: true, autorange: "reversed", ticksuffix: "  " }
    : { automargin: true };
  return options.horizontal ? { xaxis: valueAxis, yaxis: labelAxis } : { yaxis: valueAxis, xaxis: labelAxis };
}

/**
 * A bar chart of estimates with 95 % confidence-interval whiskers, values beside the whiskers and the
 * published values (where given) as diamonds.
 * @example showPlot(barWithCi([{ label: "Bruger AI", estimate: 44, ciLow: 42, ciHigh: 46, published: 44 }], { valueSuffix: " %" }))
 */
export function barWithCi(bars: CiBar[], options: ChartOptions = {}): PlotFigure {
  const traces = ciTraces(bars, options);
  const legend = traces.some((t) => t.mode === "markers");
  return {
    data: traces,
    layout: { ...baseLayout(options), ...valueAxes(options, bars), showlegend: legend, legend: TOP_LEGEND },
  };
}

/**
 * Grouped bars with CIs: one series per group (e.g. firm size), the same labels in each; each
 * series' values sit beyond its own whiskers.
 * @example groupedBarsWithCi([{ name: "Under 10", bars }, { name: "10+", bars: bars10 }], { horizontal: true })
 */
export function groupedBarsWithCi(series: { name: string; bars: CiBar[] }[], options: ChartOptions = {}): PlotFigure {
  const firstPublished = series.findIndex((s) => s.bars.some((b) => typeof b.published === "number"));
  return {
    data: series.flatMap((s, k) => ciTraces(s.bars, options, { name: s.name, first: k === firstPublished })),
    layout: {
      ...baseLayout(options),
      ...valueAxes(
        options,
        series.flatMap((s) => s.bars),
      ),
      barmode: "group",
      scattermode: "group",
      showlegend: true,
      legend: TOP_LEGEND,
    },
  };
}

/**
 * Stacked bars (e.g. "meget stort" + "stort") with the stack's total and its CI drawn as a point
 * with whiskers, and published totals as diamonds.
 * @example stackedBarsWithCi([{ name: "Meget stort", values: [10] }, { name: "Stort", values: [28] }], [{ label: "Salg", estimate: 38, ciLow: 35, ciHigh: 41, published: 38 }])
 */
export function stackedBarsWithCi(
  stacks: { name: string; values: number[]; color?: string }[],
  totals: CiBar[],
  options: ChartOptions & { totalName?: string } = {},
): PlotFigure {
  stacks.forEach((s) => {
    if (s.values.length !== totals.length)
      throw new Error(`stackedBarsWithCi: stack "${s.name}" has ${s.values.length} values for ${totals.length} bars`);
    checkFinite(s.values, s.name);
  });
  const lang = options.lang ?? "da";
  const suffix = options.valueSuffix ?? "";
  const labels = totals.map((b) => b.label);
  const [bar, ...rest] = ciTraces(totals, options);
  const total: PlotTrace = {
    ...bar,
    type: "scatter",
    mode: "markers",
    name: options.totalName ?? bar.name,
    marker: { color: "#333", size: 6 },
  };
  const stackTraces: PlotTrace[] = stacks.map((s) => ({
    type: "bar",
    name: s.name,
    x: labels,
    y: s.values,
    ...(s.color === undefined ? {} : { marker: { color: s.color } }),
    hovertext: s.values.map((v, i) => `${labels[i]}, ${s.name.toLowerCase()}: ${decimal(v, 1, lang)}${suffix}`),
    hoverinfo: "text",
  }));
  return {
    data: [...stackTraces, total, ...rest],
    layout: {
      ...baseLayout(options),
      ...valueAxes(options, totals),
      barmode: "stack",
      showlegend: true,
      legend: { ...TOP_LEGEND, traceorder: "normal" },
    },
  };
}

/**
 * Horizontal bars without intervals (counts, shares), largest first if `sort` is set.
 * @example horizontalBars(["Viden", "Omkostninger"], [61, 44], { valueSuffix: " %" })
 */
export function horizontalBars(
  labels: string[],
  values: number[],
  options: ChartOptions & { sort?: boolean } = {},
): PlotFigure {
  if (labels.length !== values.length) {
    throw new Error(`horizontalBars: ${labels.length} labels but ${values.length} values, expected equal lengths`);
  }
  checkFinite(values, "values");
  let order = labels.map((_, i) => i);
  if (options.sort) order = order.sort((a, b) => values[b] - values[a] || a - b);
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

/**
 * Breaks a long label into lines of at most `width` characters (Plotly draws `<br>` as a line break).
 * @example wrapLabel("SMV'er, der oplever mindst én barriere", 20) // "SMV'er, der oplever<br>mindst én barriere"
 */
export function wrapLabel(text: string, width = 34): string {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length + 1 <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("<br>");
}

/**
 * A funnel of stages with counts, each written "4.128 · 100 %" (count, share of the first stage);
 * long stage labels are wrapped.
 * @example funnelChart([{ label: "Alle", count: 4128 }, { label: "Relevant", count: 2464 }])
 */
export function funnelChart(stages: { label: string; count: number }[], options: ChartOptions = {}): PlotFigure {
  checkFinite(
    stages.map((s) => s.count),
    "count",
  );
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

/**
 * A Sankey diagram: node labels and links between node indices, optionally with fixed node positions.
 * @example sankeyChart(["Alle", "Relevant", "Ikke relevant"], [{ source: 0, target: 1, value: 2464 }, { source: 0, target: 2, value: 1664 }])
 */
export function sankeyChart(
  nodes: string[],
  links: { source: number; target: number; value: number }[],
  options: ChartOptions & { x?: number[]; y?: number[] } = {},
): PlotFigure {
  links.forEach((link, index) => {
    for (const end of [link.source, link.target]) {
      if (!Number.isInteger(end) || end < 0 || end >= nodes.length) {
        throw new Error(`sankeyChart: links[${index}] refers to node ${end}, expected an index 0–${nodes.length - 1}`);
      }
    }
  });
  checkFinite(
    links.map((l) => l.value),
    "links.value",
  );
  const position = options.x && options.y ? { x: options.x, y: options.y } : {};
  return {
    data: [
      {
        type: "sankey",
        arrangement: "fixed",
        valueformat: ",d",
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

/**
 * A heat map: `z[row][column]` with row labels `y` and column labels `x`, values written in cells.
 * @example heatmap([[61, 40], [55, 47]], ["Viden", "Omkostninger"], ["Salg", "Admin"], { valueSuffix: " %" })
 */
export function heatmap(z: number[][], x: string[], y: string[], options: ChartOptions = {}): PlotFigure {
  if (z.length !== y.length)
    throw new Error(`heatmap: ${z.length} rows of z but ${y.length} row labels, expected equal`);
  z.forEach((row, r) => {
    if (row.length !== x.length) {
      throw new Error(
        `heatmap: z[${r}] has ${row.length} values but there are ${x.length} column labels, expected equal`,
      );
    }
    checkFinite(row, `z[${r}]`);
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
        colorscale: "Blues",
        colorbar: { ticksuffix: suffix },
        reversescale: true,
        hoverongaps: false,
      },
    ],
    layout: { ...baseLayout(options), yaxis: { automargin: true, autorange: "reversed" }, xaxis: { automargin: true } },
  };
}

/**
 * Readable ticks for a log axis from `low` to `high`: 1, 2, 5 × 10^k, written the Danish way.
 * @example logTicks(3, 120) // { tickvals: [5, 10, 20, 50, 100], ticktext: ["5", "10", "20", "50", "100"] }
 */
export function logTicks(low: number, high: number, lang: Lang = "da"): { tickvals: number[]; ticktext: string[] } {
  if (!(low > 0 && high >= low)) throw new Error(`logTicks: expected 0 < low ≤ high, got ${low} and ${high}`);
  const tickvals: number[] = [];
  for (let power = Math.floor(Math.log10(low)); power <= Math.ceil(Math.log10(high)); power++) {
    for (const step of [1, 2, 5]) {
      const value = step * 10 ** power;
      if (value >= low && value <= high) tickvals.push(Number(value.toPrecision(12)));
    }
  }
  const ticktext = tickvals.map((v) =>
    v >= 1 ? integer(v, lang) : decimal(v, Math.max(0, -Math.floor(Math.log10(v))), lang),
  );
  return { tickvals, ticktext };
}

/** Values as a chart draws them: 2 decimals, far finer than a reader can see, and a fraction of the bytes in the page. */
function drawn(values: number[]): number[] {
  return values.map((v) => Math.round(v * 100) / 100);
}

/**
 * Box plots of groups of values, optionally on a log axis with ticks a reader can read (1, 2, 5, 10, …).
 * @example boxPlot([{ name: "Under 10", values: [40, 55] }, { name: "10-49", values: [5, 9] }], { log: true, valueTitle: "Vægt" })
 */
export function boxPlot(
  groups: { name: string; values: number[] }[],
  options: ChartOptions & { log?: boolean } = {},
): PlotFigure {
  groups.forEach((g) => checkFinite(g.values, g.name));
  const all = groups.flatMap((g) => g.values);
  const axis: Record<string, unknown> = { title: { text: options.valueTitle ?? "" }, separatethousands: true };
  if (options.log && all.length > 0)
    Object.assign(axis, { type: "log" }, logTicks(Math.min(...all), Math.max(...all), options.lang));
  return {
    data: groups.map((g) => ({ type: "box", name: g.name, y: drawn(g.values), boxpoints: false })),
    layout: { ...baseLayout(options), yaxis: axis, showlegend: false },
  };
}

/**
 * Overlaid histograms of groups of values, with bins of `binSize` from 0 (or `bins` automatic bins).
 * @example histogram([{ name: "Fuld raking", values: weights }], { binSize: 5, valueTitle: "Vægt" })
 */
export function histogram(
  groups: { name: string; values: number[] }[],
  options: ChartOptions & { binSize?: number; bins?: number; countTitle?: string } = {},
): PlotFigure {
  groups.forEach((g) => checkFinite(g.values, g.name));
  const high = Math.max(0, ...groups.flatMap((g) => g.values));
  const bins = options.binSize
    ? { xbins: { start: 0, end: Math.ceil(high / options.binSize) * options.binSize, size: options.binSize } }
    : { nbinsx: options.bins ?? 60 };
  return {
    data: groups.map((g) => ({ type: "histogram", name: g.name, x: drawn(g.values), opacity: 0.65, ...bins })),
    layout: {
      ...baseLayout(options),
      barmode: "overlay",
      xaxis: { title: { text: options.valueTitle ?? "" } },
      yaxis: { title: { text: options.countTitle ?? "" }, separatethousands: true },
      legend: TOP_LEGEND,
    },
  };
}
