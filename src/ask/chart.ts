/** A result as a Plotly figure (bars with interval whiskers, a series per group), for notebook and page alike. */
import type { AskResult, AskRow } from "./result";
import { cellText } from "./text";

/** A Plotly figure (data, layout, config), as `Plotly.newPlot` takes it. */
export interface AskFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config: Record<string, unknown>;
}

/**
 * A label as Plotly's plain text: its markup characters escaped, so that a label can never be a link or a tag.
 * @example plainLabel('<a href="https://x">Klik</a>') // "&lt;a href=\"https://x\"&gt;Klik&lt;/a&gt;"
 */
export function plainLabel(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const COLOURS = "#12355b #4f86c6 #e07b39 #5aa469 #b84a62 #8e6fbf #c9a227 #3fa7a3 #7a7a7a #d46fa0 #2e6f40".split(" ");

/**
 * The figure of a result; its title is the question, its value axis the statistic.
 * @example askFigure(result).data.length // 1 without `by`, one per group with it
 */
export function askFigure(result: AskResult): AskFigure {
  const m = result.meta;
  const lang = m.spec.lang;
  const series = new Map<string, AskRow[]>();
  for (const r of result.rows) {
    if (m.by.length > 0 && r.by1_code === null) continue;
    const key = `${r.by1_code},${r.by2_code}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  const answers = result.rows.filter((r) => r.by1_code === null).map((r) => plainLabel(r.option));
  // One answer split by groups: the groups are the bars of one series (not one legend entry per bar).
  const groupsAsBars = answers.length === 1 && m.by.length > 0;
  const seriesList = groupsAsBars
    ? [Array.from(series.values()).map((rows) => ({ ...rows[0], option: rows[0].group }))]
    : Array.from(series.values());
  const label = (r: AskRow) => ({ ...r, group: plainLabel(r.group), option: plainLabel(r.option) });
  const categories = groupsAsBars ? seriesList[0].map((r) => plainLabel(r.option)) : answers;
  const cell = (r: AskRow): string => cellText(r, m.statistic.name, lang);
  const data = seriesList.map((rows, k) => {
    const shown = rows.filter((r) => r.estimate !== null && r.ci_low !== null && r.ci_high !== null).map(label);
    const values = shown.map((r) => r.estimate as number);
    return {
      type: "bar",
      orientation: "h",
      name: groupsAsBars ? answers[0] : plainLabel(rows[0].group),
      y: shown.map((r) => r.option),
      x: values,
      marker: { color: COLOURS[k % COLOURS.length] },
      error_x: {
        type: "data",
        symmetric: false,
        array: shown.map((r) => (r.ci_high as number) - (r.estimate as number)),
        arrayminus: shown.map((r) => (r.estimate as number) - (r.ci_low as number)),
        color: "#333",
        thickness: 1.2,
        width: 3,
      },
      hovertext: shown.map((r) => `${r.group}<br>${groupsAsBars ? answers[0] : r.option}: ${cell(r)}<br>n = ${r.n}`),
      hoverinfo: "text",
    };
  });
  const unit = m.statistic.name === "share" ? (lang === "da" ? "Andel (%)" : "Share (%)") : m.statistic.label;
  const height = Math.max(320, 120 + categories.length * Math.max(1, data.length) * 16);
  return {
    data,
    layout: {
      title: { text: plainLabel(m.question.label) },
      separators: lang === "da" ? ",." : ".,",
      height,
      barmode: "group",
      showlegend: m.by.length > 0 && !groupsAsBars,
      legend: { traceorder: "normal" },
      margin: { l: 20, r: 30, t: 60, b: 60 },
      font: { family: "Open Sans, verdana, arial, sans-serif", size: 13 },
      xaxis: { title: { text: unit }, rangemode: "tozero", zeroline: true },
      yaxis: {
        automargin: true,
        autorange: "reversed",
        categoryorder: "array",
        categoryarray: categories,
        ticksuffix: "  ",
      },
    },
    config: { responsive: true, displaylogo: false },
  };
}
