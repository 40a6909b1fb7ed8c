/** Bars with 95 % confidence intervals, values beyond the whiskers, published values as diamonds. */
import type { Lang } from "../codebook";
import { baseLayout, checkFinite, TOP_LEGEND, type ChartOptions } from "./charts";
import { decimal } from "./format";
import type { PlotFigure, PlotTrace } from "./chart-text";

/** One bar with its confidence interval and the report's value (a diamond), all in one unit. */
export interface CiBar {
  label: string;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  published?: number | null; // absent where the report has none
}

const WORDS: Record<Lang, { published: string; estimate: string; ci: string }> = {
  da: { published: "Rapporten", estimate: "Genberegnet", ci: "95 %-KI" },
  en: { published: "Report", estimate: "Reproduced", ci: "95% CI" },
};

/** A bar trace with CI whiskers, value labels and published diamonds; `series.first` carries the diamonds' legend. */
function ciTraces(bars: CiBar[], options: ChartOptions, series?: { name: string; first: boolean }): PlotTrace[] {
  const estimates = bars.map((b) => b.estimate);
  checkFinite({ estimate: estimates, ciLow: bars.map((b) => b.ciLow), ciHigh: bars.map((b) => b.ciHigh) });
  const { lang = "da", valueSuffix: suffix = "", horizontal = false } = options;
  const words = WORDS[lang];
  const place = (labels: string[], values: number[]) =>
    horizontal ? { x: values, y: labels, orientation: "h" } : { x: labels, y: values, orientation: "v" };
  const group = series === undefined ? {} : { offsetgroup: series.name, alignmentgroup: "bars" };
  const labels = bars.map((b) => b.label);
  const marked = bars.filter((b) => typeof b.published === "number");
  // A lone series is named only when the report's diamonds need a legend beside it.
  const name = series?.name ?? (marked.length > 0 ? `${words.estimate} (${words.ci})` : undefined);
  const traces: PlotTrace[] = [
    {
      type: "bar",
      ...(name === undefined ? {} : { name }),
      ...place(labels, estimates),
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
    },
  ];
  if (options.showValues !== false) {
    // Past the whisker and the diamond; no-break spaces keep the label clear of both.
    const ends = bars.map((b) => Math.max(b.ciHigh, b.published ?? b.ciHigh));
    traces.push({
      type: "scatter",
      mode: "text",
      ...place(labels, ends),
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
  if (marked.length > 0) {
    const markedLabels = marked.map((b) => b.label);
    const published = marked.map((b) => b.published as number);
    traces.push({
      type: "scatter",
      mode: "markers",
      name: words.published,
      ...place(markedLabels, published),
      marker: { symbol: "diamond", size: 11, color: "#cb181d", line: { color: "#fff", width: 1 } },
      hovertext: marked.map(
        (b, k) => `${b.label}: ${words.published.toLowerCase()} ${decimal(published[k], 0, lang)}${suffix}`,
      ),
      hoverinfo: "text",
      showlegend: series === undefined || series.first,
      ...group,
    });
  }
  return traces;
}

/** The base layout, the value axis from zero (or below) to past the highest whisker with room for labels, `extra`. */
function ciLayout(options: ChartOptions, bars: CiBar[], extra: Record<string, unknown>): Record<string, unknown> {
  const high = Math.max(0, ...bars.map((b) => Math.max(b.ciHigh, b.published ?? 0)));
  const low = Math.min(0, ...bars.map((b) => b.ciLow));
  const room = options.showValues === false ? 1.04 : options.horizontal ? 1.16 : 1.1;
  const valueAxis = {
    title: { text: options.valueTitle ?? "" },
    range: [low * room, high * room],
    zeroline: true,
    separatethousands: true,
  };
  const axes = options.horizontal
    ? { xaxis: valueAxis, yaxis: { automargin: true, autorange: "reversed", ticksuffix: "  " } }
    : { yaxis: valueAxis, xaxis: { automargin: true } };
  return { ...baseLayout(options), ...axes, ...extra };
}

/** Bars with 95 % CIs, published values as diamonds. @example barWithCi(bars, { horizontal: true }) */
export function barWithCi(bars: CiBar[], options: ChartOptions = {}): PlotFigure {
  const traces = ciTraces(bars, options);
  const showlegend = traces.some((t) => t.mode === "markers");
  return { data: traces, layout: ciLayout(options, bars, { showlegend, legend: TOP_LEGEND }) };
}

/** Grouped bars with CIs, one series per group. @example groupedBarsWithCi([{ name: "Under 10", bars }]) */
export function groupedBarsWithCi(series: { name: string; bars: CiBar[] }[], options: ChartOptions = {}): PlotFigure {
  const firstPublished = series.findIndex((s) => s.bars.some((b) => typeof b.published === "number"));
  const bars = series.flatMap((s) => s.bars);
  const extra = { barmode: "group", scattermode: "group", showlegend: true, legend: TOP_LEGEND };
  return {
    data: series.flatMap((s, k) => ciTraces(s.bars, options, { name: s.name, first: k === firstPublished })),
    layout: ciLayout(options, bars, extra),
  };
}

/** Stacked bars, the total's CI as a point, published totals as diamonds. @example stackedBarsWithCi(stacks, totals) */
export function stackedBarsWithCi(
  stacks: { name: string; values: number[]; color?: string }[],
  totals: CiBar[],
  options: ChartOptions & { totalName?: string } = {},
): PlotFigure {
  stacks.forEach((s) => {
    if (s.values.length !== totals.length)
      throw new Error(`stackedBarsWithCi: stack "${s.name}" has ${s.values.length} values for ${totals.length} bars`);
    checkFinite({ [s.name]: s.values });
  });
  const labels = totals.map((b) => b.label);
  const [bar, ...rest] = ciTraces(totals, options);
  const total: PlotTrace = { ...bar, type: "scatter", mode: "markers", name: options.totalName ?? bar.name };
  total.marker = { color: "#333", size: 6 };
  const stackTraces: PlotTrace[] = stacks.map((s) => ({
    type: "bar",
    name: s.name,
    x: labels,
    y: s.values,
    ...(s.color === undefined ? {} : { marker: { color: s.color } }),
    hovertext: s.values.map(
      (v, i) => `${labels[i]}, ${s.name.toLowerCase()}: ${decimal(v, 1, options.lang)}${options.valueSuffix ?? ""}`,
    ),
    hoverinfo: "text",
  }));
  const extra = { barmode: "stack", showlegend: true, legend: { ...TOP_LEGEND, traceorder: "normal" } };
  return { data: [...stackTraces, total, ...rest], layout: ciLayout(options, totals, extra) };
}
