/**
 * Raking: adjusting weights so that the weighted sample reproduces known population counts on
 * several categorical variables at once.
 *
 * The raking adjustment of a row depends only on its cross-classification cell (its combination of
 * levels), so `rake` aggregates the rows to the occupied cells, rakes that small table and expands
 * the cell adjustments back to the rows. Two algorithms:
 *
 * - without bounds: iterative proportional fitting (IPF, Deming–Stephan), which converges to the
 *   unique raking solution — the same weights as R's `survey::rake()` run to convergence and as
 *   `calibrate(calfun = "raking")`;
 * - with `bounds = [lo, hi]` on the adjustment g = w/d: Newton's method on the dual of bounded
 *   raking, g = min(max(exp(x'λ), lo), hi), the method of R's
 *   `calibrate(design, formula, population, calfun = "raking", bounds = c(lo, hi))` (`survey:::grake`),
 *   with a line search added for robustness. The bounded solution is unique, so the weights agree
 *   wherever R converges. (R's `cal.raking$dF` tests u against `bounds - 1` instead of
 *   `log(bounds)`, so with g far from 1 its Newton steps stall and `calibrate` stops with
 *   "Calibration failed"; it also diverges from base weights 1 when the population is ~60 times the
 *   sample. This implementation converges in both cases — see test/rake.test.ts.)
 *
 * Also here: `trimWeights` (R's `trimWeights`) and `weightDiagnostics` (Kish design effect etc.).
 */

import { ConvergenceError, DataError, type UnmetTarget } from "./errors";
import type { MarginRow, Margins } from "./types";

/** Options of `rake`. */
export interface RakeOptions {
  /** Weights before raking (d_i); default all 1. Must be finite and ≥ 0. */
  baseWeights?: ArrayLike<number>;
  /** Relative tolerance every margin cell must meet: |achieved − target| / target ≤ tolerance. Default 1e-10. */
  tolerance?: number;
  /** Maximum IPF sweeps (default 1000) or Newton steps when bounded (default 100). */
  maxIterations?: number;
  /**
   * Bounds [lo, hi] on the adjustment g = w/d, as `calibrate(..., calfun = "raking", bounds = c(lo, hi))`.
   * As in R, when every population total is over 20 times its sample total (e.g. base weights 1),
   * the base weights are first rescaled by the mean ratio and the bounds apply to the adjustment of
   * the rescaled weights (`boundsScale` in the result).
   */
  bounds?: [number, number];
  /** Label of the data for error messages (e.g. the panel file name). */
  source?: string;
}

/** One margin cell after raking. */
export interface MarginCellFit {
  variable: string;
  level: number;
  target: number;
  achieved: number;
  /** Unweighted number of rows at this level. */
  sampleCount: number;
}

/** Summary of a weight vector. */
export interface WeightDiagnostics {
  n: number;
  sum: number;
  min: number;
  median: number;
  max: number;
  /** Kish design effect due to unequal weights: n·Σw² / (Σw)². */
  deff: number;
  /** Kish effective sample size: (Σw)² / Σw² = n / deff. */
  effectiveN: number;
}

/** The result of `rake`. */
export interface RakeResult {
  /** Final weights w_i = d_i · g_i. */
  weights: Float64Array;
  /** Adjustment g_i = w_i / d_i of each row. */
  adjustment: Float64Array;
  /** IPF sweeps or Newton steps used. */
  iterations: number;
  /** Largest relative error over all margin cells at the end. */
  maxRelativeError: number;
  /** Which algorithm ran. */
  method: "ipf" | "bounded-newton";
  /**
   * With bounds: the factor the base weights were rescaled by before the bounds applied (R's grake
   * rescales when every population total exceeds 20× its sample total); 1 otherwise.
   */
  boundsScale: number;
  /** Number of occupied cross-classification cells the raking worked on. */
  occupiedCells: number;
  /** Target and achieved total of every margin cell, in margins order. */
  cells: MarginCellFit[];
  diagnostics: WeightDiagnostics;
}

/** The margins of one variable, in file order. */
interface VariableMargins {
  name: string;
  levels: number[];
  targets: number[];
}

/** Rows aggregated to their occupied cross-classification cells. */
interface CellTable {
  /** Cell index of each row. */
  rowCell: Int32Array;
  /** Sum of base weights per cell. */
  weight: Float64Array;
  /** Rows per cell. */
  count: Float64Array;
  /** levelIndex[v][c]: level index of variable v in cell c. */
  levelIndex: Int32Array[];
}

const DEFAULT_TOLERANCE = 1e-10;

/**
 * Rakes weights to population margins.
 *
 * `variables` maps each raking variable to its level code per row; `margins` gives the population
 * count of every level (the same codes). Throws a `DataError` for a code without a margin, a level
 * with a positive population but no respondents, or margins whose totals disagree, and a
 * `ConvergenceError` (listing achieved vs target per cell) if any margin cell misses the relative
 * tolerance after `maxIterations`.
 *
 * @example
 * const r = rake({ sex: [1, 1, 2] }, { source: "m", total: 10, rows: [
 *   { variable: "sex", level: 1, count: 4, sourceStatus: "verbatim" },
 *   { variable: "sex", level: 2, count: 6, sourceStatus: "verbatim" }] });
 * r.weights; // Float64Array [2, 2, 6]
 */
export function rake(
  variables: Record<string, ArrayLike<number>>,
  margins: Margins,
  options: RakeOptions = {},
): RakeResult {
  const source = options.source ?? "raking data";
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance > 0)) throw new Error(`rake: tolerance must be a positive number, got ${tolerance}`);
  const names = Object.keys(variables);
  if (names.length === 0) throw new Error("rake: no raking variables given");
  const varMargins = groupMargins(margins, names);
  const total = varMargins[0].targets.reduce((a, b) => a + b, 0);

  const n = variables[names[0]].length;
  for (const name of names) {
    if (variables[name].length !== n) {
      throw new Error(`rake: variable "${name}" has ${variables[name].length} values but "${names[0]}" has ${n}`);
    }
  }
  const base = checkBaseWeights(options.baseWeights, n, source);
  const table = buildCells(varMargins, names.map((v) => variables[v]), base, source);
  checkEmptyLevels(varMargins, table, source);

  const bounds = options.bounds;
  let cellG: Float64Array;
  let iterations: number;
  let method: RakeResult["method"];
  let boundsScale = 1;
  if (bounds) {
    const [lo, hi] = bounds;
    if (!(lo >= 0 && hi > lo)) {
      throw new Error(`rake: bounds must satisfy 0 <= lo < hi, got [${lo}, ${hi}]`);
    }
    const maxIterations = options.maxIterations ?? 100;
    ({ g: cellG, iterations, scale: boundsScale } = boundedNewton(varMargins, table, total, lo, hi, tolerance, maxIterations));
    method = "bounded-newton";
  } else {
    const maxIterations = options.maxIterations ?? 1000;
    ({ g: cellG, iterations } = ipf(varMargins, table, tolerance, maxIterations));
    method = "ipf";
  }

  const fits = marginFits(varMargins, table, cellG);
  const adjustment = new Float64Array(n);
  const weights = new Float64Array(n);
  const rowCell = table.rowCell;
  for (let i = 0; i < n; i++) {
    const g = cellG[rowCell[i]];
    adjustment[i] = g;
    weights[i] = (base ? base[i] : 1) * g;
  }
  return {
    weights,
    adjustment,
    iterations,
    maxRelativeError: maxRelativeError(fits),
    method,
    boundsScale,
    occupiedCells: table.weight.length,
    cells: fits,
    diagnostics: base ? weightDiagnostics(weights) : cellDiagnostics(table, cellG),
  };
}

// ---------------------------------------------------------------------------------------------
// Input checks and the cell table
// ---------------------------------------------------------------------------------------------

/** Groups margin rows by variable (in the order of `names`) and checks levels, counts and totals. */
function groupMargins(margins: Margins, names: string[]): VariableMargins[] {
  const byVariable = new Map<string, MarginRow[]>();
  for (const row of margins.rows) {
    const list = byVariable.get(row.variable) ?? [];
    list.push(row);
    byVariable.set(row.variable, list);
  }
  for (const v of byVariable.keys()) {
    if (!names.includes(v)) {
      throw new DataError({
        file: margins.source,
        column: v,
        problem: `margins have variable "${v}" but no data was given for it`,
        expected: `margins only for the raking variables ${names.join(", ")}`,
      });
    }
  }
  const result: VariableMargins[] = [];
  for (const name of names) {
    const rows = byVariable.get(name);
    if (!rows || rows.length === 0) {
      throw new DataError({
        file: margins.source,
        column: name,
        problem: `no margin for raking variable "${name}"`,
        expected: `margins for every raking variable (${names.join(", ")})`,
      });
    }
    const levels: number[] = [];
    const targets: number[] = [];
    for (const r of rows) {
      if (levels.includes(r.level)) {
        throw new DataError({
          file: margins.source,
          column: name,
          value: String(r.level),
          problem: `level ${r.level} of "${name}" appears twice`,
          expected: "each level once",
        });
      }
      if (!Number.isFinite(r.count) || r.count < 0) {
        throw new DataError({
          file: margins.source,
          column: name,
          value: String(r.count),
          problem: `count of level ${r.level} is not a non-negative number`,
          expected: "a non-negative number",
        });
      }
      levels.push(r.level);
      targets.push(r.count);
    }
    result.push({ name, levels, targets });
  }
  const totals = result.map((v) => v.targets.reduce((a, b) => a + b, 0));
  const first = totals[0];
  if (!(first > 0)) {
    throw new DataError({ file: margins.source, column: result[0].name, problem: "margins total 0", expected: "a positive population total" });
  }
  if (totals.some((t) => Math.abs(t - first) > 1e-9 * Math.max(1, Math.abs(first)))) {
    throw new DataError({
      file: margins.source,
      problem: `the margins' totals disagree: ${result.map((v, i) => `${v.name} sums to ${totals[i]}`).join(", ")}`,
      expected: "every variable's counts to sum to the same population total",
    });
  }
  return result;
}

function checkBaseWeights(base: ArrayLike<number> | undefined, n: number, source: string): ArrayLike<number> | null {
  if (!base) return null;
  if (base.length !== n) throw new Error(`rake: baseWeights has ${base.length} values but the data has ${n} rows`);
  for (let i = 0; i < n; i++) {
    const d = base[i];
    if (!Number.isFinite(d) || d < 0) {
      throw new DataError({
        file: source,
        row: i + 1,
        column: "base weight",
        value: String(d),
        expected: "a finite non-negative number",
      });
    }
  }
  return base;
}

/** Aggregates rows to occupied cells of the cross-classification of the raking variables. */
function buildCells(vars: VariableMargins[], data: ArrayLike<number>[], base: ArrayLike<number> | null, source: string): CellTable {
  const n = data[0].length;
  const nv = vars.length;
  const strides: number[] = [];
  let size = 1;
  for (const v of vars) {
    strides.push(size);
    size *= v.levels.length;
  }
  const fullIndex = size < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  for (let k = 0; k < nv; k++) {
    const col = data[k];
    const v = vars[k];
    const stride = strides[k];
    const maxCode = Math.max(...v.levels);
    const dense = v.levels.every((l) => Number.isInteger(l) && l >= 0) && maxCode < 1 << 16;
    const table = new Int32Array(dense ? maxCode + 1 : 0).fill(-1);
    v.levels.forEach((l, i) => dense && (table[l] = i * stride));
    const map = new Map<number, number>(v.levels.map((l, i) => [l, i * stride]));
    for (let i = 0; i < n; i++) {
      const code = col[i];
      let offset: number;
      if (dense) {
        offset = code >= 0 && code <= maxCode ? table[code] : -1;
        if (offset === undefined) offset = -1; // non-integer code: a typed array read gives undefined
      } else {
        offset = map.get(code) ?? -1;
      }
      if (offset < 0) {
        throw new DataError({
          file: source,
          row: i + 1,
          column: v.name,
          value: String(code),
          problem: `value "${code}" has no population margin`,
          expected: `one of ${v.levels.join(", ")}`,
        });
      }
      fullIndex[i] += offset;
    }
  }
  // compress to occupied cells, numbered in order of first appearance (deterministic)
  const rowCell = new Int32Array(n);
  let occupied: number[] = [];
  if (size <= 1 << 22) {
    const dense = new Int32Array(size).fill(-1);
    for (let i = 0; i < n; i++) {
      const f = fullIndex[i];
      let c = dense[f];
      if (c < 0) {
        c = occupied.length;
        dense[f] = c;
        occupied.push(f);
      }
      rowCell[i] = c;
    }
  } else {
    const map = new Map<number, number>();
    occupied = [];
    for (let i = 0; i < n; i++) {
      const f = fullIndex[i];
      let c = map.get(f);
      if (c === undefined) {
        c = occupied.length;
        map.set(f, c);
        occupied.push(f);
      }
      rowCell[i] = c;
    }
  }
  const m = occupied.length;
  const weight = new Float64Array(m);
  const count = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const c = rowCell[i];
    weight[c] += base ? base[i] : 1;
    count[c] += 1;
  }
  const levelIndex = vars.map((v, k) => {
    const arr = new Int32Array(m);
    for (let c = 0; c < m; c++) arr[c] = Math.floor(occupied[c] / strides[k]) % v.levels.length;
    return arr;
  });
  return { rowCell, weight, count, levelIndex };
}

/** A level with a positive population count needs respondents (with positive base weight). */
function checkEmptyLevels(vars: VariableMargins[], table: CellTable, source: string): void {
  vars.forEach((v, k) => {
    const weighted = new Float64Array(v.levels.length);
    const counts = new Float64Array(v.levels.length);
    const li = table.levelIndex[k];
    for (let c = 0; c < table.weight.length; c++) {
      weighted[li[c]] += table.weight[c];
      counts[li[c]] += table.count[c];
    }
    v.levels.forEach((level, l) => {
      if (v.targets[l] > 0 && !(weighted[l] > 0)) {
        throw new DataError({
          file: source,
          column: v.name,
          value: String(level),
          problem:
            counts[l] === 0
              ? `level ${level} of "${v.name}" has population count ${v.targets[l]} but no respondents, so no weight can reach it`
              : `level ${level} of "${v.name}" has population count ${v.targets[l]} but its ${counts[l]} respondents all have base weight 0`,
          expected: "at least one respondent in every level with a positive population count (merge the level with a neighbour)",
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Algorithms on the cell table
// ---------------------------------------------------------------------------------------------

/** Weighted total per level of each variable for cell adjustments g. */
function achievedTotals(vars: VariableMargins[], table: CellTable, g: Float64Array): Float64Array[] {
  return vars.map((v, k) => {
    const out = new Float64Array(v.levels.length);
    const li = table.levelIndex[k];
    for (let c = 0; c < g.length; c++) out[li[c]] += table.weight[c] * g[c];
    return out;
  });
}

function relativeError(target: number, achieved: number, total: number): number {
  if (target > 0) return Math.abs(achieved - target) / target;
  return Math.abs(achieved) / total;
}

function worstError(vars: VariableMargins[], achieved: Float64Array[], total: number): number {
  let worst = 0;
  vars.forEach((v, k) => {
    v.targets.forEach((t, l) => {
      const e = relativeError(t, achieved[k][l], total);
      if (!(e <= worst)) worst = e; // NaN propagates as worst
    });
  });
  return worst;
}

function unmet(vars: VariableMargins[], achieved: Float64Array[]): UnmetTarget[] {
  return vars.flatMap((v, k) => v.levels.map((level, l) => ({ variable: v.name, level, target: v.targets[l], achieved: achieved[k][l] })));
}

/** Result of IPF: cell adjustments, per-level factors (g_c = Π_v factor_v[level]) and whether it converged. */
interface IpfState {
  g: Float64Array;
  factors: Float64Array[];
  iterations: number;
  converged: boolean;
}

/** Iterative proportional fitting on the cell table; stops at `tolerance` or after `maxIterations` sweeps. */
function ipfSweeps(vars: VariableMargins[], table: CellTable, tolerance: number, maxIterations: number): IpfState {
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
    const achieved = achievedTotals(vars, table, g);
    if (worstError(vars, achieved, total) <= tolerance) return { g, factors, iterations: iter, converged: true };
  }
  return { g, factors, iterations: maxIterations, converged: false };
}

/** Iterative proportional fitting on the cell table; throws a ConvergenceError if it does not converge. */
function ipf(vars: VariableMargins[], table: CellTable, tolerance: number, maxIterations: number): { g: Float64Array; iterations: number } {
  const state = ipfSweeps(vars, table, tolerance, maxIterations);
  if (!state.converged) {
    throw new ConvergenceError("Raking (IPF)", maxIterations, tolerance, unmet(vars, achievedTotals(vars, table, state.g)));
  }
  return state;
}

/**
 * Bounded raking: g = clip(exp(x'λ), lo, hi) with x the level indicators (intercept plus
 * non-reference levels, as R's model matrix), solved by Newton's method on the convex dual
 * φ(λ) = Σ_c d_c Ψ(x_c'λ) − λ'T (Ψ' = clipped exp), with a pseudo-inverse for singular steps
 * (as grake's `MASS::ginv`) and a backtracking line search.
 */
function boundedNewton(
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
      throw new ConvergenceError(`Bounded raking (Newton, bounds [${lo}, ${hi}]; no further progress possible)`, iter, tolerance, unmet(vars, achieved));
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

/**
 * Solves H x = b for symmetric positive semi-definite H (p×p, row-major) with the Moore–Penrose
 * pseudo-inverse, from a Jacobi eigen-decomposition; eigenvalues below 256·ε·max are dropped
 * (the tolerance grake passes to `MASS::ginv`).
 */
function pseudoSolve(h: Float64Array, b: Float64Array, p: number): Float64Array {
  const a = Float64Array.from(h);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] * a[i * p + j];
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i];
          const akj = a[k * p + j];
          a[k * p + i] = cos * aki - sin * akj;
          a[k * p + j] = sin * aki + cos * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k];
          const ajk = a[j * p + k];
          a[i * p + k] = cos * aik - sin * ajk;
          a[j * p + k] = sin * aik + cos * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i];
          const vkj = v[k * p + j];
          v[k * p + i] = cos * vki - sin * vkj;
          v[k * p + j] = sin * vki + cos * vkj;
        }
      }
    }
  }
  let maxEig = 0;
  for (let i = 0; i < p; i++) maxEig = Math.max(maxEig, Math.abs(a[i * p + i]));
  const cutoff = 256 * Number.EPSILON * maxEig;
  const x = new Float64Array(p);
  for (let e = 0; e < p; e++) {
    const lambda = a[e * p + e];
    if (!(lambda > cutoff)) continue;
    let proj = 0;
    for (let k = 0; k < p; k++) proj += v[k * p + e] * b[k];
    proj /= lambda;
    for (let k = 0; k < p; k++) x[k] += proj * v[k * p + e];
  }
  return x;
}

function marginFits(vars: VariableMargins[], table: CellTable, g: Float64Array): MarginCellFit[] {
  const achieved = achievedTotals(vars, table, g);
  return vars.flatMap((v, k) => {
    const counts = new Float64Array(v.levels.length);
    const li = table.levelIndex[k];
    for (let c = 0; c < table.count.length; c++) counts[li[c]] += table.count[c];
    return v.levels.map((level, l) => ({
      variable: v.name,
      level,
      target: v.targets[l],
      achieved: achieved[k][l],
      sampleCount: counts[l],
    }));
  });
}

function maxRelativeError(fits: MarginCellFit[]): number {
  const total = fits.filter((f) => f.variable === fits[0].variable).reduce((a, f) => a + f.target, 0);
  return fits.reduce((worst, f) => Math.max(worst, relativeError(f.target, f.achieved, total)), 0);
}

// ---------------------------------------------------------------------------------------------
// Trimming and diagnostics
// ---------------------------------------------------------------------------------------------

/** Options of `trimWeights`. */
export interface TrimOptions {
  /** Weights below this are raised to it (default −Infinity: no lower limit). */
  lower?: number;
  /** Weights above this are capped at it (default Infinity: no upper limit). */
  upper?: number;
  /** Repeat until no weight is outside the limits after redistribution (R's `strict = TRUE`). */
  strict?: boolean;
}

/**
 * Trims weights to [lower, upper] and spreads the trimmed amount equally over the weights that
 * were inside the limits, keeping the total — R's `trimWeights(design, upper, lower, strict)`.
 * Without `strict`, redistribution may push some weights past a limit again (as in R).
 *
 * @example
 * trimWeights([1, 1, 10], { upper: 4 }); // Float64Array [4, 4, 4]
 */
export function trimWeights(weights: ArrayLike<number>, options: TrimOptions = {}): Float64Array {
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  if (!(lower <= upper)) throw new Error(`trimWeights: lower (${lower}) must not exceed upper (${upper})`);
  let w = Float64Array.from(weights);
  for (let round = 0; round < 10_000; round++) {
    const outside = w.map((x) => (x < lower || x > upper ? 1 : 0));
    const nOutside = outside.reduce((a, b) => a + b, 0);
    if (nOutside === 0) return w;
    let excess = 0;
    const trimmed = w.map((x) => {
      const y = Math.max(lower, Math.min(x, upper));
      excess += x - y;
      return y;
    });
    const nInside = w.length - nOutside;
    if (nInside === 0) {
      throw new Error(`trimWeights: every weight is outside [${lower}, ${upper}]; nothing to redistribute to`);
    }
    const share = excess / nInside;
    for (let i = 0; i < w.length; i++) if (!outside[i]) trimmed[i] += share;
    w = trimmed;
    if (!options.strict) return w;
    if (!w.some((x) => x > upper || x < lower)) return w;
  }
  throw new Error(`trimWeights: strict trimming to [${lower}, ${upper}] did not settle`);
}

/**
 * Summary of a weight vector: n, sum, min, median, max, Kish design effect n·Σw²/(Σw)² and
 * effective sample size (Σw)²/Σw².
 *
 * @example
 * weightDiagnostics([1, 1, 2, 4]).deff; // 4·22/64 = 1.375
 */
export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  const n = weights.length;
  if (n === 0) return { n: 0, sum: 0, min: NaN, median: NaN, max: NaN, deff: NaN, effectiveN: 0 };
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    sum += w;
    sumSq += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const copy = Float64Array.from(weights);
  const upperMid = select(copy, Math.floor(n / 2));
  // after selection every element left of n/2 is ≤ the upper middle: the lower middle is their maximum
  let lowerMid = -Infinity;
  if (n % 2 === 0) for (let i = 0; i < n / 2; i++) if (copy[i] > lowerMid) lowerMid = copy[i];
  const median = n % 2 === 1 ? upperMid : (lowerMid + upperMid) / 2;
  const deff = (n * sumSq) / (sum * sum);
  return { n, sum, min, median, max, deff, effectiveN: (sum * sum) / sumSq };
}

/**
 * `weightDiagnostics` of the expanded weights when every base weight is 1, computed from the cells
 * (every row of a cell has the weight g_c), without sorting a million weights.
 */
function cellDiagnostics(table: CellTable, g: Float64Array): WeightDiagnostics {
  const m = g.length;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let c = 0; c < m; c++) {
    n += table.count[c];
    sum += table.count[c] * g[c];
    sumSq += table.count[c] * g[c] * g[c];
  }
  const order = Array.from({ length: m }, (_, c) => c).sort((a, b) => g[a] - g[b]);
  /** The k-th smallest weight (0-based). */
  const kth = (k: number): number => {
    let seen = 0;
    for (const c of order) {
      seen += table.count[c];
      if (k < seen) return g[c];
    }
    return g[order[m - 1]];
  };
  const median = n % 2 === 1 ? kth((n - 1) / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2;
  const deff = (n * sumSq) / (sum * sum);
  return { n, sum, min: g[order[0]], median, max: g[order[m - 1]], deff, effectiveN: (sum * sum) / sumSq };
}

/** The k-th smallest value (0-based) of `a`, partially reordering `a` (Hoare's quickselect). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}
