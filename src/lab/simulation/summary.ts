/** The coverage table: per figure and method, bias, RMSE, coverage (with Monte Carlo SE), mean SE against spread. */

import { HEADLINE_FIGURES } from "./figures";
import { METHODS, type Method, type MethodEstimate } from "./estimate";

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
      const mean = list.reduce((a, e) => a + e.value, 0) / r;
      const covered = list.filter((e) => e.ciLow <= t && t <= e.ciHigh).length / r;
      const variance = r > 1 ? list.reduce((a, e) => a + (e.value - mean) ** 2, 0) / (r - 1) : NaN;
      rows.push({
        figure: f.key,
        method,
        truth: t,
        replications: r,
        bias: mean - t,
        rmse: Math.sqrt(list.reduce((a, e) => a + (e.value - t) ** 2, 0) / r),
        coverage: covered,
        coverageMcse: Math.sqrt((covered * (1 - covered)) / r),
        meanSe: list.reduce((a, e) => a + e.se, 0) / r,
        empiricalSe: Math.sqrt(variance),
        meanWidth: list.reduce((a, e) => a + (e.ciHigh - e.ciLow), 0) / r,
      });
    }
  }
  return rows;
}
