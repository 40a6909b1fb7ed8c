/** The numbers behind figures.json, weights.csv and the index's table: every published figure reproduced. */
import { loadDataset, type Dataset } from "../report/dataset";
import { publishedFiguresPath, reproduceFigures, type FigureResult } from "../report/reproduce";
import { readPublishedFigures } from "../report/published";
import { countedBase } from "../report/figures";
import { FigureRecord } from "./report-files";
import { FigureRow } from "./site-index";
import { baseName, figureName, ruleText, sectionName, statusText } from "./figure-labels";

/** What the report's data files are written from. */
export interface ReportData {
  figures: FigureRecord[];
  rows: FigureRow[]; // the index's table, in figures.csv order
  ids: readonly string[]; // as read
  weights: ArrayLike<number>;
  holds: Map<string, boolean>; // figure id → whether its rule holds (context figures have none)
  panelFile: string;
  panelPath: string;
  marginsPath: string;
  isSynthetic: boolean;
  notice: string; // the Danish notice that the respondents are synthetic ("" for a real file)
  results: FigureResult[]; // every published figure reproduced, in figures.csv order
}

/** Every published figure reproduced, in figures.csv order. @example const { figures, ids } = computeReportData(); */
export function computeReportData(dataset: Dataset = loadDataset()): ReportData {
  const results = reproduceFigures(dataset.design);
  const ids = dataset.panel.ids;
  const published = new Map(readPublishedFigures(publishedFiguresPath()).map((p) => [p.id, p]));
  const holds = new Map<string, boolean>();
  for (const r of results) if (r.holds !== null) holds.set(r.id, r.holds);
  const figures: FigureRecord[] = results.map((r) => ({
    id: r.id,
    published: r.published,
    estimate: r.reproduced,
    se: r.sePct,
    ci_low: r.ciLowPct,
    ci_high: r.ciHighPct,
    n: r.n,
    base: r.base,
  }));
  const rows: FigureRow[] = results.map((r) => {
    const p = published.get(r.id);
    const rule = p?.ruleSpec ?? { kind: "context" as const };
    return {
      id: r.id,
      section: sectionName(p?.section ?? ""),
      name: p ? figureName(p) : r.id,
      quote: p?.quote ?? "",
      base: baseName(countedBase(r.id, r.base)), // the base n counts from (for "Frasorteret" the one they left)
      rule: ruleText(rule, r.published),
      isCount: rule.kind === "exact",
      published: r.published,
      estimate: r.reproduced,
      ciLow: r.ciLowPct,
      ciHigh: r.ciHighPct,
      n: r.n,
      holds: r.holds,
      status: statusText(r.holds),
    };
  });
  return {
    figures,
    rows,
    ids,
    weights: dataset.design.weights,
    holds,
    panelFile: dataset.panelName,
    panelPath: dataset.panelPath,
    marginsPath: dataset.marginsPath,
    isSynthetic: dataset.isSynthetic,
    notice: dataset.notice("da"),
    results,
  };
}
