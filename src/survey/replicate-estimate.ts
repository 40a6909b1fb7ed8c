/**
 * The estimators on a replicate-weight design, as R's `svymean`, `svytotal`, `svyciprop` and
 * `svycontrast` on an `svyrep.design`: the estimate from the full-sample weights, its variance from
 * the spread of the estimates under each replicate's weights (`svrVar`), and the interval on R's
 * `degf()` of the replicate design. A domain keeps R's meaning: the rows outside it drop out of every
 * replicate's estimate (R's `subset()` of a replicate design drops them).
 */

import type { ProportionDifference } from "./contrast";
import type { SurveyDesign } from "./design";
import { pf, qt } from "./distributions";
import { DataError } from "./errors";
import type { Estimate } from "./estimators";
import { confidenceInterval, type CiMethod } from "./intervals";
import { replicateDegreesOfFreedom, replicatesOf } from "./replicate";
import { replicateVariance, type ReplicateWeights } from "./replicate-weights";

/** Options of the replicate estimators (the same as the linearised ones). */
export interface ReplicateEstimateOptions {
  ci?: CiMethod;
  level?: number;
  deffMethod?: "srswor" | "replace";
  /** The column's name, for error messages. */
  variable?: string;
}

/** The domain's rows and y's values there; a DataError for an empty value in the domain or an empty domain. */
function domainRows(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  variable: string,
  binary: boolean,
): { rows: Int32Array; values: Float64Array } {
  const list: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < design.n; i++) {
    if (design.domain !== null && design.domain[i] === 0) continue;
    const v = y[i];
    if (v === null || v === undefined || !Number.isFinite(v))
      throw new DataError({
        file: design.source,
        row: i + 1,
        column: variable,
        value: v === null || v === undefined ? "" : String(v),
        problem: "value is empty or not a number inside the domain",
        expected: "a number for every row in the domain",
      });
    if (binary && v !== 0 && v !== 1)
      throw new DataError({
        file: design.source,
        row: i + 1,
        column: variable,
        value: String(v),
        expected: "0 or 1 for a proportion",
      });
    list.push(i);
    values.push(v);
  }
  if (list.length === 0)
    throw new DataError({
      file: design.source,
      column: "domain",
      problem: "the domain is empty",
      expected: "at least one row in the domain",
    });
  return { rows: Int32Array.from(list), values: Float64Array.from(values) };
}

/** Weighted sum of y and of the weights over the domain rows, for one weight vector. */
function sums(w: Float64Array, rows: Int32Array, values: Float64Array): [number, number] {
  let sy = 0;
  let sw = 0;
  for (let k = 0; k < rows.length; k++) {
    const wi = w[rows[k]];
    sy += wi * values[k];
    sw += wi;
  }
  return [sy, sw];
}

/** The statistic under the full-sample weights and under every replicate's weights. */
function replicated(
  design: SurveyDesign,
  reps: ReplicateWeights,
  rows: Int32Array,
  values: Float64Array,
  stat: (sy: number, sw: number) => number,
): { full: number; thetas: Float64Array; weightSum: number } {
  const [sy, sw] = sums(design.weights, rows, values);
  const thetas = new Float64Array(reps.count);
  for (let r = 0; r < reps.count; r++) {
    const [ry, rw] = sums(reps.weights[r], rows, values);
    thetas[r] = stat(ry, rw);
  }
  return { full: stat(sy, sw), thetas, weightSum: sw };
}

/** R's svyvar of y in the domain (n/(n − 1) times the weighted variance), for the design effect. */
function weightedVariance(
  design: SurveyDesign,
  rows: Int32Array,
  values: Float64Array,
  mean: number,
  weightSum: number,
): number {
  let ss = 0;
  for (let k = 0; k < rows.length; k++) ss += design.weights[rows[k]] * (values[k] - mean) ** 2;
  const n = rows.length;
  return n > 1 ? ((n / (n - 1)) * ss) / weightSum : NaN;
}

function deffOf(
  variance: number,
  svar: number,
  scale2: number,
  n: number,
  weightSum: number,
  method: "srswor" | "replace",
): number {
  if (!(svar > 0)) return NaN;
  const vsrs = (svar * scale2) / n;
  return variance / (method === "replace" ? vsrs : (vsrs * (weightSum - n)) / weightSum);
}

function meanOrProportion(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  options: ReplicateEstimateOptions,
  binary: boolean,
): Estimate {
  const reps = replicatesOf(design);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const { rows, values } = domainRows(design, y, options.variable ?? "y", binary);
  const { full, thetas, weightSum } = replicated(design, reps, rows, values, (sy, sw) => sy / sw);
  const variance = replicateVariance([thetas], reps, [full])[0][0];
  const se = Math.sqrt(variance);
  const df = replicateDegreesOfFreedom(design);
  const method = options.ci ?? (binary ? "logit" : "wald");
  let ci: [number, number];
  if (method === "logit") {
    ci = logitInterval(full, thetas, reps, df, level);
  } else {
    ci = confidenceInterval(full, se, df, level, method, rows.length, rows.length);
  }
  const svar = weightedVariance(design, rows, values, full, weightSum);
  return {
    value: full,
    se,
    ciLow: ci[0],
    ciHigh: ci[1],
    level,
    df,
    n: rows.length,
    weightedBase: weightSum,
    deff: deffOf(variance, svar, 1, rows.length, weightSum, options.deffMethod ?? "srswor"),
  };
}

/**
 * svyciprop's logit interval on a replicate design: R fits `svyglm(y ~ 1, family = quasibinomial)`,
 * whose replicate coefficients are logit(p_r), so the interval is expit(logit p ± t·SE_r(logit p_r)).
 */
function logitInterval(
  p: number,
  thetas: Float64Array,
  reps: ReplicateWeights,
  df: number,
  level: number,
): [number, number] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`logit interval needs a proportion in [0, 1], got ${p}`);
  if (p === 0 || p === 1) return [p, p];
  const logit = (x: number): number => Math.log(x / (1 - x));
  const logits = Array.from(thetas, logit);
  if (logits.some((x) => !Number.isFinite(x))) {
    // A replicate with a share of 0 or 1 (R's glm would not converge there): the delta method instead.
    const se = Math.sqrt(replicateVariance([thetas], reps, [p])[0][0]);
    return confidenceInterval(p, se, df, level, "logit", reps.count);
  }
  const seLogit = Math.sqrt(replicateVariance([logits], reps, [logit(p)])[0][0]);
  const t = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const expit = (z: number): number => 1 / (1 + Math.exp(-z));
  return [expit(logit(p) - t * seLogit), expit(logit(p) + t * seLogit)];
}

/**
 * Share of the domain with y = 1 and its replicate SE, as `svyciprop(~y, svrepdesign)` (logit interval
 * by default; `beta` and `wald` as the linearised ones, on the replicate design's degrees of freedom).
 * @example replicateProportion(jk, usesAi).se
 */
export function replicateProportion(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  options: ReplicateEstimateOptions = {},
): Estimate {
  return meanOrProportion(design, y, options, true);
}

/**
 * Weighted mean of y in the domain with its replicate SE, as `svymean(~y, svrepdesign)`.
 * @example replicateMean(jk, employees).se
 */
export function replicateMean(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  options: ReplicateEstimateOptions = {},
): Estimate {
  return meanOrProportion(design, y, options, false);
}

/**
 * Weighted total of y in the domain with its replicate SE and a Wald t interval, as `svytotal(~y, svrepdesign)`.
 * @example replicateTotal(jk, usesAi).value // estimated number of firms
 */
export function replicateTotal(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  options: Omit<ReplicateEstimateOptions, "ci"> = {},
): Estimate {
  const reps = replicatesOf(design);
  const level = options.level ?? 0.95;
  const { rows, values } = domainRows(design, y, options.variable ?? "y", false);
  const { full, thetas, weightSum } = replicated(design, reps, rows, values, (sy) => sy);
  const variance = replicateVariance([thetas], reps, [full])[0][0];
  const se = Math.sqrt(variance);
  const df = replicateDegreesOfFreedom(design);
  const [ciLow, ciHigh] = confidenceInterval(full, se, df, level, "wald", rows.length);
  const svar = weightedVariance(design, rows, values, full / weightSum, weightSum);
  return {
    value: full,
    se,
    ciLow,
    ciHigh,
    level,
    df,
    n: rows.length,
    weightedBase: weightSum,
    deff: deffOf(variance, svar, weightSum * weightSum, rows.length, weightSum, options.deffMethod ?? "srswor"),
  };
}

/**
 * Difference p1 − p2 of the share with y = 1 in two domains of a replicate design, with the
 * replicate SE of the difference (their covariance included), as `svycontrast(svyby(..., covmat = TRUE), c(1, -1))`.
 * @example replicateDifference(jk, usesAi, large, small).se
 */
export function replicateDifference(
  design: SurveyDesign,
  y: ArrayLike<number | null>,
  first: ArrayLike<boolean>,
  second: ArrayLike<boolean>,
  options: Pick<ReplicateEstimateOptions, "level" | "variable"> = {},
): ProportionDifference {
  const level = options.level ?? 0.95;
  const reps = replicatesOf(design);
  const domainOf = (mask: ArrayLike<boolean>): SurveyDesign => {
    const d = new Uint8Array(design.n);
    for (let i = 0; i < design.n; i++) d[i] = mask[i] && (design.domain === null || design.domain[i] === 1) ? 1 : 0;
    return { ...design, domain: d };
  };
  const d1 = domainOf(first);
  const d2 = domainOf(second);
  const e1 = replicateProportion(d1, y, { ...options, ci: "wald" });
  const e2 = replicateProportion(d2, y, { ...options, ci: "wald" });
  const a = domainRows(d1, y, options.variable ?? "y", true);
  const b = domainRows(d2, y, options.variable ?? "y", true);
  const thetas = new Float64Array(reps.count);
  for (let r = 0; r < reps.count; r++) {
    const [y1, w1] = sums(reps.weights[r], a.rows, a.values);
    const [y2, w2] = sums(reps.weights[r], b.rows, b.values);
    thetas[r] = y1 / w1 - y2 / w2;
  }
  const value = e1.value - e2.value;
  const se = Math.sqrt(replicateVariance([thetas], reps, [value])[0][0]);
  const union = domainOf(Array.from({ length: design.n }, (_, i) => d1.domain?.[i] === 1 || d2.domain?.[i] === 1));
  const df = replicateDegreesOfFreedom(union);
  const q = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const t = value / se;
  const p = df >= 1 && se > 0 ? pf(t * t, 1, df, false) : 1;
  return { value, se, ciLow: value - q * se, ciHigh: value + q * se, level, df, t, p, first: e1, second: e2 };
}
