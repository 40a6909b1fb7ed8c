/** `svyvar`: the population variance (and covariances) of numeric columns, as R's `svyvar(~a + b, design)`. */

import type { SurveyDesign } from "./design";
import type { Estimate } from "./estimators";
import { checkOptions } from "./options";
import { completeRows, estimateOf, numericColumn, statisticsVcov, weightedSum, type Statistic } from "./statistic";

/** Options of `svyvar`: R's `na.rm` (`naRm`, rows complete in every column) and the interval's level. */
export interface VarOptions {
  naRm?: boolean;
  level?: number;
}

/** `svyvar` of several columns: R's `as.matrix(v)`, each entry's SE, and `vcov(v)` (entries in R's column order). */
export interface VarMatrix {
  columns: string[];
  matrix: number[][];
  se: number[][];
  vcov: number[][];
}

/**
 * R's `svyvar`: n/(n − 1) times the weighted mean of (x_a − x̄_a)(x_b − x̄_b), its SE as R's (linearised: `svymean` of
 * the products with the means held fixed, n the rows of nonzero weight; replicate: recomputed per replicate, n the rows).
 * One column gives an Estimate, several the matrix.
 * @example svyvar(dclus1, "api00").value; svyvar(dclus1, ["api00", "api99"]).matrix
 */
export function svyvar(design: SurveyDesign, columns: string, options?: VarOptions): Estimate;
export function svyvar(design: SurveyDesign, columns: readonly string[], options?: VarOptions): VarMatrix;
export function svyvar(
  design: SurveyDesign,
  columns: string | readonly string[],
  options: VarOptions = {},
): Estimate | VarMatrix {
  checkOptions("svyvar", options, { naRm: "boolean", level: "number" }, design.source);
  const names = typeof columns === "string" ? [columns] : [...columns];
  const d = completeRows(design, names, options.naRm);
  const x = names.map((name) => numericColumn("svyvar", d, name));
  const inDomain = (i: number) => d.domain === null || d.domain[i] === 1;
  const count = (nonzero: boolean) => {
    let n = 0;
    for (let i = 0; i < d.n; i++) if (inDomain(i) && (!nonzero || d.weights[i] !== 0)) n++;
    return n;
  };
  const n = count(!d.replicates);
  const f = n / (n - 1);
  const means = (w: ArrayLike<number>) => {
    const sw = weightedSum(d, w);
    return x.map((v) => weightedSum(d, w, v) / sw);
  };
  const bar = means(d.weights);
  const p = names.length;
  const stats: Statistic[] = [];
  for (let b = 0; b < p; b++)
    for (let a = 0; a < p; a++) {
      const product = (m: readonly number[]) =>
        Float64Array.from(x[a], (xa, i) => (inDomain(i) ? (xa - m[a]) * (x[b][i] - m[b]) * f : 0));
      const z = product(bar);
      const sw = weightedSum(d, d.weights);
      const value = weightedSum(d, d.weights, z) / sw;
      const influence = () => Float64Array.from(z, (zi, i) => (inDomain(i) ? (d.weights[i] * (zi - value)) / sw : 0));
      stats.push({ value, influence, at: (w) => weightedSum(d, w, product(means(w))) / weightedSum(d, w) });
    }
  const vcov = statisticsVcov(d, stats);
  const level = options.level ?? 0.95;
  if (typeof columns === "string") return estimateOf(d, stats[0].value, Math.sqrt(vcov[0][0]), level);
  const grid = (at: (k: number) => number) => names.map((_, a) => names.map((_, b) => at(b * p + a)));
  return { columns: names, matrix: grid((k) => stats[k].value), se: grid((k) => Math.sqrt(vcov[k][k])), vcov };
}
