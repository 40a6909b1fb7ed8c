/** The occupied cells of a calibration's factors: a formula of factors only is calibrated on them, not on rows. */

import { numberCells } from "./rake-cells";
import { codeIndex } from "./model-matrix";

/**
 * Each row's cell of the cross-classification of `columns` (numbered in order of first appearance), each cell's first
 * row, Σ `weights` per cell (0 without them) and, when every row of each cell has one weight, that (`shared`, else
 * null); `empty(k, row)` is called for an empty or non-finite code in column k (it throws).
 * @example crossCells([[1, 2, 1], [1, 1, 1]], fail, [1, 1, 1]).sums // Float64Array [2, 1]
 */
export function crossCells(
  columns: readonly ArrayLike<number | null>[],
  empty: (column: number, row: number) => never,
  weights: ArrayLike<number> | null = null,
): { cellOf: Int32Array; firstRow: number[]; sums: Float64Array; shared: Float64Array | null } {
  const n = columns.length === 0 ? 0 : columns[0].length;
  // Each row's key Σ index_k · stride_k goes into cellOf, a column at a time (the keys so far are numbered, a bijection so
  // the same cells, when the next column might not fit); the last column's pass numbers the cells when it can.
  const cellOf = new Int32Array(n);
  let size = 1;
  const [sums, shared]: number[][] = [[], []];
  const cells = (firstRow: number[]) => {
    const one = shared.every((w) => !Number.isNaN(w));
    return { cellOf, firstRow, sums: Float64Array.from(sums), shared: one ? Float64Array.from(shared) : null };
  };
  for (let k = 0; k < columns.length; k++) {
    const values = columns[k];
    if (size > 32768) size = numberCells(cellOf, size, cellOf).length;
    const last = k === columns.length - 1 && size <= 32768;
    const table = Math.min(size * 64, 1 << 22);
    const firstRow = last ? numberKeys(cellOf, weights, values, size, table, sums, shared) : null;
    if (firstRow !== null) return cells(firstRow);
    const bits = size <= 32768 ? addWholeCodes(values, cellOf, size) : -1;
    if (bits >= 0) {
      size *= bits + 1;
      continue;
    }
    for (let i = 0; i < n; i++) if (values[i] === null || !Number.isFinite(values[i])) empty(k, i);
    const { index, levels } = codeIndex(values as ArrayLike<number>, n);
    if (size * levels.length > 2 ** 31) {
      const keys = Float64Array.from(cellOf, (c, i) => c * levels.length + index[i]);
      size = numberCells(keys, Infinity, cellOf).length;
    } else {
      for (let i = 0; i < n; i++) cellOf[i] += index[i] * size;
      size *= levels.length;
    }
  }
  const keys = size > 1 << 22 ? numberCells(cellOf, size, cellOf).length : size; // keys below that
  return cells(numberKeys(cellOf, weights, null, 0, keys, sums, shared) as number[]); // never null without codes
}

/**
 * Adds code × stride to each row's key when every code is whole, 0…65535 (all there usually are: then a code is its own
 * index), and returns the codes' bits or-ed (at least the largest); else leaves the keys as they were and returns −1.
 */
function addWholeCodes(values: ArrayLike<number | null>, keys: Int32Array, stride: number): number {
  let bits = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = values[i] as number;
    if ((v & 0xffff) !== v) {
      for (let j = 0; j < i; j++) keys[j] -= (values[j] as number) * stride;
      return -1;
    }
    keys[i] += v * stride;
    bits |= v;
  }
  return bits;
}

/**
 * Numbers the keys (plus code × stride of `codes`, when given) in order of first appearance, in place, through a table
 * of `tableSize` keys (grown when a key is beyond it: codes of 64 or more, rarely), with Σ weights per cell pushed to
 * `sums` and its first row's weight to `shared` (NaN once a row's differs); returns each cell's first row, or null (the keys as they were) when a code is not whole 0…65535 or the keys
 * outgrow 2²² (then add the codes by `addWholeCodes` or `codeIndex` and number the keys alone). Its loop is followed by
 * nothing an optimised loop has not met (a first call deoptimised it there, and the next ran rows unoptimised).
 */
function numberKeys(
  keys: Int32Array,
  weights: ArrayLike<number> | null,
  codes: ArrayLike<number | null> | null,
  stride: number,
  tableSize: number,
  sums: number[],
  shared: number[],
): number[] | null {
  let cellOfKey = new Int32Array(tableSize).fill(-1);
  const [firstRow, keyOf]: number[][] = [[], []];
  for (let i = 0; i < keys.length; i++) {
    const v = codes === null ? 0 : (codes[i] as number);
    const key = keys[i] + v * stride;
    if (codes !== null && ((v & 0xffff) !== v || key >= 1 << 22)) {
      for (let j = 0; j < i; j++) keys[j] = keyOf[keys[j]] - (codes?.[j] as number) * stride;
      return null;
    }
    if (key >= cellOfKey.length) {
      const grown = new Int32Array(Math.max(2 * cellOfKey.length, key + 1)).fill(-1);
      grown.set(cellOfKey);
      cellOfKey = grown;
    }
    let c = cellOfKey[key];
    if (c < 0) {
      c = cellOfKey[key] = firstRow.push(i) - 1;
      keyOf.push(key);
      sums.push(0);
      shared.push(weights === null ? 0 : weights[i]);
    }
    keys[i] = c;
    if (weights === null) continue;
    const w = weights[i];
    sums[c] += w;
    if (w !== shared[c]) shared[c] = NaN;
  }
  return firstRow;
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
