/** The coverage table: per figure and method, bias, RMSE, coverage (with Monte Carlo SE), mean SE against spread. */

import { decimal } from "../../present/format";
import type { TableColumn, TableValue } from "../../present/table";
import { HEADLINE_FIGURES } from "./figures";
import { METHOD_LABELS, METHODS, type Method, type MethodEstimate } from "./estimate";

/** One cell of the coverage table. */
export interface CoverageRow {
  figure: string;
  method: Method;
  truth: number;
  replications: number; // Replications that gave this method an estimate.
  bias: number; // Mean estimate − truth (proportion, not points).
  rmse: number; // √ mean (estimate − truth)².
  coverage: number; // Share of the 95 % intervals that contain the truth.
  coverageMcse: number; // Monte Carlo SE of the coverage, √(c(1 − c)/R).
  meanSe: number; // Mean of the reported SEs.
  /** Standard deviation of the estimates over the replications (the true SE, up to Monte Carlo error). */
  empiricalSe: number;
  meanWidth: number; // Mean interval width.
}

/** The estimates of one replication: estimates[figure][method]. */
export type ReplicationResult = Record<string, Partial<Record<Method, MethodEstimate>>>;

/**
 * The coverage table from every replication's estimates and the true values.
 * @example summarise(results, trueValues(pop)).find((r) => r.method === "raking")?.coverage
 */
export function summarise(results: readonly ReplicationResult[], truth: Record<string, number>): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const f of HEADLINE_FIGURES) {
    for (const method of METHODS) {
      const list = results.map((r) => r[f.key]?.[method]).filter((e): e is MethodEstimate => e !== undefined);
      if (list.length === 0) continue;
      const t = truth[f.key];
      const r = list.length;
      const meanOf = (x: (e: MethodEstimate) => number): number => list.reduce((a, e) => a + x(e), 0) / r;
      const mean = meanOf((e) => e.value);
      const covered = list.filter((e) => e.ciLow <= t && t <= e.ciHigh).length / r;
      const variance = r > 1 ? list.reduce((a, e) => a + (e.value - mean) ** 2, 0) / (r - 1) : NaN;
      rows.push({
        figure: f.key,
        method,
        truth: t,
        replications: r,
        bias: mean - t,
        rmse: Math.sqrt(meanOf((e) => (e.value - t) ** 2)),
        coverage: covered,
        coverageMcse: Math.sqrt((covered * (1 - covered)) / r),
        meanSe: meanOf((e) => e.se),
        empiricalSe: Math.sqrt(variance),
        meanWidth: meanOf((e) => e.ciHigh - e.ciLow),
      });
    }
  }
  return rows;
}

/** Columns of the coverage table with their decimals: the notebook's `showTable` and the site's button show these. */
const TABLE_DECIMALS: readonly [string, number][] = [
  ["Bias (pct.-point)", 2],
  ["RMSE (pct.-point)", 2],
  ["Gns. SE / faktisk SD", 2],
  ["Dækning (%)", 1],
  ["MC-SE (pct.-point)", 1],
];

/**
 * The coverage table as shown: a row per figure and method, Danish headers, numbers formatted by `columns`.
 * @example const t = coverageTable(result.rows); showTable(t.rows, t.columns);
 */
export function coverageTable(rows: readonly CoverageRow[]): {
  rows: Record<string, TableValue>[];
  columns: TableColumn[];
} {
  const label = (key: string): string => HEADLINE_FIGURES.find((f) => f.key === key)?.label ?? key;
  return {
    rows: rows.map((r) => ({
      Hovedtal: label(r.figure),
      Metode: METHOD_LABELS[r.method],
      "Bias (pct.-point)": 100 * r.bias,
      "RMSE (pct.-point)": 100 * r.rmse,
      "Gns. SE / faktisk SD": r.meanSe / r.empiricalSe,
      "Dækning (%)": 100 * r.coverage,
      "MC-SE (pct.-point)": 100 * r.coverageMcse,
    })),
    columns: [
      { key: "Hovedtal" },
      { key: "Metode" },
      ...TABLE_DECIMALS.map(([key, decimals]) => ({ key, format: (v: TableValue) => decimal(v as number, decimals) })),
    ],
  };
}

/**
 * The coverage table's header and cells as text (what the site's button shows).
 * @example coverageText(result.rows).header[5] // "Dækning (%)"
 */
export function coverageText(rows: readonly CoverageRow[]): { header: string[]; cells: string[][] } {
  const table = coverageTable(rows);
  return {
    header: table.columns.map((c) => c.key),
    cells: table.rows.map((row) => table.columns.map((c) => (c.format ? c.format(row[c.key]) : String(row[c.key])))),
  };
}
