/** Weighted domain means, shares and totals with linearised SEs, as R's `svymean`/`svytotal`/`svyciprop`. */

import { emptyDomain } from "./errors";
import { checkLevel, confidenceInterval, type CiMethod } from "./intervals";
import type { DesignWeights } from "./types";
import { degreesOfFreedom, designCovariance, type DomainRows, type Influence } from "./variance";

/** A weighted estimate (a proportion 0–1, a mean or a total) with its linearised SE and confidence interval. */
export interface Estimate {
  value: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Degrees of freedom of the t quantile: PSUs with nonzero weight in the domain − 1 (R's `degf` on a subset). */
  df: number;
  /** Unweighted rows and sum of weights in the domain. */
  n: number;
  weightedBase: number;
  /** Design effect as R's `svymean(..., deff = TRUE)` (or `deff = "replace"` with `deffMethod: "replace"`). */
  deff: number;
}

/** Rows in a domain: 1 in, 0 out; null when the domain is every row. */
export type DomainFlags = Uint8Array | null;

/** Options of the estimates: interval, level, deff reference (`srswor`, R's `deff = TRUE`, or `replace`), names. */
export interface EstimateOptions {
  ci?: CiMethod;
  level?: number;
  deffMethod?: "srswor" | "replace";
  /** The file or table and the variable, for error messages. */
  source?: string;
  variable?: string;
  /** Degrees of freedom instead of the domain's (`naRm` keeps the design's, as R). */
  df?: number;
}

/** What an estimator needs of y in the domain: its sums, weighted mean and variance (R's svyvar), and y itself. */
export interface DomainSummary {
  domain: DomainFlags;
  /** y per row (0 outside the domain); null when y is a 0/1 answer held in `group` (1, 0, −1 outside the domain). */
  values: Float64Array | null;
  weightSum: number;
  count: number;
  nonzero: number;
  mean: number;
  variance: number;
  /** Σ w y over the domain. */
  total: number;
  /** Whether every value in the domain is 0 or 1 (then the influence is grouped by the value). */
  binary: boolean;
  group: Int32Array | null;
  /** The domain's rows and what lies outside it, when several estimates share the domain. */
  domainRows?: DomainRows;
}

/** Sums of y over a domain's rows (taken in row order): Σ w, Σ w y, rows, rows of nonzero weight. */
export interface DomainSums {
  weightSum: number;
  weighted: number;
  count: number;
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

/** R's `nrow(design)` of a domain: all rows of a calibrated design, else the domain's: `designRows(raked, 120)`. */
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

/** The influence w_i (y_i − centre) / scale in the domain (0 outside), grouped by the value when y is 0/1. */
function influenceOf(design: DesignWeights, s: DomainSummary, centre: number, scale: number): Influence {
  const { domain } = s;
  const w = design.weights;
  if (s.binary) {
    let group = s.group;
    if (group === null) {
      const values = valuesOf(s);
      group = new Int32Array(design.n);
      for (let i = 0; i < design.n; i++) group[i] = domain !== null && domain[i] === 0 ? -1 : values[i];
    }
    const values = Float64Array.of((0 - centre) / scale, (1 - centre) / scale);
    return { rowWeight: w, group, groups: 2, columns: 1, values, domainRows: s.domainRows };
  }
  const values = valuesOf(s);
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++)
    if (domain === null || domain[i] === 1) x[i] = (w[i] * (values[i] - centre)) / scale;
  return [x];
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
  const rows = designRows(design, s.count);
  return fromInfluence(design, s, false, options, (se, df, level) =>
    confidenceInterval(s.mean, se, df, level, options.ci ?? defaultCi, rows, s.nonzero),
  );
}

/**
 * The Estimate of a domain total Σ w y from its summary (Wald t interval only).
 * @example totalEstimate(design, summarise(design, values, null), {})
 */
export function totalEstimate(design: DesignWeights, s: DomainSummary, options: EstimateOptions): Estimate {
  if (options.ci !== undefined && options.ci !== "wald")
    throw new RangeError(`total: only the "wald" interval applies to a total, got "${options.ci}"`);
  return fromInfluence(design, s, true, options, (se, df, level) =>
    confidenceInterval(s.total, se, df, level, "wald", design.n),
  );
}

/** The Estimate of a domain mean or (`total`) total from its influence. */
function fromInfluence(
  design: DesignWeights,
  s: DomainSummary,
  total: boolean,
  options: EstimateOptions,
  ci: (se: number, df: number, level: number) => [number, number],
): Estimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const x = total ? influenceOf(design, s, 0, 1) : influenceOf(design, s, s.mean, s.weightSum);
  const variance = designCovariance(design, x)[0][0];
  const se = Math.sqrt(variance);
  const df =
    options.df ?? (design.clusters === null && !design.sampling ? s.nonzero - 1 : degreesOfFreedom(design, s.domain));
  const [ciLow, ciHigh] = ci(se, df, level);
  const deff = deffOf(variance, s, total ? s.weightSum * s.weightSum : 1, options.deffMethod ?? "srswor");
  return { value: total ? s.total : s.mean, se, ciLow, ciHigh, level, df, n: s.count, weightedBase: s.weightSum, deff };
}
