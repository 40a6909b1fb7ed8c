/**
 * Charts and tables for the notebooks and the site, in one import: Plotly display (`plotly.ts`),
 * chart builders (`ci-charts.ts`, `charts.ts`) and tables (`table.ts`).
 *
 * @example
 * import { showPlot, barWithCi, showTable } from "../lib/present/plot";
 * showPlot(barWithCi([{ label: "Salg", estimate: 38, ciLow: 35.1, ciHigh: 41, published: 38 }], { valueSuffix: " %" }));
 */
export * from "./plotly";
export * from "./chart-layout";
export * from "./ci-charts";
export * from "./charts";
export * from "./table";
