/**
 * The notebooks' kit in one import: the data half (`kit-data.ts`: load and banner, published-figure
 * lookup, bases, groupings, multi-response items) and the view half (`kit-view.ts`: table cells,
 * comparison rows and charts from results, the report's codes in words).
 *
 * @example
 * import { openDataset, base, figure, comparisonRow, shareChart } from "../lib/present/kit";
 * const ds = openDataset();
 * const des = ds.design;
 */
export * from "./kit-data";
export * from "./kit-view";
