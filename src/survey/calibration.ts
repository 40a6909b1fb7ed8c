/**
 * R's calibration step `grake` (and `regcalibrate`), and the calibration residuals of R's `svyrecvar`:
 * e_i = x_i − w_i m_iᵀβ, β = (Σ d m mᵀ)⁻¹ Σ d m x/w, m_i the calibration model's row.
 */

import { cholesky, choleskySolve, pseudoSolve } from "./linalg";
import { crossCells } from "./calibrate-cells";
import { codeIndex, columnTotals, crossProduct, product, type ModelMatrix } from "./model-matrix";
import type { Calibration, CalibrationModel, DesignWeights, MatrixCalibrationModel } from "./types";

/**
 * The calibration of `calibratedWeights` from `baseWeights` on the level indicators of `variables`, on occupied cells.
 * @example calibrationOf(Float64Array.of(1, 1), { sex: [1, 2] }, Float64Array.of(4, 6)).model.cells // 2
 */
export function calibrationOf(
  baseWeights: Float64Array,
  variables: Record<string, ArrayLike<number>>,
  calibratedWeights: Float64Array,
): Calibration {
  const names = Object.keys(variables).sort();
  const empty = (k: number, i: number): never => {
    throw new RangeError(`calibrationOf: ${names[k]} empty at row ${i + 1}`);
  };
  const columns = names.map((name) => variables[name]);
  const { cellOf, firstRow, sums } = crossCells(columns, empty, baseWeights);
  // model columns: 0 = intercept, then each non-reference level of each variable in name order
  const width = 1 + names.length;
  const model = new Int32Array(firstRow.length * width).fill(-1);
  let p = 1;
  names.forEach((name, k) => {
    const codes = firstRow.map((i) => variables[name][i]);
    const { index, levels } = codeIndex(codes, firstRow.length);
    index.forEach((level, c) => (model[c * width + 1 + k] = level > 0 ? p - 1 + level : -1));
    p += levels.length - 1;
  });
  for (let c = 0; c < firstRow.length; c++) model[c * width] = 0;
  const shared = cellWeights(cellOf, firstRow.length, calibratedWeights, baseWeights);
  return { baseWeights, variables, calibratedWeights, model: cellModel(sums, cellOf, model, width, p, shared) };
}

/**
 * The model of a calibration whose model row depends only on a row's cell: `model` holds each cell's indicator columns
 * (−1 none), cells × width; `weights` is each cell's [w, d] when all its rows share them (`cellWeights`), else null.
 * @example cellModel(Float64Array.of(3, 4), cellOf, Int32Array.of(0, -1, 0, 1), 2, 2, null).cells // 2
 */
export function cellModel(
  baseSum: Float64Array,
  cellOf: Int32Array,
  model: Int32Array,
  width: number,
  p: number,
  weights: Float64Array | null,
): CalibrationModel {
  const cells = model.length / width;
  const normal = new Float64Array(p * p);
  for (let c = 0; c < cells; c++) {
    for (let a = c * width, end = a + width; a < end; a++) {
      const ca = model[a];
      if (ca < 0) continue;
      for (let b = c * width; b < end; b++) {
        const cb = model[b];
        if (cb >= 0) normal[ca * p + cb] += baseSum[c];
      }
    }
  }
  const factor = cholesky(normal, p);
  /** The fitted m_cᵀβ of every cell for β solving the normal equations with right side Σ_c v_c m_c, per column of v. */
  const solve = (v: Float64Array): Float64Array => {
    const m = v.length / cells; // columns of v, a column's cells after another's
    const rhs = new Float64Array(p * m);
    for (let c = 0; c < cells; c++)
      for (let j = 0; j < m; j++) {
        const x = v[j * cells + c];
        if (x !== 0)
          for (let k = c * width, end = k + width; k < end; k++) if (model[k] >= 0) rhs[j * p + model[k]] += x;
      }
    const beta = new Float64Array(p * m);
    for (let j = 0; j < m; j++) beta.set(choleskySolve(factor, rhs.subarray(j * p, j * p + p)), j * p);
    const fitted = new Float64Array(cells * m);
    for (let c = 0; c < cells; c++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = c * width, end = k + width; k < end; k++) if (model[k] >= 0) s += beta[j * p + model[k]];
        fitted[j * cells + c] = s;
      }
    return fitted;
  };
  const fit = (sums: Float64Array): Float64Array => {
    const fitted = solve(sums);
    const misfit = new Float64Array(sums.length);
    for (let i = 0; i < sums.length; i++) misfit[i] = sums[i] - baseSum[i % cells] * fitted[i];
    const correction = solve(misfit);
    for (let i = 0; i < sums.length; i++) fitted[i] += correction[i];
    return fitted;
  };
  return { kind: "cells", cellOf, cells, fit, cellWeights: weights };
}

/**
 * [w, d] of each cell when every row of the cell has them (rows then share their slots' moments), else null.
 * @example cellWeights(Int32Array.of(0, 0), 1, Float64Array.of(2, 2), Float64Array.of(1, 1)) // Float64Array [2, 1]
 */
export function cellWeights(cellOf: Int32Array, cells: number, w: Float64Array, d: Float64Array): Float64Array | null {
  const out = new Float64Array(2 * cells).fill(NaN);
  for (let i = 0; i < cellOf.length; i++) {
    const c = 2 * cellOf[i];
    if (out[c] !== w[i] || out[c + 1] !== d[i]) {
      if (out[c] === out[c]) return null; // seen, with another weight (weights are finite)
      [out[c], out[c + 1]] = [w[i], d[i]];
    }
  }
  return out;
}

/** The model of a calibration on a model matrix with numeric columns: Σ d m mᵀ equilibrated and factorised once. */
function matrixModel(
  X: ModelMatrix,
  d: Float64Array,
  w: Float64Array,
  normal = crossProduct(X, d),
): MatrixCalibrationModel {
  const { n, p } = X;
  const s = Float64Array.from({ length: p }, (_, j) => 1 / Math.sqrt(normal[j * p + j] || 1));
  const equilibrated = normal.map((x, k) => x * s[Math.floor(k / p)] * s[k % p]);
  const factor = cholesky(equilibrated, p);
  const invG = new Float64Array(n);
  for (let i = 0; i < n; i++) invG[i] = d[i] / w[i];
  const solve = (rhs: Float64Array) =>
    choleskySolve(
      factor,
      rhs.map((r, j) => r * s[j]),
    ).map((b, j) => b * s[j]);
  const fitted = (x: Float64Array): Float64Array => {
    const rhs = columnTotals(X, product(x, invG));
    const beta = solve(rhs);
    const r = rhs.map((t, a) => t - normal.subarray(a * p, a * p + p).reduce((sum, v, b) => sum + v * beta[b], 0));
    solve(r).forEach((c, j) => (beta[j] += c));
    return linearPredictor(X, beta);
  };
  return { kind: "matrix", fitted };
}

/**
 * The calibration of `w` from `d` on a model matrix: a cell model when every column is a factor level's indicator.
 * @example calibrationOfMatrix(X, d, w).model.kind // "cells" for ~stype + sch.wide
 */
export function calibrationOfMatrix(
  X: ModelMatrix,
  d: Float64Array,
  w: Float64Array,
  normal?: Float64Array,
): Calibration {
  const base = { baseWeights: d, variables: X.factorCodes, calibratedWeights: w };
  if (!X.factorsOnly) return { ...base, model: matrixModel(X, d, w, normal) };
  const empty = (k: number, i: number): never => {
    throw new RangeError(`calibrationOfMatrix: factor ${k} empty at row ${i + 1}`); // checked by the model matrix
  };
  const { cellOf, firstRow, sums } = crossCells(Object.values(X.factorCodes), empty, d);
  const model = new Int32Array(firstRow.length * X.width);
  firstRow.forEach((i, c) => model.set(X.cols.subarray(i * X.width, (i + 1) * X.width), c * X.width));
  return { ...base, model: cellModel(sums, cellOf, model, X.width, X.p, cellWeights(cellOf, firstRow.length, w, d)) };
}

/**
 * Residualises influence columns on the design's calibration; the columns themselves for a design without one.
 * @example calibrationResiduals(raked, [influence])[0] // the part of the influence the raking does not explain
 */
export function calibrationResiduals(design: DesignWeights, influence: readonly Float64Array[]): Float64Array[] {
  const cal = design.calibration;
  if (cal === null) return influence.slice();
  const n = design.n;
  const w = cal.calibratedWeights;
  const model = cal.model;
  if (model.kind === "matrix")
    return influence.map((x) => {
      const e = model.fitted(x);
      for (let i = 0; i < n; i++) e[i] = x[i] - w[i] * e[i];
      return e;
    });
  const { cellOf, cells, fit } = model;
  const d = cal.baseWeights;
  return influence.map((x) => {
    const sums = new Float64Array(cells); // Σ d x/w per cell
    for (let i = 0; i < n; i++) if (x[i] !== 0) sums[cellOf[i]] += x[i] * (d[i] / w[i]);
    const fitted = fit(sums);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) e[i] = x[i] - w[i] * fitted[cellOf[i]];
    return e;
  });
}

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
  const { n, p } = X;
  let sampleTotal = columnTotals(X, d);
  const [lo, hi] = bounds;
  const diff = Float64Array.from(population, (t, j) => t - sampleTotal[j]);
  if (calfun === "linear" && lo === -Infinity && hi === Infinity) {
    const normal = crossProduct(X, d);
    const g = linearPredictor(X, choleskySolve(cholesky(normal, p), diff));
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
    u = linearPredictor(X, eta);
    while (iter < maxit && !finite(u)) {
      iter++;
      for (let j = 0; j < p; j++) step[j] /= 2;
      eta = eta.map((e, j) => e - step[j]);
      u = linearPredictor(X, eta);
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

/** Xη: each row's Σ x_ik η_k over the model matrix's columns. */
function linearPredictor({ n, width, cols, vals }: ModelMatrix, eta: Float64Array): Float64Array {
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * width, end = k + width; k < end; k++) if (cols[k] >= 0) s += vals[k] * eta[cols[k]];
    u[i] = s;
  }
  return u;
}
