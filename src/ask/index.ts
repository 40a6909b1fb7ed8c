/**
 * Follow-up questions in a notebook: the same spec as `npx ask` and the "Spørg data" page, one call
 * for the table and the chart (and the Rao–Scott tests and notes as text).
 *
 * @example
 * import { ask } from "../lib/ask";
 * const result = ask({ question: "tilbud", by: "oekonomi_2grp" });   // shows table + chart
 * result.rows.find((r) => r.by1_code === 1)?.estimate                 // percent
 * ask({ question: "pot_salg", answers: "1-2", by: "branche" }, { show: false });  // compute only
 */
import { loadDataset, type Dataset } from "../report/dataset";
import { showPlot, showTable, type TableValue } from "../present/plot";
import { askFigure } from "./chart";
import { askResult } from "./compute";
import type { AskResult } from "./result";
import { normalizeSpec, type AskSpecInput } from "./spec";
import { crossTable, headerLines, testLines } from "./text";

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
  /** The dataset (default: `loadDataset()`, loaded once). */
  dataset?: Dataset;
  /** Show the table, chart and text in the notebook (default true). */
  show?: boolean;
  /** Show the chart (default true). */
  chart?: boolean;
}

/**
 * Answers a spec (names may use æøå; `by` one name or two) and shows it in the notebook: the
 * header lines, the cross-table, the chart with confidence intervals, the tests and the notes.
 * Returns the result (`{ meta, rows }`, as `npx ask … --format json`).
 * @example ask({ question: "oekonomi", stat: "mean", by: "størrelse" })
 */
export function ask(spec: AskSpecInput, options: AskOptions = {}): AskResult {
  const dataset = options.dataset ?? (cached ??= loadDataset());
  const result = askResult(dataset, normalizeSpec(spec));
  if (options.show === false) return result;
  console.log(headerLines(result).join("\n"));
  const { header, rows } = crossTable(result);
  showTable(
    rows.map((r) => Object.fromEntries(header.map((h, c): [string, TableValue] => [h, r[c]]))),
    header,
  );
  if (options.chart !== false) showPlot(askFigure(result));
  const lang = result.meta.spec.lang;
  const tests = testLines(result.meta.tests, lang);
  const text = [
    ...(tests.length > 0
      ? [
          lang === "da" ? "Rao–Scott-test af uafhængighed:" : "Rao–Scott tests of independence:",
          ...tests.map((t) => `  ${t}`),
        ]
      : []),
    ...result.meta.notes,
  ];
  if (text.length > 0) console.log(text.join("\n"));
  return result;
}
