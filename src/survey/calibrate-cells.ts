/** The occupied cells of factors: a calibration on factors only is done on them, not on rows. */

import { numberCells } from "./rake-cells";
import { codeIndex } from "./model-matrix";

/**
 * Each row's cell of the cross-classification of `columns` (by first appearance), each cell's first row, Σ `weights`
 * per cell and the cell's one weight (`shared`, null if some cell has several); `empty(k, row)` throws for a bad code.
 * @example crossCells([[1, 2, 1], [1, 1, 1]], fail, [1, 1, 1]).sums // Float64Array [2, 1]
 */
export function crossCells(
  columns: readonly ArrayLike<number | null>[],
  empty: (column: number, row: number) => never,
  weights: ArrayLike<number> | null = null,
): { cellOf: Int32Array; firstRow: number[]; sums: Float64Array; shared: Float64Array | null } {
  const n = columns.length === 0 ? 0 : columns[0].length;
  // 2–4 columns of codes 0…15 in one pass (4 bits each of a key); else keys Σ index_k · stride_k a column at a time
  // (renumbered, a bijection, when the next might not fit), then a pass numbers the keys and one sums the weights.
  const cellOf = new Int32Array(n);
  let size = 1;
  const [sums, shared]: number[][] = [[], []];
  const small = columns.length > 1 && columns.length <= 4;
  let firstRow = small ? numberCodes(cellOf, weights, columns, sums, shared) : null;
  for (let k = 0; k < columns.length && firstRow === null; k++) {
    const values = columns[k];
    if (size > 32768) size = numberCells(cellOf, size, cellOf).length;
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
  if (firstRow === null) {
    firstRow = numberCells(cellOf, size, cellOf);
    for (const i of firstRow) [sums[sums.length], shared[shared.length]] = [0, weights?.[i] ?? 0];
    for (let i = 0; i < n && weights !== null; i++) {
      const c = cellOf[i];
      sums[c] += weights[i];
      if (weights[i] !== shared[c]) shared[c] = NaN;
    }
  }
  const one = shared.every((w) => !Number.isNaN(w));
  return { cellOf, firstRow, sums: Float64Array.from(sums), shared: one ? Float64Array.from(shared) : null };
}

/**
 * Numbers the cells of 2–4 columns of codes 0…15 into `keys`, Σ weights to `sums`, the first row's weight to `shared`
 * (NaN once a row's differs); each cell's first row, or null (keys 0, no sums) for another code. Tuned against deopts.
 */
function numberCodes(
  keys: Int32Array,
  weights: ArrayLike<number> | null,
  codes: readonly ArrayLike<number | null>[],
  sums: number[],
  shared: number[],
): number[] | null {
  const [a, b, c, d] = [0, 1, 2, 3].map((k) => (codes[k] ?? codes[0]) as ArrayLike<number>);
  const [mb, mc, md] = [1, 2, 3].map((k) => (k < codes.length ? 15 : 0)); // a column not given: as 0
  const cellOfKey = new Int32Array(1 << 16).fill(-1);
  const firstRow: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const va = a[i];
    const vb = b[i];
    const vc = c[i];
    const vd = d[i];
    if ((va & 15) !== va || (vb & 15) !== vb || (vc & 15) !== vc || (vd & 15) !== vd) {
      keys.fill(0, 0, i);
      sums.length = shared.length = 0;
      return null;
    }
    const key = va | ((vb & mb) << 4) | ((vc & mc) << 8) | ((vd & md) << 12);
    let cell = cellOfKey[key];
    if (cell < 0) {
      cell = cellOfKey[key] = firstRow.push(i) - 1;
      sums.push(0);
      shared.push(weights === null ? 0 : weights[i]);
    }
    keys[i] = cell;
    if (weights === null) continue;
    const w = weights[i];
    sums[cell] += w;
    if (w !== shared[cell]) shared[cell] = NaN;
  }
  return firstRow;
}

/** Adds code × stride to each key when all codes are whole 0…65535, returning them or-ed; else −1, keys as were. */
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
