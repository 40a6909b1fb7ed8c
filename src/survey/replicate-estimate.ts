/**
 * The estimators on a replicate-weight design, as R's `svymean`, `svytotal`, `svyciprop` and `svycontrast` on an
 * `svyrep.design`: the estimate from the full-sample weights, its variance from the spread of the estimates under each
 * replicate's weights (`svrVar`), and the interval on R's `degf()` of the replicate design.
 */

import type { ProportionDifference } from "./contrast";
import type { SurveyDesign } from "./design";
import { pf, qt } from "./distributions";
import { valuesOf, type DomainFlags, type DomainSummary, type Estimate } from "./estimators";
import { checkLevel, confidenceInterval, type CiMethod } from "./intervals";
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

/** Weighted sum of the values and of the weights over the domain, for one weight vector. */
function sums(w: Float64Array, domain: DomainFlags, values: Float64Array): [number, number] {
  let sy = 0;
  let sw = 0;
  for (let i = 0; i < w.length; i++) {
    if (domain !== null && domain[i] === 0) continue;
    sy += w[i] * values[i];
    sw += w[i];
  }
  return [sy, sw];
}

/** The statistic under every replicate's weights. */
function replicated(reps: ReplicateWeights, s: DomainSummary, stat: (sy: number, sw: number) => number): Float64Array {
  const values = valuesOf(s);
  return Float64Array.from(reps.weights, (w) => stat(...sums(w, s.domain, values)));
}

/** R's svyvar of y in the domain (n/(n − 1) times the weighted variance), for the design effect. */
function weightedVariance(design: SurveyDesign, s: DomainSummary, mean: number): number {
  let ss = 0;
  const values = valuesOf(s);
  for (let i = 0; i < design.n; i++)
    if (s.domain === null || s.domain[i] === 1) ss += design.weights[i] * (values[i] - mean) ** 2;
  return s.count > 1 ? ((s.count / (s.count - 1)) * ss) / s.weightSum : NaN;
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
  s: DomainSummary,
  options: ReplicateEstimateOptions,
  binary: boolean,
): Estimate {
  const reps = replicatesOf(design);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const { count, weightSum, mean: full } = s;
  const thetas = replicated(reps, s, (sy, sw) => sy / sw);
  const variance = replicateVariance([thetas], reps, [full])[0][0];
  const se = Math.sqrt(variance);
  const df = replicateDegreesOfFreedom(design);
  const method = options.ci ?? (binary ? "logit" : "wald");
  let ci: [number, number];
  if (method === "logit") {
    ci = logitInterval(full, thetas, reps, df, level);
  } else {
    ci = confidenceInterval(full, se, df, level, method, count, count);
  }
  const svar = weightedVariance(design, s, full);
  return {
    value: full,
    se,
    ciLow: ci[0],
    ciHigh: ci[1],
    level,
    df,
    n: count,
    weightedBase: weightSum,
    deff: deffOf(variance, svar, 1, count, weightSum, options.deffMethod ?? "srswor"),
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
  s: DomainSummary,
  options: ReplicateEstimateOptions = {},
): Estimate {
  return meanOrProportion(design, s, options, true);
}

/**
 * Weighted mean of y in the domain with its replicate SE, as `svymean(~y, svrepdesign)`.
 * @example replicateMean(jk, employees).se
 */
export function replicateMean(
  design: SurveyDesign,
  s: DomainSummary,
  options: ReplicateEstimateOptions = {},
): Estimate {
  return meanOrProportion(design, s, options, false);
}

/**
 * Weighted total of y in the domain with its replicate SE and a Wald t interval, as `svytotal(~y, svrepdesign)`.
 * @example replicateTotal(jk, usesAi).value // estimated number of firms
 */
export function replicateTotal(
  design: SurveyDesign,
  s: DomainSummary,
  options: Omit<ReplicateEstimateOptions, "ci"> = {},
): Estimate {
  const reps = replicatesOf(design);
  const level = options.level ?? 0.95;
  const { count, weightSum, total: full } = s;
  const thetas = replicated(reps, s, (sy) => sy);
  const variance = replicateVariance([thetas], reps, [full])[0][0];
  const se = Math.sqrt(variance);
  const df = replicateDegreesOfFreedom(design);
  const [ciLow, ciHigh] = confidenceInterval(full, se, df, level, "wald", count);
  const svar = weightedVariance(design, s, full / weightSum);
  return {
    value: full,
    se,
    ciLow,
    ciHigh,
    level,
    df,
    n: count,
    weightedBase: weightSum,
    deff: deffOf(variance, svar, weightSum * weightSum, count, weightSum, options.deffMethod ?? "srswor"),
  };
}

/**
 * Difference p1 − p2 of the share with y = 1 in two domains of a replicate design, with the
 * replicate SE of the difference (their covariance included), as `svycontrast(svyby(..., covmat = TRUE), c(1, -1))`.
 * @example replicateDifference(jk, usesAi, large, small).se
 */
export function replicateDifference(
  design: SurveyDesign,
  first: DomainSummary,
  second: DomainSummary,
  options: Pick<ReplicateEstimateOptions, "level" | "variable"> = {},
): ProportionDifference {
  const level = options.level ?? 0.95;
  const reps = replicatesOf(design);
  const e1 = replicateProportion({ ...design, domain: first.domain }, first, { ...options, ci: "wald" });
  const e2 = replicateProportion({ ...design, domain: second.domain }, second, { ...options, ci: "wald" });
  const thetas = replicated(reps, first, (y, w) => y / w);
  const seconds = replicated(reps, second, (y, w) => y / w);
  for (let r = 0; r < reps.count; r++) thetas[r] -= seconds[r];
  const value = e1.value - e2.value;
  const se = Math.sqrt(replicateVariance([thetas], reps, [value])[0][0]);
  const union = Uint8Array.from(first.domain ?? [], (v, i) => v | (second.domain?.[i] ?? 1));
  const df = replicateDegreesOfFreedom({ ...design, domain: union });
  const q = df >= 1 ? qt(1 - (1 - level) / 2, df) : Infinity;
  const t = value / se;
  const p = df >= 1 && se > 0 ? pf(t * t, 1, df, false) : 1;
  return { value, se, ciLow: value - q * se, ciHigh: value + q * se, level, df, t, p, first: e1, second: e2 };
}
