/**
 * Calibration residuals: the step R's `svyrecvar` takes for a `greg_calibration` (what
 * `calibrate(..., calfun = "raking")` leaves on a design) before the sampling variance. With d the
 * base weights, w the calibrated weights, g = w/d and m_i the model row (intercept + treatment-contrast
 * level indicators of every calibration variable), an influence column x becomes
 *
 *   e_i = x_i − w_i m_iᵀβ,   β = (Σ d m mᵀ)⁻¹ Σ d m x/w     (R: `qr.resid(qr(mm·√d), x/(g√d))·g√d`).
 *
 * The model is level indicators, so m_i is the same for every row of a cross-classification cell of
 * the calibration variables: Σ d m mᵀ and Σ d m x/w are built from per-cell sums over the occupied
 * cells, and m_iᵀβ is one number per cell. The cells, the factorisation of Σ d m mᵀ and the per-row
 * 1/g are computed once per calibration and cached.
 *
 * After `trimWeights` the calibration keeps its own weights (`Calibration.calibratedWeights`), as R
 * keeps the g-weights in the design's `postStrata`: only the influence columns use the trimmed weights.
 */

import { cholesky, choleskySolve, type CholeskyFactor } from "./linalg";
import { numberCells } from "./rake-cells";
import type { Calibration, DesignWeights } from "./types";

/** The calibration model on the occupied cells, with the factor of Σ d m mᵀ. */
interface CalibrationCells {
  /** Cell of each row. */
  cellOf: Int32Array;
  /** Number of occupied cells. */
  cells: number;
  /** Model columns of each cell (`width` entries per cell; −1 where the cell is at a reference level). */
  model: Int32Array;
  width: number;
  /** Number of model columns. */
  p: number;
  /** Σ d per cell. */
  baseSum: Float64Array;
  factor: CholeskyFactor;
  /** The base weights the entry was built from (the cache is valid while they are the same array). */
  baseWeights: Float64Array;
  /** d/w per row for the calibrated weights `invGFor`. */
  invG: Float64Array | null;
  /** Σw and Σw² per cell of the calibrated weights `invGFor`. */
  weightSum: Float64Array | null;
  weightSquares: Float64Array | null;
  invGFor: ArrayLike<number> | null;
}

const cache = new WeakMap<Calibration, CalibrationCells>();

/** Level index of every row for one calibration variable, and the number of levels (sorted codes; the first is the reference). */
function levelIndex(codes: ArrayLike<number>, n: number): { index: Int32Array; levels: number } {
  const { index, levels } = codeIndex(codes, n);
  return { index, levels: levels.length };
}

/**
 * Index of every row's code among the sorted distinct codes (a lookup table when the codes are
 * small non-negative integers, a Map otherwise).
 * @example codeIndex([3, 1, 3], 3) // { index: Int32Array [1, 0, 1], levels: [1, 3] }
 */
export function codeIndex(codes: ArrayLike<number>, n: number): { index: Int32Array; levels: number[] } {
  const index = new Int32Array(n);
  const max = smallCodesMax(codes, n);
  if (max >= 0) {
    const table = new Int32Array(max + 1).fill(-1);
    markCodes(codes, n, table);
    const levels: number[] = [];
    for (let c = 0; c <= max; c++) if (table[c] === 0) table[c] = levels.push(c) - 1;
    indexThrough(codes, n, table, index);
    return { index, levels };
  }
  const levels = Array.from(new Set(Array.from(codes))).sort((a, b) => a - b);
  const map = new Map<number, number>(levels.map((c, j) => [c, j]));
  for (let i = 0; i < n; i++) index[i] = map.get(codes[i]) ?? 0;
  return { index, levels };
}

// The row loops below are functions of their own, so that V8 optimises each once as a whole
// (a loop inside a longer function is compiled while it runs and dropped at the code after it).

/** The largest of the first n codes when every one is a whole number 0…65535, else −1. */
function smallCodesMax(codes: ArrayLike<number>, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (!(c >= 0 && c < 65536 && Math.floor(c) === c)) return -1;
    if (c > max) max = c;
  }
  return max;
}

/** table[code] = 0 for every code present. */
function markCodes(codes: ArrayLike<number>, n: number, table: Int32Array): void {
  for (let i = 0; i < n; i++) table[codes[i]] = 0;
}

/** index[i] = table[codes[i]]. */
function indexThrough(codes: ArrayLike<number>, n: number, table: Int32Array, index: Int32Array): void {
  for (let i = 0; i < n; i++) index[i] = table[codes[i]];
}

/** full[i] += index[i] · size. */
function addScaled(full: Float64Array, index: Int32Array, size: number): void {
  for (let i = 0; i < full.length; i++) full[i] += index[i] * size;
}

/** Σ d per cell. */
function sumByCell(cellOf: Int32Array, d: Float64Array, sums: Float64Array): void {
  for (let i = 0; i < cellOf.length; i++) sums[cellOf[i]] += d[i];
}

function buildCells(cal: Calibration, n: number): CalibrationCells {
  const names = Object.keys(cal.variables).sort();
  const width = 1 + names.length;
  const perVariable = names.map((name) => levelIndex(cal.variables[name], n));
  // full cross-classification index, then numbered in order of first appearance
  const full = new Float64Array(n);
  let size = 1;
  for (const v of perVariable) {
    addScaled(full, v.index, size);
    size *= v.levels;
  }
  const cellOf = new Int32Array(n);
  const firstRow = numberCells(full, size, cellOf);
  const cells = firstRow.length;
  // model columns: 0 = intercept, then every non-reference level of each variable in name order
  const offsets: number[] = [];
  let p = 1;
  for (const v of perVariable) {
    offsets.push(p - 1);
    p += v.levels - 1;
  }
  const model = new Int32Array(cells * width).fill(-1);
  for (let c = 0; c < cells; c++) {
    const i = firstRow[c];
    model[c * width] = 0;
    perVariable.forEach((v, k) => {
      const level = v.index[i];
      if (level > 0) model[c * width + 1 + k] = offsets[k] + level;
    });
  }
  const d = cal.baseWeights;
  const baseSum = new Float64Array(cells);
  sumByCell(cellOf, d, baseSum);
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
  return {
    cellOf,
    cells,
    model,
    width,
    p,
    baseSum,
    factor: cholesky(normal, p),
    baseWeights: d,
    invG: null,
    invGFor: null,
    weightSum: null,
    weightSquares: null,
  };
}

/** The cached cells of a calibration, with 1/g for the calibrated weights `w`. */
function calibrationCells(
  cal: Calibration,
  n: number,
  w: Float64Array,
): CalibrationCells & { invG: Float64Array; weightSum: Float64Array; weightSquares: Float64Array } {
  let entry = cache.get(cal);
  if (entry === undefined || entry.baseWeights !== cal.baseWeights || entry.cellOf.length !== n) {
    entry = buildCells(cal, n);
    cache.set(cal, entry);
  }
  if (entry.invG === null || entry.invGFor !== w) {
    const invG = new Float64Array(n);
    const weightSum = new Float64Array(entry.cells);
    const weightSquares = new Float64Array(entry.cells);
    weightSums(cal.baseWeights, w, entry.cellOf, invG, weightSum, weightSquares);
    entry.invG = invG;
    entry.invGFor = w;
    entry.weightSum = weightSum;
    entry.weightSquares = weightSquares;
  }
  return entry as CalibrationCells & { invG: Float64Array; weightSum: Float64Array; weightSquares: Float64Array };
}

/** d/w per row, and Σw and Σw² per cell. */
function weightSums(
  d: Float64Array,
  w: Float64Array,
  cellOf: Int32Array,
  invG: Float64Array,
  weightSum: Float64Array,
  weightSquares: Float64Array,
): void {
  for (let i = 0; i < cellOf.length; i++) {
    invG[i] = d[i] / w[i];
    weightSum[cellOf[i]] += w[i];
    weightSquares[cellOf[i]] += w[i] * w[i];
  }
}

/** The fitted value m_cᵀβ of every cell. */
function cellFit(cells: CalibrationCells, beta: Float64Array): Float64Array {
  const { model, width } = cells;
  const fit = new Float64Array(cells.cells);
  for (let c = 0; c < cells.cells; c++) {
    let s = 0;
    for (let k = c * width, end = k + width; k < end; k++) {
      const col = model[k];
      if (col >= 0) s += beta[col];
    }
    fit[c] = s;
  }
  return fit;
}

/** Σ_c v_c m_c: the model-space vector of per-cell sums. */
function modelSums(cells: CalibrationCells, v: Float64Array): Float64Array {
  const { model, width } = cells;
  const out = new Float64Array(cells.p);
  for (let c = 0; c < cells.cells; c++) {
    const value = v[c];
    if (value === 0) continue;
    for (let k = c * width, end = k + width; k < end; k++) {
      const col = model[k];
      if (col >= 0) out[col] += value;
    }
  }
  return out;
}

/** What the variance needs of a calibration: the cell of each row, 1/g per row, the calibrated weights and the per-cell fit. */
export interface CalibrationBasis {
  /** Cell of each row. */
  cellOf: Int32Array;
  /** Number of occupied cells. */
  cells: number;
  /** d/w per row. */
  invG: Float64Array;
  /** The calibrated weights w (the calibration's own, not trimmed ones). */
  weights: Float64Array;
  /** Σw and Σw² of the calibrated weights per cell. */
  weightSum: Float64Array;
  weightSquares: Float64Array;
  /**
   * The fitted value m_cᵀβ of every cell, from the per-cell sums Σ d x/w of an influence column
   * (solved, then one step of iterative refinement on the normal equations).
   */
  fit: (sums: Float64Array) => Float64Array;
}

/**
 * The design's calibration as a `CalibrationBasis` (cached per calibration), or null without one.
 * @example calibrationBasis(raked)?.cells // occupied cells of the raking variables
 */
export function calibrationBasis(design: DesignWeights): CalibrationBasis | null {
  const cal = design.calibration;
  if (cal === null) return null;
  const w = cal.calibratedWeights ?? design.weights;
  const cells = calibrationCells(cal, design.n, w);
  const fit = (sums: Float64Array): Float64Array => {
    const fitted = cellFit(cells, choleskySolve(cells.factor, modelSums(cells, sums)));
    const misfit = new Float64Array(cells.cells);
    for (let c = 0; c < cells.cells; c++) misfit[c] = sums[c] - cells.baseSum[c] * fitted[c];
    const correction = cellFit(cells, choleskySolve(cells.factor, modelSums(cells, misfit)));
    for (let c = 0; c < cells.cells; c++) fitted[c] += correction[c];
    return fitted;
  };
  return {
    cellOf: cells.cellOf,
    cells: cells.cells,
    invG: cells.invG,
    weights: w,
    weightSum: cells.weightSum,
    weightSquares: cells.weightSquares,
    fit,
  };
}

/**
 * Residualises influence columns on the design's calibration (see the module comment); returns the
 * columns unchanged (not copied) for a design without calibration.
 * @example calibrationResiduals(raked, [influence])[0] // the part of the influence the raking does not explain
 */
export function calibrationResiduals(design: DesignWeights, influence: readonly Float64Array[]): Float64Array[] {
  const basis = calibrationBasis(design);
  if (basis === null) return influence.slice();
  const n = design.n;
  const { cellOf, invG, weights: w } = basis;
  return influence.map((x) => {
    if (x.length !== n)
      throw new RangeError(`calibrationResiduals: influence column has ${x.length} rows, design has ${n}`);
    const sums = new Float64Array(basis.cells); // Σ d x/w per cell
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi !== 0) sums[cellOf[i]] += xi * invG[i];
    }
    const fit = basis.fit(sums);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) e[i] = x[i] - w[i] * fit[cellOf[i]];
    return e;
  });
}
