/** What every chart builder shares: options, base layout, the legend above the plot, the finite-value check. */
import type { Lang } from "../codebook";

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
