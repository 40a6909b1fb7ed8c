/**
 * Weighted domain means, shares and totals with linearised SEs, as R's `svymean`/`svytotal`/`svyciprop`
 * on `subset(design, domain)`: each forms its influence per row (0 outside the domain) and takes its
 * variance from `designCovariance`. The verbs in svy.ts call them.
 */

import { emptyDomain } from "./errors";
import { checkLevel, confidenceInterval, type CiMethod } from "./intervals";
import type { DesignWeights } from "./types";
import { degreesOfFreedom, designCovariance, type DomainRows, type Influence } from "./variance";

/** A weighted estimate with its linearised standard error and confidence interval. */
export interface Estimate {
  /** The estimate: a proportion (0–1, not percent), a mean or a total. */
  value: number;
  /** Linearised standard error (accounts for the raking via calibration residuals). */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Degrees of freedom of the t quantile: PSUs with nonzero weight in the domain − 1 (R's `degf` on a subset). */
  df: number;
  /** Unweighted number of rows in the domain. */
  n: number;
  /** Sum of weights in the domain. */
  weightedBase: number;
  /** Design effect as R's `svymean(..., deff = TRUE)` (or `deff = "replace"` with `deffMethod: "replace"`). */
  deff: number;
}

/** Rows in a domain: 1 in, 0 out; null when the domain is every row. */
export type DomainFlags = Uint8Array | null;

/** Options of the estimates. */
export interface EstimateOptions {
  /** Interval method; default `logit` for proportions and `wald` for means and totals. */
  ci?: CiMethod;
  /** Confidence level; default 0.95. */
  level?: number;
  /**
   * Reference variance of the design effect: `srswor` (default; R's `deff = TRUE`, simple random sampling without
   * replacement from a population of the domain's weighted size) or `replace` (R's `deff = "replace"`).
   */
  deffMethod?: "srswor" | "replace";
  /** Name of the file or table `y` comes from, for error messages. */
  source?: string;
  /** Name of the variable `y` is, for error messages. Default "y". */
  variable?: string;
  /** Degrees of freedom instead of the domain's (`naRm` keeps the design's, as R). */
  df?: number;
}

/** What an estimator needs to know about y in the domain. */
export interface DomainSummary {
  domain: DomainFlags;
  /** y per row (0 outside the domain); null when y is a 0/1 answer held in `group` (then see `valuesOf`). */
  values: Float64Array | null;
  weightSum: number;
  count: number;
  nonzero: number;
  mean: number;
  /** Weighted variance of y in the domain, with nonzero/(nonzero − 1), as R's svyvar. */
  variance: number;
  /** Σ w y over the domain. */
  total: number;
  /** Whether every value in the domain is 0 or 1 (then the influence is grouped by the value). */
  binary: boolean;
  /** Each row's 0/1 value, −1 outside the domain, when the caller had it at hand (else built when needed). */
  group: Int32Array | null;
  /** The domain's rows and what lies outside it, when several estimates share the domain. */
  domainRows?: DomainRows;
}

/** Sums of y over a domain's rows (taken in row order). */
export interface DomainSums {
  weightSum: number;
  /** Σ w y. */
  weighted: number;
  count: number;
  /** Rows of nonzero weight. */
  nonzero: number;
  binary: boolean;
}

/**
 * Weighted sums of `values` over the domain; a DataError when the domain has no row of positive weight.
 * @example summarise(design, values, null, "panel.csv").mean
 */
export function summarise(
  design: DesignWeights,
  values: Float64Array | null,
  domain: DomainFlags,
  source: string,
  label?: string,
  group: Int32Array | null = null,
  sums?: DomainSums,
): DomainSummary {
  const w = design.weights;
  const n = design.n;
  const { weightSum, weighted, count, nonzero, binary } = sums ?? sumsOver(design, valuesOf({ values, group }), domain);
  if (!(weightSum > 0)) throw emptyDomain(source, label);
  const mean = weighted / weightSum;
  let ss = 0;
  if (binary) ss = weightSum * mean * (1 - mean);
  else {
    const y = valuesOf({ values, group });
    for (let i = 0; i < n; i++) {
      if (domain !== null && domain[i] === 0) continue;
      const r = y[i] - mean;
      ss += w[i] * r * r;
    }
  }
  const variance = nonzero > 1 ? (ss / weightSum) * (nonzero / (nonzero - 1)) : NaN;
  return { domain, values, weightSum, count, nonzero, mean, variance, total: weighted, binary, group };
}

/**
 * y per row of a summary (0 outside the domain): its values, or for a 0/1 answer held only in `group`, 1 where it is 1.
 * @example valuesOf(summary).length // design.n
 */
export function valuesOf(s: { values: Float64Array | null; group: Int32Array | null }): Float64Array {
  if (s.values !== null) return s.values;
  if (s.group === null) throw new RangeError("valuesOf: a summary with neither values nor groups");
  return Float64Array.from(s.group, (j) => (j === 1 ? 1 : 0));
}

function sumsOver(design: DesignWeights, values: Float64Array, domain: DomainFlags): DomainSums {
  const w = design.weights;
  const n = design.n;
  let [weightSum, weighted, count, nonzero, binary] = [0, 0, 0, 0, true];
  for (let i = 0; i < n; i++) {
    if (domain !== null && domain[i] === 0) continue;
    const wi = w[i];
    const v = values[i];
    count++;
    if (wi !== 0) nonzero++;
    weightSum += wi;
    weighted += wi * v;
    if (v !== 0 && v !== 1) binary = false;
  }
  return { weightSum, weighted, count, nonzero, binary };
}

/**
 * R's `nrow(design)` for a domain, used by the Korn–Graubard interval: a subset of a calibrated
 * design keeps every row (out-of-domain rows get weight 0), a subset of an uncalibrated one drops them.
 * @example designRows(raked, 120) // raked.n
 */
export function designRows(design: DesignWeights, domainCount: number): number {
  return design.calibration === null ? domainCount : design.n;
}

function deffOf(variance: number, s: DomainSummary, scaleSquared: number, method: "srswor" | "replace"): number {
  if (!(s.nonzero > 1) || !(s.variance > 0)) return NaN;
  const psum = s.weightSum;
  // R's deff = TRUE: svyvar * (psum - nobs)/(psum * nobs); falls back to with-replacement when psum < nobs.
  const factor = method === "replace" || psum < s.nonzero ? 1 / s.nonzero : (psum - s.nonzero) / (psum * s.nonzero);
  return variance / (s.variance * scaleSquared * factor);
}

/**
 * The influence column of a domain mean: w_i (y_i − ȳ) / Σw inside the domain, 0 outside; grouped
 * by the value when y is 0/1.
 * @example meanInfluence(design, summarise(design, values, null))
 */
export function meanInfluence(design: DesignWeights, s: DomainSummary): Influence {
  const { domain, mean, weightSum } = s;
  if (s.binary) return binaryInfluence(design, s, Float64Array.from([-mean / weightSum, (1 - mean) / weightSum]));
  const values = valuesOf(s);
  const w = design.weights;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++)
    if (domain === null || domain[i] === 1) x[i] = (w[i] * (values[i] - mean)) / weightSum;
  return [x];
}

/** The influence w_i · b[y_i] of 0/1 values in the domain (0 outside). */
function binaryInfluence(design: DesignWeights, s: DomainSummary, b: Float64Array): Influence {
  let group = s.group;
  if (group === null) {
    const { domain } = s;
    const values = valuesOf(s);
    group = new Int32Array(design.n);
    for (let i = 0; i < design.n; i++) group[i] = domain !== null && domain[i] === 0 ? -1 : values[i];
  }
  return { rowWeight: design.weights, group, groups: 2, columns: 1, values: b, domainRows: s.domainRows };
}

/**
 * The Estimate of a domain mean (or, with `ci` logit/beta, a proportion) from its summary.
 * @example meanEstimate(design, summarise(design, values, null), {}, "wald")
 */
export function meanEstimate(
  design: DesignWeights,
  s: DomainSummary,
  options: EstimateOptions,
  defaultCi: CiMethod,
): Estimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  return fromInfluence(design, s, meanInfluence(design, s), s.mean, level, options, 1, (se, df) =>
    confidenceInterval(s.mean, se, df, level, options.ci ?? defaultCi, designRows(design, s.count), s.nonzero),
  );
}

/**
 * The Estimate of a domain total Σ w y from its summary (Wald t interval only).
 * @example totalEstimate(design, summarise(design, values, null), {})
 */
export function totalEstimate(design: DesignWeights, s: DomainSummary, options: EstimateOptions): Estimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (options.ci !== undefined && options.ci !== "wald")
    throw new RangeError(`total: only the "wald" interval applies to a total, got "${options.ci}"`);
  const w = design.weights;
  const tot = s.total;
  let x: Influence;
  if (s.binary) x = binaryInfluence(design, s, Float64Array.from([0, 1]));
  else {
    const values = valuesOf(s);
    const column = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) if (s.domain === null || s.domain[i] === 1) column[i] = w[i] * values[i];
    x = [column];
  }
  return fromInfluence(design, s, x, tot, level, options, s.weightSum * s.weightSum, (se, df) =>
    confidenceInterval(tot, se, df, level, "wald", design.n),
  );
}

/**
 * The Estimate of `value` whose influence values are `x`: variance from `designCovariance`, SE, the
 * domain's degrees of freedom, the interval `ci` gives, and the design effect (`deffScale` is the
 * squared scale of the statistic relative to a mean: 1 for a mean, (Σw)² for a total).
 */
function fromInfluence(
  design: DesignWeights,
  s: DomainSummary,
  x: Influence,
  value: number,
  level: number,
  options: EstimateOptions,
  deffScale: number,
  ci: (se: number, df: number) => [number, number],
): Estimate {
  const variance = designCovariance(design, x)[0][0];
  const se = Math.sqrt(variance);
  const df =
    options.df ?? (design.clusters === null && !design.sampling ? s.nonzero - 1 : degreesOfFreedom(design, s.domain));
  const [ciLow, ciHigh] = ci(se, df);
  return {
    value,
    se,
    ciLow,
    ciHigh,
    level,
    df,
    n: s.count,
    weightedBase: s.weightSum,
    deff: deffOf(variance, s, deffScale, options.deffMethod ?? "srswor"),
  };
}
