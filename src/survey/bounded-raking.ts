/**
 * Bounded raking on the cell table: g = clip(exp(x'λ), lo, hi), the method of R's
 * `calibrate(design, formula, population, calfun = "raking", bounds = c(lo, hi))` (`survey:::grake`),
 * solved by Newton's method on the convex dual with a line search added for robustness.
 */

import { ConvergenceError } from "./errors";
import { ipfSweeps } from "./ipf";
import { pseudoSolve } from "./linalg";
import { achievedTotals, unmet, worstError, type CellTable, type VariableMargins } from "./rake-cells";

/**
 * Bounded raking: g = clip(exp(x'λ), lo, hi) with x the level indicators (intercept plus non-reference levels, as R's
 * model matrix), solved by Newton's method on the convex dual φ(λ) = Σ_c d_c Ψ(x_c'λ) − λ'T (Ψ' = clipped exp), with a
 * pseudo-inverse for singular steps (as grake's `MASS::ginv`) and a backtracking line search.
 * @example boundedNewton(vars, table, 177677, 0.5, 2, 1e-10, 100).g // the cell adjustments
 */
export function boundedNewton(
  vars: VariableMargins[],
  table: CellTable,
  total: number,
  lo: number,
  hi: number,
  tolerance: number,
  maxIterations: number,
): { g: Float64Array; iterations: number; scale: number } {
  const m = table.weight.length;
  // parameter layout as R's model matrix with treatment contrasts: 0 = intercept, then every level
  // but the reference (the smallest code) of each variable
  const nv = vars.length;
  const param: Int32Array[] = []; // param[k][l]: parameter of level l of variable k, −1 for the reference
  let p = 1;
  for (const v of vars) {
    const reference = v.levels.indexOf(Math.min(...v.levels));
    param.push(Int32Array.from(v.levels, (_, l) => (l === reference ? -1 : p++)));
  }
  const target = new Float64Array(p);
  target[0] = total;
  vars.forEach((v, k) => v.targets.forEach((t, l) => param[k][l] >= 0 && (target[param[k][l]] = t)));
  // active parameters of each cell
  const cellParams: Int32Array[] = [];
  for (let c = 0; c < m; c++) {
    const list = [0];
    for (let k = 0; k < nv; k++) {
      const j = param[k][table.levelIndex[k][c]];
      if (j >= 0) list.push(j);
    }
    cellParams.push(Int32Array.from(list));
  }
  // grake's rescaling: when every population total exceeds 20 times its sample total, the weights
  // are multiplied by the mean ratio first, and the bounds apply relative to the rescaled weights
  const sampleTotal = new Float64Array(p);
  for (let c = 0; c < m; c++) for (const j of cellParams[c]) sampleTotal[j] += table.weight[c];
  const scales = Array.from(target, (t, j) => t / sampleTotal[j]);
  const scale = Math.min(...scales) > 20 ? scales.reduce((a, b) => a + b, 0) / p : 1;
  const weight = table.weight.map((d) => d * scale);
  const logLo = lo > 0 ? Math.log(lo) : -Infinity;
  const logHi = Number.isFinite(hi) ? Math.log(hi) : Infinity;
  const F = (u: number): number => Math.min(Math.max(Math.exp(u), lo), hi);
  const dF = (u: number): number => (u > logLo && u < logHi ? Math.exp(u) : 0);
  /** Ψ with Ψ' = F: the dual's per-cell term (continuous, convex). */
  const Psi = (u: number): number => {
    if (u < logLo) return lo * u + lo - lo * logLo;
    if (u > logHi) return hi * u + hi - hi * logHi;
    return Math.exp(u);
  };

  const linear = (lam: Float64Array): Float64Array => {
    const u = new Float64Array(m);
    for (let c = 0; c < m; c++) {
      let sum = 0;
      for (const j of cellParams[c]) sum += lam[j];
      u[c] = sum;
    }
    return u;
  };
  /** Dual objective, its gradient (achieved − target per parameter) and the gradient's norm at λ. */
  const evaluate = (lam: Float64Array) => {
    const u = linear(lam);
    let phi = 0;
    let phiScale = 0;
    const grad = new Float64Array(p);
    for (let c = 0; c < m; c++) {
      const d = weight[c];
      const psi = d * Psi(u[c]);
      phi += psi;
      phiScale += Math.abs(psi);
      const f = d * F(u[c]);
      for (const j of cellParams[c]) grad[j] += f;
    }
    for (let j = 0; j < p; j++) {
      phi -= lam[j] * target[j];
      phiScale += Math.abs(lam[j] * target[j]);
      grad[j] -= target[j];
    }
    return { lam, u, phi, phiScale, grad, gradNorm: Math.sqrt(dot(grad, grad)) };
  };
  const cellG = (u: Float64Array): Float64Array => u.map((x) => F(x) * scale);

  // Start from the unbounded raking solution (log g is additive in the levels), clipped by F;
  // if that is unavailable (zero targets), from the common factor total / Σd.
  const start = new Float64Array(p);
  const free = ipfSweeps(vars, table, 1e-8, 200);
  if (free.factors.every((f) => f.every((x) => x > 0 && Number.isFinite(x)))) {
    start[0] = -Math.log(scale);
    vars.forEach((v, k) => {
      const ref = param[k].indexOf(-1);
      const logRef = Math.log(free.factors[k][ref]);
      start[0] += logRef;
      v.levels.forEach((_, l) => param[k][l] >= 0 && (start[param[k][l]] = Math.log(free.factors[k][l]) - logRef));
    });
  } else {
    start[0] = Math.log(total / weight.reduce((a, b) => a + b, 0));
  }
  let current = evaluate(start);
  for (let iter = 1; iter <= maxIterations; iter++) {
    // generalised Hessian: cells strictly inside the bounds
    const hess = new Float64Array(p * p);
    const diag = new Float64Array(p);
    for (let c = 0; c < m; c++) {
      const df = dF(current.u[c]) * weight[c];
      const params = cellParams[c];
      const f = F(current.u[c]) * weight[c];
      for (const j of params) {
        diag[j] += f;
        if (df !== 0) for (const k of params) hess[j * p + k] += df;
      }
    }
    const grad = current.grad;
    let step = pseudoSolve(hess, grad, p); // Newton: H·step = grad, λ ← λ − step
    let slope = dot(grad, step);
    if (!(slope > 1e-300)) {
      // no Newton descent direction (a level's cells all at a bound): diagonally scaled gradient
      step = grad.map((x, j) => x / Math.max(diag[j], 1e-300));
      slope = dot(grad, step);
    }
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 60; halvings++) {
      const trial = evaluate(current.lam.map((x, j) => x - t * step[j]));
      const armijo = trial.phi <= current.phi - 1e-4 * t * slope;
      // near the solution φ stops changing beyond rounding: then accept any step that reduces the misfit
      const flat = Math.abs(trial.phi - current.phi) <= 1e-12 * current.phiScale && trial.gradNorm < current.gradNorm;
      if (Number.isFinite(trial.phi) && (armijo || flat)) {
        current = trial;
        accepted = true;
        break;
      }
      t /= 2;
    }
    const achieved = achievedTotals(vars, table, cellG(current.u));
    if (worstError(vars, achieved, total) <= tolerance) return { g: cellG(current.u), iterations: iter, scale };
    if (!accepted) {
      throw new ConvergenceError(
        `Bounded raking (Newton, bounds [${lo}, ${hi}]; no further progress possible)`,
        iter,
        tolerance,
        unmet(vars, achieved),
      );
    }
  }
  throw new ConvergenceError(
    `Bounded raking (Newton, bounds [${lo}, ${hi}])`,
    maxIterations,
    tolerance,
    unmet(vars, achievedTotals(vars, table, cellG(current.u))),
  );
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
