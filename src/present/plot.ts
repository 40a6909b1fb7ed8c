/** Charts and tables in one import. @example import { showPlot, barWithCi, showTable } from "../lib/present/plot"; */
export * from "./plotly";
export * from "./chart-text";
export * from "./ci-charts";
export * from "./charts";
export * from "./table";
