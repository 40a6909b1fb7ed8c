/** R's calibration on a model matrix: `regcalibrate` (linear, unbounded) and `grake` (Newton on g = 1 + F(xᵀη)). */

import { cholesky, choleskySolve, pseudoSolve } from "./linalg";
import { columnTotals, crossProduct, type ModelMatrix } from "./model-matrix";

/** R's calibration functions. */
export type Calfun = "linear" | "raking" | "logit";

/** F(u) = g − 1 and its derivative for each calibration function (R's `cal.linear`, `cal.raking`, `cal.logit`). */
function calfunOf(calfun: Calfun, lo: number, hi: number): { F: (u: number) => number; dF: (u: number) => number } {
  const inside = (u: number) => u < hi - 1 && u > lo - 1;
  if (calfun === "linear") return { F: (u) => Math.min(Math.max(u + 1, lo), hi) - 1, dF: (u) => (inside(u) ? 1 : 0) };
  if (calfun === "raking")
    return { F: (u) => Math.min(Math.max(Math.exp(u), lo), hi) - 1, dF: (u) => (inside(u) ? Math.exp(u) : 0) };
  const A = (hi - lo) / ((hi - 1) * (1 - lo));
  return {
    F: (u) => {
      const e = Math.exp(A * u);
      return (lo * (hi - 1) + hi * (1 - lo) * e) / (hi - 1 + (1 - lo) * e) - 1;
    },
    dF: (u) => {
      const e = Math.exp(A * u);
      const den = hi - 1 + (1 - lo) * e;
      return (hi * (1 - lo) * e * A) / den - ((lo * (hi - 1) + hi * (1 - lo) * e) * ((1 - lo) * e * A)) / (den * den);
    },
  };
}

/** g, and whether max |misfit| / (1 + |population|) fell below epsilon; Σ d m mᵀ when the linear closed form ran. */
interface GrakeResult {
  g: Float64Array;
  iterations: number;
  misfit: number;
  converged: boolean;
  normal?: Float64Array;
}

/**
 * The adjustments g (weights d·g) to `population` on `X`, as R's `calibrate()`: linear unbounded in closed form, else
 * `grake`'s Newton from η = 0 with its step halving, stopping rule and rescaling (all totals > 20× the sample's).
 * @example grake(X, d, [6194, 755, 1018], "linear", [-Infinity, Infinity], 1e-7, 50).g
 */
export function grake(
  X: ModelMatrix,
  d: ArrayLike<number>,
  population: ArrayLike<number>,
  calfun: Calfun,
  bounds: readonly [number, number],
  epsilon: number,
  maxit: number,
): GrakeResult {
  const { n, p, width, cols, vals } = X;
  let sampleTotal = columnTotals(X, d);
  const [lo, hi] = bounds;
  const xeta = (eta: Float64Array) => {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = i * width, end = k + width; k < end; k++) if (cols[k] >= 0) s += vals[k] * eta[cols[k]];
      u[i] = s;
    }
    return u;
  };
  const diff = Float64Array.from(population, (t, j) => t - sampleTotal[j]);
  if (calfun === "linear" && lo === -Infinity && hi === Infinity) {
    const normal = crossProduct(X, d);
    const g = xeta(choleskySolve(cholesky(normal, p), diff));
    for (let i = 0; i < n; i++) g[i] += 1;
    return { g, iterations: 1, misfit: 0, converged: true, normal };
  }
  const scales = Array.from(population, (t, j) => t / sampleTotal[j]);
  const scale = Math.min(...scales) > 20 ? scales.reduce((a, b) => a + b, 0) / p : 1;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = d[i] * scale;
  sampleTotal = sampleTotal.map((t) => t * scale);
  const { F, dF } = calfunOf(calfun, lo, hi);
  let eta = new Float64Array(p);
  let u = new Float64Array(n);
  /** w·F(u) or w·F'(u) per row. */
  const weighted = (u: Float64Array, f: (u: number) => number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = w[i] * f(u[i]);
    return out;
  };
  const misfitOf = (u: Float64Array) => {
    const achieved = columnTotals(X, weighted(u, F));
    return Float64Array.from(population, (t, j) => t - sampleTotal[j] - achieved[j]);
  };
  const finite = (u: Float64Array) => {
    for (let i = 0; i < n; i++) if (!Number.isFinite(F(u[i])) || !Number.isFinite(dF(u[i]))) return false;
    return true;
  };
  let iter = 1;
  let worst = Infinity;
  for (;;) {
    const tmat = crossProduct(X, weighted(u, dF));
    const step = pseudoSolve(tmat, misfitOf(u), p);
    eta = eta.map((e, j) => e + step[j]);
    u = xeta(eta);
    while (iter < maxit && !finite(u)) {
      iter++;
      for (let j = 0; j < p; j++) step[j] /= 2;
      eta = eta.map((e, j) => e - step[j]);
      u = xeta(eta);
    }
    const misfit = misfitOf(u);
    worst = Math.max(...Array.from(misfit, (m, j) => Math.abs(m) / (1 + Math.abs(population[j]))));
    if (worst < epsilon) break;
    if (++iter > maxit) break;
  }
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = (1 + F(u[i])) * scale;
  return { g, iterations: iter, misfit: worst, converged: worst < epsilon };
}
