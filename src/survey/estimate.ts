/**
 * Weighted domain estimates (mean, proportion, total) with linearised standard errors that account
 * for calibration (raking) exactly as R's survey package does for
 * `calibrate(design, ~v1 + v2 + ..., population, calfun = "raking")` followed by
 * `svymean`/`svytotal` on `subset(design, domain)`:
 *
 * 1. the estimating function (influence) of the estimate is formed for every row; rows outside the
 *    domain get 0 but stay in the design;
 * 2. it is residualised on the calibration model (intercept + level indicators of every calibration
 *    variable), weighted by the base weights — R's `qr.resid(qr(mm * whalf), x / w) * w`;
 * 3. its variance is the one-stage with-replacement variance of PSU totals, times n/(n − 1)
 *    and the finite population correction (N − n)/N when the design has one.
 */

import { DataError } from "./errors";
import { pt, qbeta, qt } from "./distributions";
import type { DesignWeights } from "./types";

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

/** Confidence interval method: `logit` (svyciprop's default), `beta` (Korn–Graubard), `wald` (estimate ± t·SE). */
export type CiMethod = "logit" | "beta" | "wald";

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

const DEFAULT_SOURCE = "estimate input";

// ---------------------------------------------------------------------------------------------
// Design checks and domains
// ---------------------------------------------------------------------------------------------

/** Checks a design's arrays for consistent lengths and valid weights; throws a DataError otherwise. */
export function checkDesign(design: DesignWeights, source = "survey design"): void {
  const n = design.n;
  if (!Number.isInteger(n) || n < 1) throw new DataError({ file: source, column: "n", value: String(n), expected: "a positive integer number of rows" });
  if (design.weights.length !== n)
    throw new DataError({ file: source, column: "weights", value: String(design.weights.length), problem: `has ${design.weights.length} weights for ${n} rows`, expected: `${n} weights` });
  for (let i = 0; i < n; i++) {
    const w = design.weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new DataError({ file: source, row: i + 1, column: "weights", value: String(w), expected: "a finite non-negative weight" });
  }
  if (design.clusters !== null && design.clusters.length !== n)
    throw new DataError({ file: source, column: "clusters", value: String(design.clusters.length), problem: `has ${design.clusters.length} cluster ids for ${n} rows`, expected: `${n} cluster ids` });
  if (design.populationUnits !== null && !(design.populationUnits > 0))
    throw new DataError({ file: source, column: "populationUnits", value: String(design.populationUnits), expected: "a positive number of population units, or null" });
  const cal = design.calibration;
  if (cal !== null) {
    if (cal.baseWeights.length !== n)
      throw new DataError({ file: source, column: "calibration.baseWeights", value: String(cal.baseWeights.length), problem: `has ${cal.baseWeights.length} base weights for ${n} rows`, expected: `${n} base weights` });
    for (let i = 0; i < n; i++) {
      const d = cal.baseWeights[i];
      if (!(d > 0) || !Number.isFinite(d)) throw new DataError({ file: source, row: i + 1, column: "calibration.baseWeights", value: String(d), expected: "a finite positive base weight" });
      if (!(design.weights[i] > 0)) throw new DataError({ file: source, row: i + 1, column: "weights", value: String(design.weights[i]), expected: "a positive calibrated weight" });
    }
    for (const [name, codes] of Object.entries(cal.variables)) {
      if (codes.length !== n)
        throw new DataError({ file: source, column: name, value: String(codes.length), problem: `calibration variable has ${codes.length} values for ${n} rows`, expected: `${n} level codes` });
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(codes[i])) throw new DataError({ file: source, row: i + 1, column: name, value: String(codes[i]), expected: "a level code of the calibration variable" });
      }
    }
  }
}

/**
 * The domain as a boolean per row (all rows when `domain` is undefined); checks its length and
 * that it holds at least one row with positive weight.
 */
export function domainMask(design: DesignWeights, domain: ArrayLike<boolean> | undefined, source = DEFAULT_SOURCE): boolean[] {
  const n = design.n;
  if (domain === undefined) return new Array<boolean>(n).fill(true);
  if (domain.length !== n)
    throw new DataError({ file: source, column: "domain", value: String(domain.length), problem: `domain has ${domain.length} entries for a design of ${n} rows`, expected: `${n} booleans, one per row` });
  const mask = new Array<boolean>(n);
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const v = domain[i];
    if (v !== true && v !== false) throw new DataError({ file: source, row: i + 1, column: "domain", value: String(v), expected: "true or false" });
    mask[i] = v;
    if (v && design.weights[i] > 0) positive++;
  }
  if (positive === 0) throw new DataError({ file: source, column: "domain", problem: "the domain is empty (no row with positive weight)", expected: "at least one row in the domain" });
  return mask;
}

/** Reads y inside the domain as numbers; a null, NaN or non-finite value inside the domain is an error. */
function domainValues(y: ArrayLike<number | null>, mask: boolean[], options: EstimateOptions, allowed?: "binary"): Float64Array {
  const source = options.source ?? DEFAULT_SOURCE;
  const column = options.variable ?? "y";
  if (y.length !== mask.length)
    throw new DataError({ file: source, column, value: String(y.length), problem: `has ${y.length} values for a design of ${mask.length} rows`, expected: `${mask.length} values, one per row` });
  const out = new Float64Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = y[i];
    if (v === null || v === undefined)
      throw new DataError({ file: source, row: i + 1, column, value: "", problem: "value is empty inside the domain", expected: allowed === "binary" ? "0 or 1 for every row in the domain" : "a number for every row in the domain" });
    if (!Number.isFinite(v)) throw new DataError({ file: source, row: i + 1, column, value: String(v), expected: "a finite number" });
    if (allowed === "binary" && v !== 0 && v !== 1) throw new DataError({ file: source, row: i + 1, column, value: String(v), problem: `value "${v}" is not 0/1`, expected: "0 or 1 for a proportion" });
    out[i] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Linear algebra for the calibration residuals (p is small: one column per calibration level)
// ---------------------------------------------------------------------------------------------

/**
 * The calibration model matrix (intercept + treatment-contrast indicators of every calibration
 * variable) stored sparsely: for each row, the indices of its columns that are 1.
 */
interface CalibrationModel {
  /** Number of model columns. */
  p: number;
  /** Columns per row (`width` entries per row; −1 where the row is at a variable's first level). */
  rowColumns: Int32Array;
  width: number;
}

function calibrationModel(variables: Record<string, ArrayLike<number>>, n: number): CalibrationModel {
  const names = Object.keys(variables).sort();
  const width = 1 + names.length;
  const rowColumns = new Int32Array(n * width).fill(-1);
  let p = 1;
  for (let i = 0; i < n; i++) rowColumns[i * width] = 0;
  names.forEach((name, v) => {
    const codes = variables[name];
    const levels = Array.from(new Set(Array.from(codes))).sort((a, b) => a - b);
    const columnOfLevel = new Map<number, number>();
    for (const level of levels.slice(1)) columnOfLevel.set(level, p++);
    for (let i = 0; i < n; i++) rowColumns[i * width + 1 + v] = columnOfLevel.get(codes[i]) ?? -1;
  });
  return { p, rowColumns, width };
}

/**
 * Cholesky factor of a symmetric positive semi-definite matrix with rank-deficient pivots dropped:
 * returns L (lower) and which columns are kept (a column linearly dependent on earlier ones is dropped,
 * which leaves the column space — and so the residual — unchanged).
 */
function choleskyDropDependent(a: number[][]): { l: number[][]; keep: boolean[] } {
  const p = a.length;
  const l = a.map(() => new Array<number>(p).fill(0));
  const keep = new Array<boolean>(p).fill(true);
  for (let j = 0; j < p; j++) {
    let s = a[j][j];
    for (let k = 0; k < j; k++) if (keep[k]) s -= l[j][k] * l[j][k];
    if (!(s > 1e-10 * a[j][j]) || a[j][j] === 0) {
      keep[j] = false;
      continue;
    }
    l[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < p; i++) {
      let t = a[i][j];
      for (let k = 0; k < j; k++) if (keep[k]) t -= l[i][k] * l[j][k];
      l[i][j] = t / l[j][j];
    }
  }
  return { l, keep };
}

function choleskySolve(l: number[][], keep: boolean[], b: number[]): number[] {
  const p = b.length;
  const z = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    if (!keep[i]) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) if (keep[k]) s -= l[i][k] * z[k];
    z[i] = s / l[i][i];
  }
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    if (!keep[i]) continue;
    let s = z[i];
    for (let k = i + 1; k < p; k++) if (keep[k]) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/**
 * Residualises influence columns on the calibration model, as survey's `svyrecvar` does for a
 * `greg_calibration` stage-0 step: with d the base weights, g = w/d and m_i the model row,
 * e_i = x_i − w_i m_iᵀβ, β = (Σ d m mᵀ)⁻¹ Σ d m x/w. Returns the columns unchanged for a design
 * without calibration.
 */
export function calibrationResiduals(design: DesignWeights, influence: readonly Float64Array[]): Float64Array[] {
  const cal = design.calibration;
  if (cal === null) return influence.map((x) => Float64Array.from(x));
  const n = design.n;
  const d = cal.baseWeights;
  const w = design.weights;
  const { model, l, keep } = calibrationFactor(design);
  const { p, rowColumns, width } = model;
  const fitted = (beta: number[], i: number): number => {
    let s = 0;
    for (let k = i * width, end = k + width; k < end; k++) {
      const c = rowColumns[k];
      if (c >= 0) s += beta[c];
    }
    return s;
  };
  const rhs = (value: (i: number) => number): number[] => {
    const b = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const v = d[i] * value(i);
      if (v === 0) continue;
      for (let k = i * width, end = k + width; k < end; k++) {
        const c = rowColumns[k];
        if (c >= 0) b[c] += v;
      }
    }
    return b;
  };
  return influence.map((x) => {
    if (x.length !== n) throw new Error(`calibrationResiduals: influence column has ${x.length} rows, design has ${n}`);
    const u = new Float64Array(n); // x / w: the response of the base-weighted regression
    for (let i = 0; i < n; i++) u[i] = x[i] === 0 ? 0 : x[i] / w[i];
    // Solve, then one step of iterative refinement on the normal equations.
    let beta = choleskySolve(l, keep, rhs((i) => u[i]));
    const correction = choleskySolve(l, keep, rhs((i) => u[i] - fitted(beta, i)));
    beta = beta.map((b, a) => b + correction[a]);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) e[i] = x[i] - w[i] * fitted(beta, i);
    return e;
  });
}

/** The calibration model and the Cholesky factor of Σ d m mᵀ, cached per calibration object. */
const factorCache = new WeakMap<object, { baseWeights: Float64Array; model: CalibrationModel; l: number[][]; keep: boolean[] }>();

function calibrationFactor(design: DesignWeights): { model: CalibrationModel; l: number[][]; keep: boolean[] } {
  const cal = design.calibration;
  if (cal === null) throw new Error("calibrationFactor: design has no calibration");
  const cached = factorCache.get(cal);
  if (cached && cached.baseWeights === cal.baseWeights && cached.model.rowColumns.length === design.n * cached.model.width) return cached;
  const n = design.n;
  const d = cal.baseWeights;
  const model = calibrationModel(cal.variables, n);
  const { p, rowColumns, width } = model;
  const normal: number[][] = [];
  for (let a = 0; a < p; a++) normal.push(new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) {
    for (let k = i * width, end = k + width; k < end; k++) {
      const a = rowColumns[k];
      if (a < 0) continue;
      for (let m = i * width; m < end; m++) {
        const b = rowColumns[m];
        if (b >= 0) normal[a][b] += d[i];
      }
    }
  }
  const { l, keep } = choleskyDropDependent(normal);
  const entry = { baseWeights: d, model, l, keep };
  factorCache.set(cal, entry);
  return entry;
}

/**
 * The one-stage linearisation variance of estimating-function columns (already residualised):
 * PSU totals, centred over all PSUs of the design, times n/(n − 1) and (N − n)/N when the design
 * has `populationUnits`. As survey's `onestage` with one stratum. Returns the covariance matrix.
 */
export function psuCovariance(design: DesignWeights, e: readonly Float64Array[]): number[][] {
  const n = design.n;
  const k = e.length;
  let totals: Float64Array[];
  let nPsu: number;
  if (design.clusters === null) {
    totals = e.map((col) => Float64Array.from(col));
    nPsu = n;
  } else {
    const index = new Map<number, number>();
    const psuOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = design.clusters[i];
      let j = index.get(c);
      if (j === undefined) {
        j = index.size;
        index.set(c, j);
      }
      psuOf[i] = j;
    }
    nPsu = index.size;
    totals = e.map((col) => {
      const t = new Float64Array(nPsu);
      for (let i = 0; i < n; i++) t[psuOf[i]] += col[i];
      return t;
    });
  }
  const f = design.populationUnits === null ? 1 : (design.populationUnits - nPsu) / design.populationUnits;
  const scale = nPsu > 1 ? (f * nPsu) / (nPsu - 1) : f;
  const centred = totals.map((t) => {
    let s = 0;
    for (const v of t) s += v;
    const m = s / t.length;
    return t.map((v) => v - m);
  });
  const cov: number[][] = [];
  for (let a = 0; a < k; a++) cov.push(new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      const ca = centred[a];
      const cb = centred[b];
      for (let j = 0; j < ca.length; j++) s += ca[j] * cb[j];
      cov[a][b] = s * scale;
      cov[b][a] = s * scale;
    }
  }
  return cov;
}

/**
 * Covariance matrix of estimates given their estimating functions (influence columns, one value
 * per row of the design; 0 outside a domain): calibration residuals, then the PSU variance.
 * This is what `svyrecvar` computes; `compare.ts` and `multi.ts` use it for joint estimates.
 */
export function influenceCovariance(design: DesignWeights, influence: readonly Float64Array[]): number[][] {
  return psuCovariance(design, calibrationResiduals(design, influence));
}

/** R's `degf` on a subset: PSUs (rows, without clusters) with nonzero weight in the domain, minus 1. */
export function domainDegreesOfFreedom(design: DesignWeights, mask: readonly boolean[]): number {
  if (design.clusters === null) {
    let count = 0;
    for (let i = 0; i < design.n; i++) if (mask[i] && design.weights[i] !== 0) count++;
    return count - 1;
  }
  const psus = new Set<number>();
  for (let i = 0; i < design.n; i++) if (mask[i] && design.weights[i] !== 0) psus.add(design.clusters[i]);
  return psus.size - 1;
}

// ---------------------------------------------------------------------------------------------
// Estimates
// ---------------------------------------------------------------------------------------------

interface DomainSummary {
  mask: boolean[];
  values: Float64Array;
  weightSum: number;
  count: number;
  nonzero: number;
  mean: number;
  /** Weighted variance of y in the domain, with nonzero/(nonzero − 1), as R's svyvar. */
  variance: number;
}

function summarise(design: DesignWeights, y: ArrayLike<number | null>, domain: ArrayLike<boolean> | undefined, options: EstimateOptions, allowed?: "binary"): DomainSummary {
  checkDesign(design, options.source ?? DEFAULT_SOURCE);
  const mask = domainMask(design, domain, options.source ?? DEFAULT_SOURCE);
  const values = domainValues(y, mask, options, allowed);
  const w = design.weights;
  let weightSum = 0;
  let weighted = 0;
  let count = 0;
  let nonzero = 0;
  for (let i = 0; i < design.n; i++) {
    if (!mask[i]) continue;
    count++;
    if (w[i] !== 0) nonzero++;
    weightSum += w[i];
    weighted += w[i] * values[i];
  }
  const mean = weighted / weightSum;
  let ss = 0;
  for (let i = 0; i < design.n; i++) if (mask[i]) ss += w[i] * (values[i] - mean) * (values[i] - mean);
  const variance = nonzero > 1 ? (ss / weightSum) * (nonzero / (nonzero - 1)) : NaN;
  return { mask, values, weightSum, count, nonzero, mean, variance };
}

/**
 * R's `nrow(design)` for a domain, used by the Korn–Graubard interval: a subset of a calibrated
 * design keeps every row (out-of-domain rows get weight 0), a subset of an uncalibrated one drops them.
 */
export function designRows(design: DesignWeights, domainCount: number): number {
  return design.calibration === null ? domainCount : design.n;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** The t quantile for a two-sided interval; df < 1 gives an infinite half-width (R gives NaN/Inf there too). */
function tQuantile(level: number, df: number): number {
  if (!(df >= 1)) return Infinity;
  return qt(1 - (1 - level) / 2, df);
}

function deffOf(variance: number, s: DomainSummary, scaleSquared: number, method: "srswor" | "replace"): number {
  if (!(s.nonzero > 1) || !(s.variance > 0)) return NaN;
  const psum = s.weightSum;
  // R's deff = TRUE: svyvar * (psum - nobs)/(psum * nobs); falls back to with-replacement when psum < nobs.
  const factor = method === "replace" || psum < s.nonzero ? 1 / s.nonzero : (psum - s.nonzero) / (psum * s.nonzero);
  return variance / (s.variance * scaleSquared * factor);
}

function meanLike(design: DesignWeights, s: DomainSummary, options: EstimateOptions, defaultCi: CiMethod): Estimate {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const w = design.weights;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) if (s.mask[i]) x[i] = (w[i] * (s.values[i] - s.mean)) / s.weightSum;
  return fromInfluence(design, s, x, s.mean, level, options, 1, (se, df) =>
    confidenceInterval(s.mean, se, df, level, options.ci ?? defaultCi, designRows(design, s.count), s.nonzero),
  );
}

/**
 * The Estimate of `value` whose linearised influence values are `x`: variance after the calibration
 * step, SE, domain degrees of freedom, the interval `ci` gives, and the design effect (`deffScale` is
 * the squared scale of the statistic relative to a mean: 1 for a mean, (Σw)² for a total).
 */
function fromInfluence(
  design: DesignWeights,
  s: DomainSummary,
  x: Float64Array,
  value: number,
  level: number,
  options: EstimateOptions,
  deffScale: number,
  ci: (se: number, df: number) => [number, number],
): Estimate {
  const variance = influenceCovariance(design, [x])[0][0];
  const se = Math.sqrt(variance);
  const df = domainDegreesOfFreedom(design, s.mask);
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

/**
 * A confidence interval for an estimate with standard error `se` on `df` degrees of freedom.
 * `wald`: estimate ± t·se. `logit`: as `svyciprop(method = "logit")`, expit(logit p ± t·se/(p(1−p))).
 * `beta`: Korn–Graubard as `svyciprop(method = "beta")`, with effective size p(1−p)/se² adjusted by
 * (qt(α/2, designRows − 1)/qt(α/2, df))² — `designRows` is R's `nrow(design)` (see `designRows`).
 *
 * At p̂ = 0 or 1 the SE is 0: `logit` returns [p̂, p̂] (R's glm returns that up to rounding) and
 * `beta` uses `domainCount` as the effective size (a Clopper–Pearson interval; R returns NaN there).
 */
export function confidenceInterval(
  estimate: number,
  se: number,
  df: number,
  level: number,
  method: CiMethod,
  designRows: number,
  domainCount: number = designRows,
): [number, number] {
  const alpha = 1 - level;
  if (method === "wald") {
    const t = tQuantile(level, df);
    return [estimate - t * se, estimate + t * se];
  }
  if (!(estimate >= 0 && estimate <= 1)) throw new RangeError(`${method} interval needs a proportion in [0, 1], got ${estimate}`);
  if (method === "logit") {
    if (estimate === 0 || estimate === 1) return [estimate, estimate];
    const t = tQuantile(level, df);
    const logit = Math.log(estimate / (1 - estimate));
    const seLogit = se / (estimate * (1 - estimate));
    const expit = (z: number): number => 1 / (1 + Math.exp(-z));
    return [expit(logit - t * seLogit), expit(logit + t * seLogit)];
  }
  // Korn–Graubard.
  const p = estimate;
  let nEff = se > 0 ? (p * (1 - p)) / (se * se) : domainCount;
  if (df >= 1 && designRows > 1) {
    const ratio = qt(alpha / 2, designRows - 1) / qt(alpha / 2, df);
    nEff *= ratio * ratio;
  }
  const low = p === 0 ? 0 : qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1);
  const high = p === 1 ? 1 : qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p));
  return [low, high];
}

/**
 * Weighted mean of `y` in a domain, with linearised SE (as `svymean(~y, subset(design, domain))`).
 * `y` may be null outside the domain; a null inside is an error.
 * @example mean(design, income, isSmallFirm) // { estimate: 512.3, se: 8.1, ... }
 */
export function mean(design: DesignWeights, y: ArrayLike<number | null>, domain?: ArrayLike<boolean>, options: EstimateOptions = {}): Estimate {
  const s = summarise(design, y, domain, options);
  return meanLike(design, s, options, "wald");
}

/**
 * Weighted proportion of rows with y = 1 in a domain (y must be 0/1 there), with linearised SE and
 * by default svyciprop's logit interval.
 * @example proportion(design, usesAi) // { estimate: 0.44, se: 0.009, ciLow: 0.42, ... }
 */
export function proportion(design: DesignWeights, y: ArrayLike<number | null>, domain?: ArrayLike<boolean>, options: EstimateOptions = {}): Estimate {
  const s = summarise(design, y, domain, options, "binary");
  return meanLike(design, s, options, "logit");
}

/**
 * Weighted total of `y` in a domain (as `svytotal(~y, subset(design, domain))`), with Wald t interval.
 * @example total(design, ones) // the domain's estimated population size
 */
export function total(design: DesignWeights, y: ArrayLike<number | null>, domain?: ArrayLike<boolean>, options: EstimateOptions = {}): Estimate {
  const s = summarise(design, y, domain, options);
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (options.ci !== undefined && options.ci !== "wald") throw new RangeError(`total: only the "wald" interval applies to a total, got "${options.ci}"`);
  const w = design.weights;
  const x = new Float64Array(design.n);
  let tot = 0;
  for (let i = 0; i < design.n; i++) {
    if (!s.mask[i]) continue;
    x[i] = w[i] * s.values[i];
    tot += x[i];
  }
  return fromInfluence(design, s, x, tot, level, options, s.weightSum * s.weightSum, (se, df) =>
    confidenceInterval(tot, se, df, level, "wald", design.n),
  );
}

/** Two-sided p-value of a t statistic on df degrees of freedom (Infinity for the normal). */
export function twoSidedP(t: number, df: number): number {
  return 2 * pt(-Math.abs(t), df);
}
