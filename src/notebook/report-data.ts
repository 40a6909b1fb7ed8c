/**
 * The numbers behind report/figures.json and report/weights.csv: the dataset loaded and raked by
 * src/dataset.ts, every published figure reproduced (and checked against its rule) by
 * src/reproduce.ts.
 */
import * as path from "path";
import { loadDataset } from "../report/dataset";
import { reproduceFigures } from "../report/reproduce";
import { FigureRecord } from "./report-files";

/** What the report's data files are written from. */
export interface ReportData {
  figures: FigureRecord[];
  ids: (number | null)[];
  weights: ArrayLike<number>;
  /** Figure id → whether its published rule holds (context figures have none). */
  holds: Map<string, boolean>;
  /** Which panel file the numbers come from, and the Danish notice that its respondents are synthetic ("" for a real file). */
  panelFile: string;
  notice: string;
}

/**
 * Loads the dataset (PANEL_FILE / MARGINS_FILE override the shipped files), rakes it and
 * reproduces every published figure, in figures.csv order.
 * @example const { figures, ids, weights } = computeReportData();
 */
export function computeReportData(): ReportData {
  const dataset = loadDataset();
  const results = reproduceFigures(dataset.panel, dataset.design);
  const ids = dataset.panel.columns.id;
  if (ids === undefined) throw new Error(`${dataset.panelPath}: the panel has no id column, expected one (contract §2)`);
  const holds = new Map<string, boolean>();
  for (const r of results) if (r.holds !== null) holds.set(r.id, r.holds);
  const figures: FigureRecord[] = results.map((r) => ({
    id: r.id,
    published: r.published,
    estimate: r.estimate,
    se: r.se,
    ci_low: r.ci_low,
    ci_high: r.ci_high,
    n: r.n,
    base: r.base,
  }));
  return { figures, ids, weights: dataset.design.weights, holds, panelFile: path.basename(dataset.panelPath), notice: dataset.notice("da") };
}
