/**
 * The raking's working table: margins grouped and checked per variable, rows aggregated to their
 * occupied cross-classification cells (the raking adjustment of a row depends only on its cell),
 * and how far a set of cell adjustments is from the margins.
 */

import { DataError, type UnmetTarget } from "./errors";
import type { MarginRow, Margins } from "./types";

/** One margin cell after raking. */
export interface MarginCellFit {
  variable: string;
  level: number;
  target: number;
  achieved: number;
  /** Unweighted number of rows at this level. */
  sampleCount: number;
}

/** The margins of one variable, in file order. */
export interface VariableMargins {
  name: string;
  levels: number[];
  targets: number[];
}

/** Rows aggregated to their occupied cross-classification cells. */
export interface CellTable {
  /** Cell index of each row. */
  rowCell: Int32Array;
  /** Sum of base weights per cell. */
  weight: Float64Array;
  /** Rows per cell. */
  count: Float64Array;
  /** levelIndex[v][c]: level index of variable v in cell c. */
  levelIndex: Int32Array[];
}

/**
 * Groups margin rows by variable (in the order of `names`) and checks levels, counts and totals.
 * @example groupMargins(margins, ["sex"]) // [{ name: "sex", levels: [1, 2], targets: [4, 6] }]
 */
export function groupMargins(margins: Margins, names: string[]): VariableMargins[] {
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
    throw new DataError({
      file: margins.source,
      column: result[0].name,
      problem: "margins total 0",
      expected: "a positive population total",
    });
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

/**
 * Checks base weights (finite, ≥ 0, one per row); null when none were given.
 * @example checkBaseWeights([1, 2], 2, "panel.csv") // [1, 2]
 */
export function checkBaseWeights(
  base: ArrayLike<number> | undefined,
  n: number,
  source: string,
): ArrayLike<number> | null {
  if (!base) return null;
  if (base.length !== n)
    throw new DataError({
      file: source,
      column: "base weight",
      value: String(base.length),
      problem: `${base.length} base weights for ${n} rows`,
      expected: `${n} base weights, one per row`,
    });
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

/**
 * Numbers each row's cell (its cross-classification index `full[i]`, 0 ≤ full < size; any numbers
 * with `size` Infinity) in order of first appearance into `cellOf`, through a table (a Map when
 * `size` is too large for one); returns the first row of each cell. `full` may be `cellOf` itself (read before written).
 * @example numberCells(Int32Array.of(5, 2, 5), 8, cellOf) // [0, 1], and cellOf is [0, 1, 0]
 */
export function numberCells(full: ArrayLike<number>, size: number, cellOf: Int32Array): number[] {
  const firstRow: number[] = [];
  const dense = size <= 1 << 22 ? new Int32Array(size).fill(-1) : null;
  const seen = new Map<number, number>();
  for (let i = 0; i < cellOf.length; i++) {
    const f = full[i];
    let c = dense === null ? (seen.get(f) ?? -1) : dense[f];
    if (c < 0) {
      c = firstRow.length;
      if (dense === null) seen.set(f, c);
      else dense[f] = c;
      firstRow.push(i);
    }
    cellOf[i] = c;
  }
  return firstRow;
}

/**
 * Aggregates rows to occupied cells of the cross-classification of the raking variables.
 * @example buildCells(vars, [sex, age], null, "panel.csv").weight.length // occupied cells
 */
export function buildCells(
  vars: VariableMargins[],
  data: ArrayLike<number>[],
  base: ArrayLike<number> | null,
  source: string,
): CellTable {
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
    // whole codes 0…65535 through a table (a read past it or of a fraction gives undefined), others a Map
    const dense = v.levels.every((l) => Number.isInteger(l) && l >= 0) && maxCode < 1 << 16;
    const table = new Int32Array(dense ? maxCode + 1 : 0).fill(-1);
    const map = new Map<number, number>(v.levels.map((l, i) => [l, i * stride]));
    if (dense) v.levels.forEach((l, i) => (table[l] = i * stride));
    for (let i = 0; i < n; i++) {
      const code = col[i];
      const offset = dense ? (table[code] ?? -1) : (map.get(code) ?? -1);
      if (offset < 0)
        throw new DataError({
          file: source,
          row: i + 1,
          column: v.name,
          value: String(code),
          problem: `value "${code}" has no population margin`,
          expected: `one of ${v.levels.join(", ")}`,
        });
      fullIndex[i] += offset;
    }
  }
  // compress to occupied cells, numbered in order of first appearance (deterministic)
  const rowCell = new Int32Array(n);
  const occupied = numberCells(fullIndex, size, rowCell).map((i) => fullIndex[i]);
  const m = occupied.length;
  const weight = new Float64Array(m);
  const count = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    weight[rowCell[i]] += base ? base[i] : 1;
    count[rowCell[i]] += 1;
  }
  const levelIndex = vars.map((v, k) => {
    const arr = new Int32Array(m);
    for (let c = 0; c < m; c++) arr[c] = Math.floor(occupied[c] / strides[k]) % v.levels.length;
    return arr;
  });
  return { rowCell, weight, count, levelIndex };
}

/**
 * A level with a positive population count needs respondents (with positive base weight).
 * @example checkEmptyLevels(vars, table, "panel.csv") // throws a DataError naming the level
 */
export function checkEmptyLevels(vars: VariableMargins[], table: CellTable, source: string): void {
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
          expected:
            "at least one respondent in every level with a positive population count (merge the level with a neighbour)",
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Algorithms on the cell table
// ---------------------------------------------------------------------------------------------

/**
 * Weighted total per level of each variable for cell adjustments g.
 * @example achievedTotals(vars, table, g)[0] // totals of the first variable's levels
 */
export function achievedTotals(vars: VariableMargins[], table: CellTable, g: Float64Array): Float64Array[] {
  return vars.map((v, k) => {
    const out = new Float64Array(v.levels.length);
    const li = table.levelIndex[k];
    for (let c = 0; c < g.length; c++) out[li[c]] += table.weight[c] * g[c];
    return out;
  });
}

/**
 * |achieved − target| / target, or relative to the total for a zero target.
 * @example relativeError(100, 101, 1000) // 0.01
 */
export function relativeError(target: number, achieved: number, total: number): number {
  if (target > 0) return Math.abs(achieved - target) / target;
  return Math.abs(achieved) / total;
}

/**
 * The largest relative error over all margin cells (NaN propagates).
 * @example worstError(vars, achievedTotals(vars, table, g), 177677)
 */
export function worstError(vars: VariableMargins[], achieved: Float64Array[], total: number): number {
  let worst = 0;
  vars.forEach((v, k) => {
    v.targets.forEach((t, l) => {
      const e = relativeError(t, achieved[k][l], total);
      if (!(e <= worst)) worst = e; // NaN propagates as worst
    });
  });
  return worst;
}

/**
 * Every margin cell with its target and achieved total, for a ConvergenceError.
 * @example unmet(vars, achievedTotals(vars, table, g))
 */
export function unmet(vars: VariableMargins[], achieved: Float64Array[]): UnmetTarget[] {
  return vars.flatMap((v, k) =>
    v.levels.map((level, l) => ({ variable: v.name, level, target: v.targets[l], achieved: achieved[k][l] })),
  );
}

/**
 * Target and achieved total of every margin cell, with its sample count, in margins order.
 * @example marginFits(vars, table, g)[0] // { variable: "sex", level: 1, target: 4, achieved: 4, sampleCount: 2 }
 */
export function marginFits(vars: VariableMargins[], table: CellTable, g: Float64Array): MarginCellFit[] {
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

/**
 * The largest relative error of the margin cells.
 * @example maxRelativeError(marginFits(vars, table, g)) // 3.6e-11
 */
export function maxRelativeError(fits: MarginCellFit[]): number {
  const total = fits.filter((f) => f.variable === fits[0].variable).reduce((a, f) => a + f.target, 0);
  return fits.reduce((worst, f) => Math.max(worst, relativeError(f.target, f.achieved, total)), 0);
}
