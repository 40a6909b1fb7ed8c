/**
 * Calibration residuals, the step R's `svyrecvar` takes for a calibrated design before the sampling variance: e_i = x_i
 * − w_i m_iᵀβ, β = (Σ d m mᵀ)⁻¹ Σ d m x/w, m_i the level indicators of the calibration variables.
 */

import { cholesky, choleskySolve } from "./linalg";
import { numberCells } from "./rake-cells";
import type { Calibration, DesignWeights } from "./types";

/**
 * Index of every row's code among the sorted distinct codes (a lookup table when the codes are
 * small non-negative integers, a Map otherwise).
 * @example codeIndex([3, 1, 3], 3) // { index: Int32Array [1, 0, 1], levels: [1, 3] }
 */
export function codeIndex(codes: ArrayLike<number>, n: number): { index: Int32Array; levels: number[] } {
  const index = new Int32Array(n);
  let max = 0;
  for (let i = 0; i < n && max >= 0; i++) {
    const c = codes[i];
    if (!(c >= 0 && c < 65536 && Math.floor(c) === c)) max = -1;
    else if (c > max) max = c;
  }
  if (max >= 0) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) table[codes[i]] = 0;
    const levels: number[] = [];
    for (let c = 0; c <= max; c++) if (table[c] === 0) table[c] = levels.push(c) - 1;
    for (let i = 0; i < n; i++) index[i] = table[codes[i]];
    return { index, levels };
  }
  const levels = Array.from(new Set(Array.from(codes))).sort((a, b) => a - b);
  const map = new Map<number, number>(levels.map((c, j) => [c, j]));
  for (let i = 0; i < n; i++) index[i] = map.get(codes[i]) ?? 0;
  return { index, levels };
}

/**
 * The calibration of weights `calibratedWeights` from `baseWeights` on the level indicators of
 * `variables`, with its model on the occupied cells (numbered, Σ d m mᵀ factorised) made once.
 * @example calibrationOf(Float64Array.of(1, 1), { sex: [1, 2] }, Float64Array.of(4, 6)).model.cells // 2
 */
export function calibrationOf(
  baseWeights: Float64Array,
  variables: Record<string, ArrayLike<number>>,
  calibratedWeights: Float64Array,
): Calibration {
  const n = baseWeights.length;
  const names = Object.keys(variables).sort();
  const width = 1 + names.length;
  const perVariable = names.map((name) => codeIndex(variables[name], n));
  // full cross-classification index, then numbered in order of first appearance
  const full = new Float64Array(n);
  let size = 1;
  for (const v of perVariable) {
    for (let i = 0; i < n; i++) full[i] += v.index[i] * size;
    size *= v.levels.length;
  }
  const cellOf = new Int32Array(n);
  const firstRow = numberCells(full, size, cellOf);
  const cells = firstRow.length;
  // model columns: 0 = intercept, then every non-reference level of each variable in name order
  const offsets: number[] = [];
  let p = 1;
  for (const v of perVariable) {
    offsets.push(p - 1);
    p += v.levels.length - 1;
  }
  const model = new Int32Array(cells * width).fill(-1);
  for (let c = 0; c < cells; c++) {
    model[c * width] = 0;
    perVariable.forEach((v, k) => {
      const level = v.index[firstRow[c]];
      if (level > 0) model[c * width + 1 + k] = offsets[k] + level;
    });
  }
  const d = baseWeights;
  const w = calibratedWeights;
  const baseSum = new Float64Array(cells);
  for (let i = 0; i < n; i++) baseSum[cellOf[i]] += d[i];
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
  const invG = new Float64Array(n);
  const weightSum = new Float64Array(cells);
  const weightSquares = new Float64Array(cells);
  for (let i = 0; i < n; i++) {
    invG[i] = d[i] / w[i];
    weightSum[cellOf[i]] += w[i];
    weightSquares[cellOf[i]] += w[i] * w[i];
  }
  /** The fitted value m_cᵀβ of every cell for β solving the normal equations with right side Σ_c v_c m_c. */
  const solve = (v: Float64Array): Float64Array => {
    const rhs = new Float64Array(p);
    for (let c = 0; c < cells; c++)
      if (v[c] !== 0) for (let k = c * width, end = k + width; k < end; k++) if (model[k] >= 0) rhs[model[k]] += v[c];
    const beta = choleskySolve(factor, rhs);
    const fitted = new Float64Array(cells);
    for (let c = 0; c < cells; c++) {
      let s = 0;
      for (let k = c * width, end = k + width; k < end; k++) if (model[k] >= 0) s += beta[model[k]];
      fitted[c] = s;
    }
    return fitted;
  };
  const fit = (sums: Float64Array): Float64Array => {
    const fitted = solve(sums);
    const misfit = new Float64Array(cells);
    for (let c = 0; c < cells; c++) misfit[c] = sums[c] - baseSum[c] * fitted[c];
    const correction = solve(misfit);
    for (let c = 0; c < cells; c++) fitted[c] += correction[c];
    return fitted;
  };
  return {
    baseWeights,
    variables,
    calibratedWeights,
    model: { cellOf, cells, invG, weightSum, weightSquares, fit },
  };
}

/**
 * Residualises influence columns on the design's calibration (see the module comment); returns the
 * columns unchanged (not copied) for a design without calibration.
 * @example calibrationResiduals(raked, [influence])[0] // the part of the influence the raking does not explain
 */
export function calibrationResiduals(design: DesignWeights, influence: readonly Float64Array[]): Float64Array[] {
  const cal = design.calibration;
  if (cal === null) return influence.slice();
  const n = design.n;
  const { cellOf, invG, cells, fit } = cal.model;
  const w = cal.calibratedWeights;
  return influence.map((x) => {
    const sums = new Float64Array(cells); // Σ d x/w per cell
    for (let i = 0; i < n; i++) if (x[i] !== 0) sums[cellOf[i]] += x[i] * invG[i];
    const fitted = fit(sums);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) e[i] = x[i] - w[i] * fitted[cellOf[i]];
    return e;
  });
}
