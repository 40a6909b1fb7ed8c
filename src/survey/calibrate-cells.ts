/** The occupied cells of a calibration's factors: a formula of factors only is calibrated on them, not on rows. */

import { numberCells } from "./rake-cells";
import { codeIndex } from "./model-matrix";

/**
 * Each row's cell of the cross-classification of `columns` (numbered in order of first appearance) and each cell's
 * first row; `empty(k, row)` is called for an empty or non-finite code in column k (it throws).
 * @example crossCells([[1, 2, 1], [1, 1, 1]], fail).firstRow // [0, 1]
 */
export function crossCells(
  columns: readonly ArrayLike<number | null>[],
  empty: (column: number, row: number) => never,
): { cellOf: Int32Array; firstRow: number[] } {
  const n = columns.length === 0 ? 0 : columns[0].length;
  const full = new Float64Array(n);
  let size = 1;
  columns.forEach((values, k) => {
    // Whole codes 0…65535 (all there usually are) are their own index, added in the pass that checks them.
    let [max, stop] = [0, n];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || !Number.isFinite(v)) return empty(k, i);
      if (!(v >= 0 && v < 65536 && Math.floor(v) === v)) {
        stop = i;
        break;
      }
      if (v > max) max = v;
      full[i] += v * size;
    }
    if (stop === n && size * (max + 1) < 2 ** 45) {
      size *= max + 1;
      return;
    }
    for (let i = 0; i < stop; i++) full[i] -= (values[i] as number) * size; // exact: whole numbers
    for (let i = stop; i < n; i++) if (values[i] === null || !Number.isFinite(values[i] as number)) empty(k, i);
    const { index, levels } = codeIndex(values as ArrayLike<number>, n);
    for (let i = 0; i < n; i++) full[i] += index[i] * size;
    size *= levels.length;
  });
  const cellOf = new Int32Array(n);
  return { cellOf, firstRow: numberCells(full, size, cellOf) };
}

/**
 * Σ of row `values` per cell.
 * @example cellSums(Float64Array.of(1, 2, 3), Int32Array.of(0, 1, 0), 2) // Float64Array [4, 2]
 */
export function cellSums(values: ArrayLike<number>, cellOf: Int32Array, cells: number): Float64Array {
  const out = new Float64Array(cells);
  for (let i = 0; i < cellOf.length; i++) out[cellOf[i]] += values[i];
  return out;
}

/**
 * Each row's cell value.
 * @example cellValues(Float64Array.of(0.5, 2), Int32Array.of(1, 0, 1)) // Float64Array [2, 0.5, 2]
 */
export function cellValues(values: ArrayLike<number>, cellOf: Int32Array): Float64Array {
  const out = new Float64Array(cellOf.length);
  for (let i = 0; i < cellOf.length; i++) out[i] = values[cellOf[i]];
  return out;
}
