/** Follow-up questions in a notebook: the spec of `npx ask`, one call for table, chart, tests and notes. */
import { loadDataset, type Dataset } from "../report/dataset";
import { showPlot, showTable, type TableValue } from "../present/plot";
import { askFigure } from "./chart";
import { askResult } from "./compute";
import type { AskResult } from "./result";
import { normalizeSpec, type AskSpecInput } from "./spec";
import { crossTable, headerLines, testSections } from "./text";
import { ANSWER_TEXT } from "../codebook/messages";

export type { AskResult, AskRow } from "./result";

let cached: Dataset | null = null;

/** Answers a spec and shows header, table, chart, tests, notes in the notebook: `ask({ question: "tilbud" })`. */
export function ask(
  spec: AskSpecInput,
  options: { dataset?: Dataset; show?: boolean; chart?: boolean } = {},
): AskResult {
  const dataset = options.dataset ?? (cached ??= loadDataset());
  const result = askResult(dataset, normalizeSpec(spec));
  if (options.show === false) return result;
  console.log(headerLines(result).join("\n"));
  const { header, rows } = crossTable(result);
  const records = rows.map((r) => Object.fromEntries(header.map((h, c): [string, TableValue] => [h, r[c]])));
  showTable(records, header);
  if (options.chart !== false) showPlot(askFigure(result));
  const sections = testSections(result, ANSWER_TEXT.raoScottTests[result.meta.spec.lang]);
  const text = [
    ...sections.flatMap(([heading, lines]) => [heading, ...lines.map((t) => `  ${t}`)]),
    ...result.meta.notes,
  ];
  if (text.length > 0) console.log(text.join("\n"));
  return result;
}
