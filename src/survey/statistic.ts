/**
 * Shared by the estimators of issue 21: a numeric column over a design's domain, weighted sums, and the covariance of
 * statistics given by their influence (linearised: `designCovariance`) or their value under a weight vector (replicate
 * designs: R's `svrVar` of the replicate values).
 */

import { column, subset, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import type { Estimate } from "./estimators";
import { levelsOf } from "./factor";
import { checkLevel, confidenceInterval } from "./intervals";
import { replicatesOf } from "./replicate";
import { replicateVariance } from "./replicate-weights";
import { degf } from "./svydesign";
import { designCovariance } from "./variance";

/** A statistic: its influence per row (linearised) and its value under any weight vector (replicates). */
export interface Statistic {
  value: number;
  influence: () => Float64Array;
  at: (w: ArrayLike<number>) => number;
}

/**
 * A numeric column's values (0 outside the domain); a factor or an empty value in the domain is a DataError.
 * @example numericColumn("svyratio", design, "enroll")
 */
export function numericColumn(verb: string, design: SurveyDesign, name: string): Float64Array {
  if (levelsOf(design, name) !== null)
    throw new DataError({
      file: design.source,
      column: name,
      problem: `${verb}: "${name}" is a factor`,
      expected: "a numeric column",
    });
  const values = column(design, name);
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    const v = values[i];
    if (v === null || !Number.isFinite(v))
      throw new DataError({
        file: design.source,
        row: i + 1,
        column: name,
        problem: `${verb}: no value`,
        expected: "a number (or naRm: true)",
      });
    out[i] = v;
  }
  return out;
}

/**
 * Σ w·y over the design's domain (y omitted: Σ w).
 * @example weightedSum(design, design.weights, enroll)
 */
export function weightedSum(design: SurveyDesign, w: ArrayLike<number>, y?: Float64Array): number {
  let s = 0;
  for (let i = 0; i < design.n; i++) if (design.domain === null || design.domain[i] === 1) s += w[i] * (y ? y[i] : 1);
  return s;
}

/**
 * The covariance matrix of the statistics: `designCovariance` of their influences, or on a replicate design R's
 * `svrVar` of their values under each replicate's weights.
 * @example statisticsVcov(design, [ratioStatistic])[0][0]
 */
export function statisticsVcov(design: SurveyDesign, stats: readonly Statistic[]): number[][] {
  if (!design.replicates)
    return designCovariance(
      design,
      stats.map((s) => s.influence()),
    );
  const reps = replicatesOf(design);
  const thetas = stats.map((s) => Float64Array.from(reps.weights, (w) => s.at(w)));
  return replicateVariance(
    thetas,
    reps,
    stats.map((s) => s.value),
  );
}

/**
 * An Estimate of `value` with standard error `se`: a Wald t interval on `df` (default R's `degf(design)`).
 * @example estimateOf(design, 0.85, 0.008, 0.95)
 */
export function estimateOf(
  design: SurveyDesign,
  value: number,
  se: number,
  level: number,
  df = degf(design),
): Estimate {
  checkLevel(level);
  const [ciLow, ciHigh] = confidenceInterval(value, se, df, level, "wald", design.n);
  let n = 0;
  for (let i = 0; i < design.n; i++) if (design.domain === null || design.domain[i] === 1) n++;
  const weightedBase = weightedSum(design, design.weights);
  return { value, se, ciLow, ciHigh, level, df, n, weightedBase, deff: NaN };
}

/**
 * R's `na.rm = TRUE`: the design restricted to rows where every column has a value (else the design itself).
 * @example completeRows(design, ["api.stu", "enroll"], true)
 */
export function completeRows(design: SurveyDesign, names: readonly string[], naRm: boolean | undefined): SurveyDesign {
  if (!naRm) return design;
  const cols = names.map((n) => column(design, n));
  return subset(design, (_, i) => cols.every((c) => c[i] !== null), `complete ${names.join(", ")}`);
}
