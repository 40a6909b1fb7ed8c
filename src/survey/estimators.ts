/**
 * Weighted domain estimates (mean, proportion, total) with linearised standard errors, as R's
 * `svymean`/`svytotal`/`svyciprop` on `subset(design, domain)`:
 *
 * 1. the estimate's influence value is formed for every row; rows outside the domain get 0 but stay
 *    in the design;
 * 2. its variance comes from `designCovariance` (variance.ts: calibration residuals, PSU variance).
 *
 * The core works on typed arrays: values as a Float64Array (0 outside the domain) and the domain as
 * flags. `mean`, `proportion` and `total` are the mask-based entry points (estimate.ts re-exports
 * them); the design verbs in svy.ts call the core directly.
 */

import {
  checkDesign,
  DEFAULT_SOURCE,
  domainFlags,
  domainRows,
  domainValues,
  emptyDomain,
  type DomainFlags,
} from "./checks";
import { DataError } from "./errors";
import { checkLevel, confidenceInterval, type CiMethod } from "./intervals";
import type { DesignWeights } from "./types";
import { degreesOfFreedom, designCovariance, type Influence } from "./variance";

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
  /**
   * Design effect as R's `svymean(..., deff = TRUE)` (or `deff = "replace"` with `deffMethod: "replace"`).
   * NaN, as in R, when y does not vary in the domain (a proportion of 0 or 1) or the domain has one row.
   */
  deff: number;
}

/** Options of `mean`, `proportion` and `total`. */
export interface EstimateOptions {
  /** Interval method; default `logit` for proportions and `wald` for means and totals. */
  ci?: CiMethod;
  /** Confidence level; default 0.95. */
  level?: number;
  /**
   * Reference variance of the design effect: `srswor` (default; R's `deff = TRUE`, simple random
   * sampling without replacement from a population of the domain's weighted size) or `replace`
   * (R's `deff = "replace"`).
   */
  deffMethod?: "srswor" | "replace";
  /** Name of the file or table `y` comes from, for error messages. Default "estimate input". */
  source?: string;
  /** Name of the variable `y` is, for error messages. Default "y". */
  variable?: string;
}

/** What an estimator needs to know about y in the domain. */
export interface DomainSummary {
  domain: DomainFlags;
  /** y per row (0 outside the domain); null when the summary was built from `group`. */
  values: Float64Array | null;
  /** For 0/1 data read straight into groups: y per domain row (`group[r]` is row `domainRows(domain)[r]`, or row r without a domain); else null. */
  group: Int32Array | null;
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
}

/**
 * Weighted sums of `values` over the domain; a DataError when the domain has no row of positive weight.
 * @example summarise(design, values, null).mean
 */
export function summarise(
  design: DesignWeights,
  values: Float64Array,
  domain: DomainFlags,
  source = DEFAULT_SOURCE,
  label?: string,
): DomainSummary {
  const w = design.weights;
  const n = design.n;
  let weightSum = 0;
  let weighted = 0;
  let count = 0;
  let nonzero = 0;
  let binary = true;
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
  if (!(weightSum > 0)) throw emptyDomain(source, label);
  const mean = weighted / weightSum;
  let ss = 0;
  if (binary) ss = weightSum * mean * (1 - mean);
  else {
    for (let i = 0; i < n; i++) {
      if (domain !== null && domain[i] === 0) continue;
      const r = values[i] - mean;
      ss += w[i] * r * r;
    }
  }
  const variance = nonzero > 1 ? (ss / weightSum) * (nonzero / (nonzero - 1)) : NaN;
  return { domain, values, group: null, weightSum, count, nonzero, mean, variance, total: weighted, binary };
}

/**
 * The summary of 0/1 data read as groups (y per domain row, in `domainRows` order) with its weighted sums
 * already taken: Σw and Σwy over the domain, the rows in it and those with nonzero weight.
 * @example binarySummary(domain, group, 177677, 74000, 3000, 3000, "panel.csv").mean // 0.416
 */
export function binarySummary(
  domain: DomainFlags,
  group: Int32Array,
  weightSum: number,
  weightedOnes: number,
  count: number,
  nonzero: number,
  source = DEFAULT_SOURCE,
  label?: string,
): DomainSummary {
  if (!(weightSum > 0)) throw emptyDomain(source, label);
  const mean = weightedOnes / weightSum;
  const variance = nonzero > 1 ? mean * (1 - mean) * (nonzero / (nonzero - 1)) : NaN;
  return { domain, values: null, group, weightSum, count, nonzero, mean, variance, total: weightedOnes, binary: true };
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
  const { domain, values, mean, weightSum } = s;
  if (s.binary || values === null)
    return binaryInfluence(design, s, Float64Array.from([-mean / weightSum, (1 - mean) / weightSum]));
  const w = design.weights;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++)
    if (domain === null || domain[i] === 1) x[i] = (w[i] * (values[i] - mean)) / weightSum;
  return [x];
}

/** The influence w_i · b[y_i] of 0/1 values in the domain (0 outside). */
function binaryInfluence(design: DesignWeights, s: DomainSummary, b: Float64Array): Influence {
  const { domain, values } = s;
  const rows = domain === null ? null : domainRows(domain);
  let group = s.group;
  if (group === null) {
    group = new Int32Array(rows === null ? design.n : rows.length);
    for (let r = 0; r < group.length; r++) group[r] = values === null ? 0 : values[rows === null ? r : rows[r]];
  }
  return { rowWeight: design.weights, group, groups: 2, columns: 1, values: b, rows };
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
  const values = s.values;
  if (s.binary || values === null) x = binaryInfluence(design, s, Float64Array.from([0, 1]));
  else {
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
  const df = design.clusters === null ? s.nonzero - 1 : degreesOfFreedom(design, s.domain);
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

function maskSummary(
  design: DesignWeights,
  y: ArrayLike<number | null>,
  domain: ArrayLike<boolean> | undefined,
  options: EstimateOptions,
  allowed?: "binary",
): DomainSummary {
  const source = options.source ?? DEFAULT_SOURCE;
  checkDesign(design, source);
  const flags = domainFlags(design, domain, source);
  if (y.length !== design.n)
    throw new DataError({
      file: source,
      column: options.variable ?? "y",
      value: String(y.length),
      problem: `has ${y.length} values for a design of ${design.n} rows`,
      expected: `${design.n} values, one per row`,
    });
  return summarise(design, domainValues(y, flags, { ...options, n: design.n }, allowed), flags, source);
}

/**
 * Weighted mean of `y` in a domain, with linearised SE (as `svymean(~y, subset(design, domain))`).
 * `y` may be null outside the domain; a null inside is an error.
 * @example mean(design, income, isSmallFirm) // { value: 512.3, se: 8.1, ... }
 */
export function mean(
  design: DesignWeights,
  y: ArrayLike<number | null>,
  domain?: ArrayLike<boolean>,
  options: EstimateOptions = {},
): Estimate {
  return meanEstimate(design, maskSummary(design, y, domain, options), options, "wald");
}

/**
 * Weighted proportion of rows with y = 1 in a domain (y must be 0/1 there), with linearised SE and
 * by default svyciprop's logit interval.
 * @example proportion(design, usesAi) // { value: 0.44, se: 0.009, ciLow: 0.42, ... }
 */
export function proportion(
  design: DesignWeights,
  y: ArrayLike<number | null>,
  domain?: ArrayLike<boolean>,
  options: EstimateOptions = {},
): Estimate {
  return meanEstimate(design, maskSummary(design, y, domain, options, "binary"), options, "logit");
}

/**
 * Weighted total of `y` in a domain (as `svytotal(~y, subset(design, domain))`), with Wald t interval.
 * @example total(design, ones) // the domain's estimated population size
 */
export function total(
  design: DesignWeights,
  y: ArrayLike<number | null>,
  domain?: ArrayLike<boolean>,
  options: EstimateOptions = {},
): Estimate {
  return totalEstimate(design, maskSummary(design, y, domain, options), options);
}
