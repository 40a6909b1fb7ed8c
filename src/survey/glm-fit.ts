/** R's `glm.fit` for svyglm: IRLS with R's start, stopping rule and working weights, for three families. */

import type { ModelMatrix, RowPatterns } from "./model-matrix";
import { cholesky, solveSymmetric } from "./linalg";

/** The families of `svyglm` (R's `gaussian()`, `quasibinomial()`, `quasipoisson()`). */
export type GlmFamily = "gaussian" | "quasibinomial" | "quasipoisson";

/** A family's link, variance, deviance residuals and start, as R's (`binomial()`'s C code for the logit). */
interface FamilyFunctions {
  linkfun: (mu: number) => number;
  linkinv: (eta: number) => number;
  muEta: (eta: number) => number;
  variance: (mu: number) => number;
  devResid: (y: number, mu: number, wt: number) => number;
  mustart: (y: number, wt: number) => number;
}

const EPS = 2.220446049250313e-16;
const ylogy = (y: number, mu: number) => (y !== 0 ? y * Math.log(y / mu) : 0);

/** R's family objects of the three families. */
export const families: Record<GlmFamily, FamilyFunctions> = {
  gaussian: {
    linkfun: (mu) => mu,
    linkinv: (eta) => eta,
    muEta: () => 1,
    variance: () => 1,
    devResid: (y, mu, wt) => wt * (y - mu) ** 2,
    mustart: (y) => y,
  },
  quasibinomial: {
    linkfun: (mu) => Math.log(mu / (1 - mu)),
    linkinv: (eta) => {
      const t = eta < -30 ? EPS : eta > 30 ? 1 / EPS : Math.exp(eta);
      return t / (1 + t);
    },
    muEta: (eta) => {
      if (eta > 30 || eta < -30) return EPS;
      const e = Math.exp(eta);
      return e / ((1 + e) * (1 + e));
    },
    variance: (mu) => mu * (1 - mu),
    devResid: (y, mu, wt) => 2 * wt * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
    mustart: (y, wt) => (wt * y + 0.5) / (wt + 1),
  },
  quasipoisson: {
    linkfun: (mu) => Math.log(mu),
    linkinv: (eta) => Math.max(Math.exp(eta), EPS),
    muEta: (eta) => Math.max(Math.exp(eta), EPS),
    variance: (mu) => mu,
    devResid: (y, mu, wt) => 2 * (y > 0 ? wt * (y * Math.log(y / mu) - (y - mu)) : mu * wt),
    mustart: (y) => y + 0.1,
  },
};

/**
 * A fitted GLM: β, η, μ, R's `glm$weights` (`wt`) and working `residuals`, `ainv` R's `cov.unscaled`, and whether it
 * converged and whether the columns were linearly dependent (R: NA coefficients).
 */
export interface GlmFit {
  beta: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  wt: Float64Array;
  residuals: Float64Array;
  ainv: Float64Array;
  converged: boolean;
  singular: boolean;
}

interface Rows {
  y: Float64Array;
  weights: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
}

/** Adds row i's x with working weight wi and wi·z to XᵀWX (`a`) and XᵀWz (`b`). */
function addRow(X: ModelMatrix, i: number, wi: number, wz: number, a: Float64Array, b: Float64Array): void {
  const { p, width, cols, vals } = X;
  for (let k = i * width, end = k + width; k < end; k++) {
    const c = cols[k];
    if (c < 0) continue;
    b[c] += wz * vals[k];
    const v = wi * vals[k];
    for (let l = i * width; l < end; l++) if (cols[l] >= 0) a[c * p + cols[l]] += v * vals[l];
  }
}

/** What a step adds to: XᵀWX (`a`) and XᵀWz (`b`) by rows, or per pattern `sums` (weights, then w·z); and `wt`. */
interface StepSums {
  X: ModelMatrix;
  pattern: Int32Array | null;
  sums: Float64Array;
  a: Float64Array;
  b: Float64Array;
  wt: Float64Array;
}

/** R's working weights and w·z of each row from its η and μ, or `fromStart` from R's; the deviance at the start. */
function stepRows(family: FamilyFunctions, r: Rows, step: StepSums, fromStart: boolean): number {
  const { y, weights, eta, mu } = r;
  const { X, pattern, sums, a, b, wt } = step;
  const half = sums.length / 2;
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    const e = fromStart ? family.linkfun(family.mustart(y[i], weights[i])) : eta[i];
    const u = fromStart ? family.linkinv(e) : mu[i];
    if (fromStart && weights[i] > 0) dev += family.devResid(y[i], u, weights[i]);
    const m = family.muEta(e);
    const wi = weights[i] > 0 ? (weights[i] * m * m) / family.variance(u) : 0;
    wt[i] = wi;
    if (wi === 0) continue;
    const wz = wi * (e + (y[i] - u) / m);
    if (pattern === null) addRow(X, i, wi, wz, a, b);
    else {
      sums[pattern[i]] += wi;
      sums[half + pattern[i]] += wz;
    }
  }
  return dev;
}

/**
 * R's `glm.fit(X, y, weights, start)`: IRLS, at most 25 steps, to |dev − devold| / (|dev| + 0.1) < 1e-8; X has a row
 * per data row (`rows` null) or per pattern.
 * @example irls(X, y, weights, families.quasibinomial, null).beta
 */
export function irls(
  X: ModelMatrix,
  y: Float64Array,
  weights: Float64Array,
  family: FamilyFunctions,
  rows: RowPatterns | null,
  start?: Float64Array,
): GlmFit {
  const { p, width, cols, vals } = X;
  const n = y.length;
  const r: Rows = { y, weights, eta: new Float64Array(n), mu: new Float64Array(n) };
  const { eta, mu } = r;
  // rows of one pattern with a 0/1 response share η, μ and working weight: after R's first step, sums run by cells
  const count = rows?.first.length ?? 0;
  const [etaCell, muCell, muEtaCell, varianceCell, w0, w1] = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(count));
  const cells = rows !== null && cellWeights(y, weights, rows.pattern, w0, w1) ? rows : null;
  let byCell = false;
  const linear = (beta: Float64Array, i: number) => {
    let s = 0;
    for (let k = i * width, end = k + width; k < end; k++) if (cols[k] >= 0) s += beta[cols[k]] * vals[k];
    return s;
  };
  const setEta = (beta: Float64Array) => {
    if (cells !== null) {
      cells.first.forEach((i, g) => {
        etaCell[g] = linear(beta, i);
        muCell[g] = family.linkinv(etaCell[g]);
        muEtaCell[g] = family.muEta(etaCell[g]);
        varianceCell[g] = family.variance(muCell[g]);
      });
      byCell = true;
      return;
    }
    for (let i = 0; i < n; i++) {
      eta[i] = linear(beta, rows === null ? i : rows.first[rows.pattern[i]]);
      mu[i] = family.linkinv(eta[i]);
    }
  };
  const deviance = () => {
    let d = 0;
    if (byCell)
      for (let g = 0; g < count; g++)
        d += w1[g] * family.devResid(1, muCell[g], 1) + w0[g] * family.devResid(0, muCell[g], 1);
    else for (let i = 0; i < n; i++) if (weights[i] > 0) d += family.devResid(y[i], mu[i], weights[i]);
    return d;
  };
  let devold = 0;
  if (start) {
    setEta(start);
    devold = deviance();
  }
  const wt = new Float64Array(n);
  let beta = new Float64Array(p);
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const [lastMuEta, lastVariance] = [new Float64Array(count), new Float64Array(count)];
  const sums = new Float64Array(2 * count);
  const step: StepSums = { X, pattern: rows?.pattern ?? null, sums, a, b, wt };
  let converged = false;
  let singular = false;
  let lastByCell = false;
  for (let iter = 0; iter < 25 && !converged; iter++) {
    a.fill(0);
    b.fill(0);
    lastByCell = byCell;
    if (cells !== null && byCell) {
      lastMuEta.set(muEtaCell);
      lastVariance.set(varianceCell);
      cells.first.forEach((i, g) => {
        const [m, weight] = [muEtaCell[g], w0[g] + w1[g]];
        const unit = (m * m) / varianceCell[g];
        if (weight > 0)
          addRow(X, i, weight * unit, unit * (weight * etaCell[g] + (w1[g] - weight * muCell[g]) / m), a, b);
      });
    } else {
      sums.fill(0);
      if (iter === 0 && !start) devold = stepRows(family, r, step, true);
      else stepRows(family, r, step, false);
      rows?.first.forEach((i, g) => sums[g] !== 0 && addRow(X, i, sums[g], sums[count + g], a, b));
    }
    if (cholesky(a, p).keep.some((k) => k === 0)) {
      singular = true;
      break;
    }
    beta = solveSymmetric(a, b, p, 1);
    setEta(beta);
    const dev = deviance();
    if (!Number.isFinite(dev)) break;
    converged = Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8;
    devold = dev;
  }
  const residuals = new Float64Array(n);
  if (cells !== null && byCell) {
    const cell = { etaCell, muCell, muEtaCell, lastMuEta: lastByCell ? lastMuEta : null, lastVariance };
    expandCells(r, cells.pattern, cell, wt, residuals);
  } else for (let i = 0; i < n; i++) residuals[i] = (y[i] - mu[i]) / family.muEta(eta[i]);
  const identity = new Float64Array(p * p);
  for (let j = 0; j < p; j++) identity[j * p + j] = 1;
  const ainv = singular ? new Float64Array(p * p).fill(NaN) : solveSymmetric(a, identity, p, p);
  return { beta, eta, mu, wt, residuals, ainv, converged, singular };
}

/** Each pattern's prior weights with y = 0 (`w0`) and y = 1 (`w1`); false (sums unfinished) when a y is not 0 or 1. */
function cellWeights(y: Float64Array, weights: Float64Array, pattern: Int32Array, w0: Float64Array, w1: Float64Array) {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) return false;
    if (weights[i] > 0) (y[i] === 1 ? w1 : w0)[pattern[i]] += weights[i];
  }
  return true;
}

/** Each row's η, μ and working residual from its cell, and its working weight when the last step ran by cells. */
function expandCells(
  r: Rows,
  pattern: Int32Array,
  cell: Record<"etaCell" | "muCell" | "muEtaCell" | "lastVariance", Float64Array> & { lastMuEta: Float64Array | null },
  wt: Float64Array,
  residuals: Float64Array,
): void {
  const { y, weights, eta, mu } = r;
  const { etaCell, muCell, muEtaCell, lastMuEta, lastVariance } = cell;
  for (let i = 0; i < y.length; i++) {
    const g = pattern[i];
    eta[i] = etaCell[g];
    mu[i] = muCell[g];
    residuals[i] = (y[i] - muCell[g]) / muEtaCell[g];
    if (lastMuEta !== null) wt[i] = weights[i] > 0 ? (weights[i] * lastMuEta[g] * lastMuEta[g]) / lastVariance[g] : 0;
  }
}
