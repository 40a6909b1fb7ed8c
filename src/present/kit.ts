/**
 * The notebooks' kit in one import: the data half (`kit-data.ts`) and the view half (`kit-view.ts`).
 *
 * @example import { openDataset, base, figure, comparisonRow, shareChart } from "../lib/present/kit";
 */
export * from "./kit-data";
export * from "./kit-view";
