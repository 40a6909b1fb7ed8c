/**
 * Charts and tables in one import: Plotly display, chart builders and tables.
 *
 * @example import { showPlot, barWithCi, showTable } from "../lib/present/plot";
 */
export * from "./plotly";
export * from "./chart-layout";
export * from "./ci-charts";
export * from "./charts";
export * from "./table";
