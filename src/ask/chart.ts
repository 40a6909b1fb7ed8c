/** A result as a Plotly figure (bars with interval whiskers, a series per group), for notebook and page alike. */
import type { AskResult, AskRow } from "./result";
import { cellText } from "./text";
import { ANSWER_TEXT } from "../codebook/messages";

/** A Plotly figure (data, layout, config), as `Plotly.newPlot` takes it. */
type AskFigure = { data: Record<string, unknown>[]; layout: Record<string, unknown>; config: Record<string, unknown> };

/** A label as Plotly's plain text (markup escaped: never a link or tag). @example plainLabel("<a>") // "&lt;a&gt;" */
function plainLabel(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Twenty bar colours (ten hues, two lightnesses), each 3:1 against white and the black whiskers (WCAG 1.4.11). */
export const BAR_COLOURS = (
  "#206cb8 #9b5b1b #167b2f #c2228d #746c14 #6155e1 #ce2424 #157676 #a02dda #3e7815 " +
  "#4c8fd2 #c47b31 #28a046 #d760b0 #978e26 #8880df #da6969 #279a9a #b66ddb #589c27"
).split(" ");

/** The figure of a result (title: the question; axis: the statistic). @example askFigure(result).data.length // 1 */
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
    return {
      type: "bar",
      orientation: "h",
      name: groupsAsBars ? answers[0] : plainLabel(rows[0].group),
      y: shown.map((r) => r.option),
      x: shown.map((r) => r.estimate as number),
      marker: { color: BAR_COLOURS[k % BAR_COLOURS.length] },
      error_x: {
        type: "data",
        symmetric: false,
        array: shown.map((r) => (r.ci_high as number) - (r.estimate as number)),
        arrayminus: shown.map((r) => (r.estimate as number) - (r.ci_low as number)),
        color: "#000",
        thickness: 1.5,
        width: 3,
      },
      hovertext: shown.map((r) => `${r.group}<br>${groupsAsBars ? answers[0] : r.option}: ${cell(r)}<br>n = ${r.n}`),
      hoverinfo: "text",
    };
  });
  const unit = m.statistic.name === "share" ? ANSWER_TEXT.shareAxis[lang] : m.statistic.label;
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
