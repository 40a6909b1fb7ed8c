/** R's `model.matrix(formula, data)` by rows: a term gives a row one entry at most, so a row is `width` pairs. */

import { DataError } from "./errors";

/**
 * A formula: R's `~stype * sch.wide + api99` is `{ terms: [["stype"], ["sch.wide"], ["api99"], ["stype", "sch.wide"]],
 * factors: ["stype", "sch.wide"] }` (the others numeric); `intercept: false` is R's `- 1`.
 */
export interface CalibrationFormula {
  readonly terms: readonly (readonly string[])[];
  readonly intercept?: boolean;
  readonly factors?: readonly string[];
}

/**
 * A model matrix by rows: entry k of row i is column `cols[i·width + k]` (−1: none) with value `vals[i·width + k]`;
 * R's column names with level codes ("stype2:sch.wide2"), whether all columns are factors' indicators, their codes.
 */
export interface ModelMatrix {
  n: number;
  p: number;
  width: number;
  cols: Int32Array;
  vals: Float64Array;
  names: string[];
  factorsOnly: boolean;
  factorCodes: Record<string, Float64Array>;
}

type Column = ArrayLike<number | null>;

/**
 * Index of every row's code among the sorted distinct codes.
 * @example codeIndex([3, 1, 3], 3) // { index: Int32Array [1, 0, 1], levels: [1, 3] }
 */
export function codeIndex(codes: ArrayLike<number>, n: number): { index: Int32Array; levels: number[] } {
  const index = new Int32Array(n);
  const table = new Int32Array(65536).fill(-1);
  const seen: number[] = [];
  let small = true;
  for (let i = 0; i < n && small; i++) {
    const c = codes[i];
    small = c >= 0 && c < 65536 && Math.floor(c) === c;
    if (small && table[c] < 0) table[c] = seen.push(c);
  }
  if (small) {
    const levels = seen.sort((a, b) => a - b);
    levels.forEach((c, j) => (table[c] = j));
    for (let i = 0; i < n; i++) index[i] = table[codes[i]];
    return { index, levels };
  }
  const levels = Array.from(new Set(Array.from(codes))).sort((a, b) => a - b);
  const map = new Map<number, number>(levels.map((c, j) => [c, j]));
  for (let i = 0; i < n; i++) index[i] = map.get(codes[i]) ?? 0;
  return { index, levels };
}

/** A column's values as a Float64Array (a Float64Array as it is), or the row of the first empty or non-finite one. */
function numbers(col: Column, n: number): Float64Array | number {
  for (let i = 0; i < n; i++) {
    const y = col[i];
    if (y === null || !Number.isFinite(y)) return i;
  }
  if (col instanceof Float64Array && col.length === n) return col;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = col[i] ?? NaN;
  return x;
}

/** A term's coding: first column, factors' level indexes, shifts (1: contrasts) and strides, numeric variables. */
interface TermCoding {
  first: number;
  index: Int32Array[];
  shift: number[];
  stride: number[];
  numeric: Float64Array[];
}

/** Sets every row's entries: the intercept (when there is one), then each term's column and value. */
function fillRows(cols: Int32Array, vals: Float64Array, n: number, intercept: boolean, terms: TermCoding[]): void {
  for (let i = 0, at = 0; i < n; i++) {
    if (intercept) {
      cols[at] = 0;
      vals[at++] = 1;
    }
    for (let t = 0; t < terms.length; t++, at++) {
      const { first, index, shift, stride, numeric } = terms[t];
      let c = first;
      for (let j = 0; j < index.length && c >= 0; j++) {
        const m = index[j][i] - shift[j];
        c = m < 0 ? -1 : c + m * stride[j];
      }
      let v = 1;
      for (let j = 0; j < numeric.length; j++) v *= numeric[j][i];
      cols[at] = c;
      vals[at] = c < 0 ? 0 : v;
    }
  }
}

/** The elementwise product of two columns: `product([1, 2], [3, 4]) // Float64Array [3, 8]`. */
export function product(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
  return out;
}

/**
 * The model matrix of `formula` on the columns `data`, terms in R's order (by degree), treatment contrasts where R
 * uses them, levels sorted.
 * @example modelMatrix({ terms: [["stype"]], factors: ["stype"] }, (v) => codes[v], 3, "f").names // ["(Intercept)", "stype2", …]
 */
export function modelMatrix(
  formula: CalibrationFormula,
  data: (name: string) => Column,
  n: number,
  source: string,
): ModelMatrix {
  const factors = new Set(formula.factors ?? []);
  const key = (t: readonly string[]) => [...t].sort().join(":");
  const seen = new Set<string>();
  const terms = [...formula.terms].filter((t) => !seen.has(key(t)) && seen.add(key(t)) && t.length > 0);
  terms.sort((a, b) => a.length - b.length);
  const present = new Set(terms.map(key));
  let emptyPresent = formula.intercept ?? true;
  const values: Record<string, Float64Array> = {};
  const levels: Record<string, number[]> = {};
  const levelOf: Record<string, Int32Array> = {};
  for (const v of new Set(terms.flat())) {
    const x = numbers(data(v), n);
    if (typeof x === "number")
      throw new DataError({
        file: source,
        row: x + 1,
        column: v,
        value: String(data(v)[x] ?? ""),
        expected: "a value",
      });
    values[v] = x;
    if (factors.has(v)) ({ index: levelOf[v], levels: levels[v] } = codeIndex(x, n));
  }
  for (const f of factors)
    if (!levels[f])
      throw new DataError({ file: source, column: f, problem: `factor "${f}" is in no term`, expected: "a term" });
  const names: string[] = emptyPresent ? ["(Intercept)"] : [];
  const width = names.length + terms.length;
  const coding: TermCoding[] = terms.map((term) => {
    const fs = term.filter((v) => factors.has(v));
    const full = fs.map((f) => {
      const rest = term.filter((v) => v !== f);
      return rest.length === 0 ? !emptyPresent : !present.has(key(rest));
    });
    if (term.length === 1 && fs.length === 1 && !emptyPresent) emptyPresent = true;
    const coded = fs.map((f, j) => (full[j] ? levels[f] : levels[f].slice(1)));
    const first = names.length;
    const numericPart = term.filter((v) => !factors.has(v)).join(":");
    const count = coded.reduce((a, l) => a * l.length, 1);
    for (let c = 0; c < count; c++) {
      let rest = c;
      const parts = fs.map((f, j) => {
        const level = coded[j][rest % coded[j].length];
        rest = Math.floor(rest / coded[j].length);
        return `${f}${level}`;
      });
      names.push([...parts, ...(numericPart ? [numericPart] : [])].join(":"));
    }
    const stride = coded.map((_, j) => coded.slice(0, j).reduce((a, l) => a * l.length, 1));
    const shift = full.map((isFull) => (isFull ? 0 : 1));
    const numeric = term.filter((v) => !factors.has(v)).map((v) => values[v]);
    return { first, index: fs.map((f) => levelOf[f]), shift, stride, numeric };
  });
  const cols = new Int32Array(n * width);
  const vals = new Float64Array(n * width);
  fillRows(cols, vals, n, width > terms.length, coding);
  const factorCodes: Record<string, Float64Array> = {};
  for (const f of factors) factorCodes[f] = values[f];
  const factorsOnly = terms.every((t) => t.every((v) => factors.has(v)));
  return { n, p: names.length, width, cols, vals, names, factorsOnly, factorCodes };
}

/** Rows grouped by their row of a model matrix: each row's pattern and each pattern's row of the matrix. */
export interface RowPatterns {
  pattern: Int32Array;
  first: number[];
}

/** The weighted column totals Σ w_i x_i of a model matrix: `columnTotals(X, weights) // [Σw, Σw·stype2, ...]`. */
export function columnTotals(X: ModelMatrix, w: ArrayLike<number>): Float64Array {
  const { n, width, cols, vals } = X;
  const out = new Float64Array(X.p);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi !== 0) for (let k = i * width, end = k + width; k < end; k++) if (cols[k] >= 0) out[cols[k]] += wi * vals[k];
  }
  return out;
}

/** The cross-product Σ w_i x_i x_iᵀ (p×p, row-major): `crossProduct(X, weights) // X'WX`. */
export function crossProduct(X: ModelMatrix, w: ArrayLike<number>): Float64Array {
  const { n, p, width, cols, vals } = X;
  const out = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    for (let a = i * width, end = a + width; a < end; a++) {
      const ca = cols[a];
      if (ca < 0) continue;
      const va = wi * vals[a];
      for (let b = i * width; b < end; b++) if (cols[b] >= 0) out[ca * p + cols[b]] += va * vals[b];
    }
  }
  return out;
}
