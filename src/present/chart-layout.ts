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

/** The layout every chart starts from. @example baseLayout({ lang: "en" }).separators // ".," */
export function baseLayout(options: ChartOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    margin: { l: 60, r: 30, t: options.title ? 90 : 50, b: 60 },
    font: { family: "Open Sans, verdana, arial, sans-serif", size: 13 },
    separators: options.lang === "en" ? ".," : ",.",
    colorway: COLORWAY,
  };
  if (options.title) layout.title = { text: options.title };
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
