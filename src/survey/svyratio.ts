/** `svyratio`: the ratio of two totals Σ w y / Σ w x with its SE, as R's `svyratio(~y, ~x, design)`. */

import type { SurveyDesign } from "./design";
import { svyby } from "./svyby";
import type { VcovItem } from "./svyvcov";
import type { Estimate } from "./estimators";
import { checkOptions } from "./options";
import { completeRows, estimateOf, numericColumn, statisticsVcov, weightedSum, type Statistic } from "./statistic";

/** Options of `svyratio`: R's `na.rm` (`naRm`), the interval's level, and svyby's `by` (R's `covmat = TRUE`). */
export interface RatioOptions {
  naRm?: boolean;
  level?: number;
  by?: string | readonly string[];
}

/**
 * The ratio statistic of `numerator` to `denominator` over the design's domain (influence w (y − R x) / Σ w x).
 * @example ratioStatistic(design, "api.stu", "enroll").value
 */
export function ratioStatistic(design: SurveyDesign, numerator: string, denominator: string): Statistic {
  const y = numericColumn("svyratio", design, numerator);
  const x = numericColumn("svyratio", design, denominator);
  const tx = weightedSum(design, design.weights, x);
  const value = weightedSum(design, design.weights, y) / tx;
  const influence = () => {
    const z = new Float64Array(design.n);
    const w = design.weights;
    for (let i = 0; i < design.n; i++)
      if (design.domain === null || design.domain[i] === 1) z[i] = (w[i] * (y[i] - value * x[i])) / tx;
    return z;
  };
  return { value, influence, at: (w) => weightedSum(design, w, y) / weightedSum(design, w, x) };
}

/**
 * R's `svyratio(~numerator, ~denominator, design)`: Σ w y / Σ w x over the domain, its linearised (or replicate) SE
 * and a t interval on `degf(design)`. With `by`, each group's ratio and their covariance, as R's
 * `svyby(~y, ~g, design, svyratio, denominator = ~x, covmat = TRUE)` (`svycontrast` takes it). An empty value is a
 * DataError unless `naRm`.
 * @example svyratio(dclus1, "api.stu", "enroll").value // 0.8497
 */
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options?: RatioOptions & { by?: undefined },
): Estimate;
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options: RatioOptions,
): { items: VcovItem[]; vcov: number[][] };
export function svyratio(
  design: SurveyDesign,
  numerator: string,
  denominator: string,
  options: RatioOptions = {},
): Estimate | { items: VcovItem[]; vcov: number[][] } {
  checkOptions("svyratio", options, { naRm: "boolean", level: "number", by: "strings" }, design.source);
  const d = completeRows(design, [numerator, denominator], options.naRm);
  const level = options.level ?? 0.95;
  if (options.by === undefined) {
    const stat = ratioStatistic(d, numerator, denominator);
    return estimateOf(d, stat.value, Math.sqrt(statisticsVcov(d, [stat])[0][0]), level);
  }
  const groups = svyby(d, options.by, (g) => ({ g, stat: ratioStatistic(g, numerator, denominator) }));
  const vcov = statisticsVcov(
    d,
    groups.map((x) => x.result.stat),
  );
  const items = groups.map(({ key, labels, result: { g, stat } }, k) => ({
    column: `${numerator}/${denominator}`,
    key,
    labels,
    estimate: estimateOf(g, stat.value, Math.sqrt(vcov[k][k]), level),
  }));
  return { items, vcov };
}
