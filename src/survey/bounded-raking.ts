/**
 * The two raking algorithms on the cell table: IPF (R's `rake()` run to convergence) and bounded raking,
 * g = clip(exp(x'λ), lo, hi) as R's `calibrate(calfun = "raking", bounds =)`, by Newton on the convex dual.
 */

import { pseudoSolve } from "./linalg";
import { achievedTotals, notConverged, worstError, type CellTable, type VariableMargins } from "./rake-cells";

/**
 * IPF (Deming–Stephan) sweeps until `tolerance` or `maxIterations`; per-level factors give g_c = Π_v factor_v[level].
 * @example ipfSweeps(vars, table, 1e-8, 200).converged // true
 */
export function ipfSweeps(vars: VariableMargins[], table: CellTable, tolerance: number, maxIterations: number) {
  const m = table.weight.length;
  const g = new Float64Array(m).fill(1);
  const factors = vars.map((v) => new Float64Array(v.levels.length).fill(1));
  const total = vars[0].targets.reduce((a, b) => a + b, 0);
  for (let iter = 1; iter <= maxIterations; iter++) {
    vars.forEach((v, k) => {
      const li = table.levelIndex[k];
      const achieved = new Float64Array(v.levels.length);
      for (let c = 0; c < m; c++) achieved[li[c]] += table.weight[c] * g[c];
      const ratio = v.targets.map((t, l) => (t === 0 ? 0 : achieved[l] > 0 ? t / achieved[l] : 1));
      ratio.forEach((r, l) => (factors[k][l] *= r));
      for (let c = 0; c < m; c++) g[c] *= ratio[li[c]];
    });
    if (worstError(vars, achievedTotals(vars, table, g), total) <= tolerance)
      return { g, factors, iterations: iter, converged: true };
  }
  return { g, factors, iterations: maxIterations, converged: false };
}

/**
 * Bounded raking, x the level indicators (as R's model matrix): Newton on φ(λ) = Σ_c d_c Ψ(x_c'λ) − λ'T (Ψ' = clipped
 * exp), a pseudo-inverse for singular steps (grake's `MASS::ginv`) and a line search.
 * @example boundedNewton(vars, table, [0.5, 2], 1e-10, 100).g // the cell adjustments
 */
export function boundedNewton(
  vars: VariableMargins[],
  table: CellTable,
  [lo, hi]: readonly [number, number],
  tolerance: number,
  maxIterations: number,
): { g: Float64Array; iterations: number; scale: number } {
  const m = table.weight.length;
  const total = vars[0].targets.reduce((a, b) => a + b, 0);
  // parameters as R's treatment contrasts: 0 the intercept, then each level but the smallest code (param −1)
  let p = 1;
  const param = vars.map((v) => {
    const reference = v.levels.indexOf(Math.min(...v.levels));
    return Int32Array.from(v.levels, (_, l) => (l === reference ? -1 : p++));
  });
  const target = new Float64Array(p);
  target[0] = total;
  vars.forEach((v, k) => v.targets.forEach((t, l) => param[k][l] >= 0 && (target[param[k][l]] = t)));
  const cellParams = Array.from({ length: m }, (_, c) =>
    Int32Array.from([0, ...param.map((pk, k) => pk[table.levelIndex[k][c]]).filter((j) => j >= 0)]),
  );
  // grake's rescaling: when every population total exceeds 20 × its sample total, weights × the mean ratio first
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
  /** Dual objective, its gradient (achieved − target per parameter) and the gradient's norm at λ. */
  const evaluate = (lam: Float64Array) => {
    const u = Float64Array.from(cellParams, (params) => params.reduce((sum, j) => sum + lam[j], 0));
    let phi = 0;
    let phiScale = 0;
    const grad = new Float64Array(p);
    for (let c = 0; c < m; c++) {
      const psi = weight[c] * Psi(u[c]);
      phi += psi;
      phiScale += Math.abs(psi);
      const f = weight[c] * F(u[c]);
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
  // start from the unbounded raking (log g additive in the levels), else (zero targets) from total / Σd
  const start = new Float64Array(p);
  const free = ipfSweeps(vars, table, 1e-8, 200);
  if (free.factors.every((f) => f.every((x) => x > 0 && Number.isFinite(x)))) {
    start[0] = -Math.log(scale);
    vars.forEach((v, k) => {
      const logRef = Math.log(free.factors[k][param[k].indexOf(-1)]);
      start[0] += logRef;
      v.levels.forEach((_, l) => param[k][l] >= 0 && (start[param[k][l]] = Math.log(free.factors[k][l]) - logRef));
    });
  } else start[0] = Math.log(total / weight.reduce((a, b) => a + b, 0));
  let current = evaluate(start);
  for (let iter = 1; iter <= maxIterations; iter++) {
    // generalised Hessian: cells strictly inside the bounds
    const hess = new Float64Array(p * p);
    const diag = new Float64Array(p);
    for (let c = 0; c < m; c++) {
      const df = dF(current.u[c]) * weight[c];
      const f = F(current.u[c]) * weight[c];
      for (const j of cellParams[c]) {
        diag[j] += f;
        if (df !== 0) for (const k of cellParams[c]) hess[j * p + k] += df;
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
    let accepted = false;
    for (let halvings = 0, t = 1; halvings < 60 && !accepted; halvings++, t /= 2) {
      const trial = evaluate(current.lam.map((x, j) => x - t * step[j]));
      const armijo = trial.phi <= current.phi - 1e-4 * t * slope;
      // near the solution φ stops changing beyond rounding: then any step that reduces the misfit
      const flat = Math.abs(trial.phi - current.phi) <= 1e-12 * current.phiScale && trial.gradNorm < current.gradNorm;
      accepted = Number.isFinite(trial.phi) && (armijo || flat);
      if (accepted) current = trial;
    }
    const g = cellG(current.u);
    if (worstError(vars, achievedTotals(vars, table, g), total) <= tolerance) return { g, iterations: iter, scale };
    const why = `Bounded raking (Newton, bounds [${lo}, ${hi}]; no further progress possible)`;
    if (!accepted) throw notConverged(why, iter, tolerance, vars, table, g);
  }
  const what = `Bounded raking (Newton, bounds [${lo}, ${hi}])`;
  throw notConverged(what, maxIterations, tolerance, vars, table, cellG(current.u));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
