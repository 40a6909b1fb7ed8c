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
  const codes: ArrayLike<number>[] = [];
  const strides: number[] = [];
  let size = 1;
  columns.forEach((values, k) => {
    // Whole codes 0…65535 (all there usually are) are their own index; other columns are numbered by codeIndex.
    let [max, whole] = [0, true];
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if ((v | 0) === v && v >= 0 && v < 65536) max = v > max ? v : max;
      else if (v === null || !Number.isFinite(v)) empty(k, i);
      else whole = false;
    }
    strides.push(size);
    if (whole && size * (max + 1) < 2 ** 45) {
      codes.push(values as ArrayLike<number>);
      size *= max + 1;
    } else {
      const { index, levels } = codeIndex(values as ArrayLike<number>, n);
      codes.push(index);
      size *= levels.length;
    }
  });
  // The keys go into cellOf itself when they fit (numberCells then replaces each key by its cell in place).
  const cellOf = new Int32Array(n);
  const keys = size <= 2 ** 31 ? cellOf : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let k = 0; k < codes.length; k++) key += codes[k][i] * strides[k];
    keys[i] = key;
  }
  return { cellOf, firstRow: numberCells(keys, size, cellOf) };
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
 * Each row's value times its cell's value.
 * @example cellProduct(Float64Array.of(1, 2, 3), Float64Array.of(0.5, 2), Int32Array.of(1, 0, 1)) // Float64Array [2, 1, 6]
 */
export function cellProduct(rows: ArrayLike<number>, cellValues: ArrayLike<number>, cellOf: Int32Array): Float64Array {
  const out = new Float64Array(cellOf.length);
  for (let i = 0; i < cellOf.length; i++) out[i] = rows[i] * cellValues[cellOf[i]];
  return out;
}
