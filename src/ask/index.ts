/** Follow-up questions in a notebook: the spec of `npx ask`, one call for table, chart, tests and notes. */
import { loadDataset, type Dataset } from "../report/dataset";
import { showPlot, showTable, type TableValue } from "../present/plot";
import { askFigure } from "./chart";
import { askResult } from "./compute";
import type { AskResult } from "./result";
import { normalizeSpec, type AskSpecInput } from "./spec";
import { crossTable, headerLines, modelTestLines, testLines } from "./text";
import { ANSWER_TEXT } from "../codebook/messages";

export { askResult } from "./compute";
export { askFigure } from "./chart";
export { normalizeSpec, SpecError, type AskSpec, type AskSpecInput } from "./spec";
export { specFromQuery, specToQuery, specToCommand, parseAskArgs } from "./parse";
export { csvText, csvDanishText, jsonText, xlsxBuffer } from "./export";
export { crossTable, textTable, cellText } from "./text";
export type { AskResult, AskRow, AskMeta, AskTest } from "./result";

let cached: Dataset | null = null;

/** Options of `ask`. */
export interface AskOptions {
  dataset?: Dataset; // The dataset (default: `loadDataset()`, loaded once).
  show?: boolean; // Show table, chart and text (default true), and the chart (default true).
  chart?: boolean;
}

/**
 * Answers a spec and shows it in the notebook (header, table, chart, tests, notes); returns `{ meta, rows }`.
 * @example ask({ question: "oekonomi", stat: "mean", by: "størrelse" })
 */
export function ask(spec: AskSpecInput, options: AskOptions = {}): AskResult {
  const dataset = options.dataset ?? (cached ??= loadDataset());
  const result = askResult(dataset, normalizeSpec(spec));
  if (options.show === false) return result;
  console.log(headerLines(result).join("\n"));
  const { header, rows } = crossTable(result);
  const records = rows.map((r) => Object.fromEntries(header.map((h, c): [string, TableValue] => [h, r[c]])));
  showTable(records, header);
  if (options.chart !== false) showPlot(askFigure(result));
  const lang = result.meta.spec.lang;
  const tests = testLines(result.meta.tests, lang);
  const heading = ANSWER_TEXT.raoScottTests[lang];
  const [models, ...modelTests] = modelTestLines(result);
  const text = [
    ...(tests.length > 0 ? [heading, ...tests.map((t) => `  ${t}`)] : []),
    ...(models === undefined ? [] : [models, ...modelTests.map((t) => `  ${t}`)]),
    ...result.meta.notes,
  ];
  if (text.length > 0) console.log(text.join("\n"));
  return result;
}
