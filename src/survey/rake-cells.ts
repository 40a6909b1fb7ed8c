/** The raking's working table: margins checked per variable, rows pooled into their occupied cells, and the fit. */

import { ConvergenceError, DataError } from "./errors";
import type { MarginRow, Margins } from "./types";

/** One margin cell after raking, with its unweighted number of rows. */
export interface MarginCellFit {
  variable: string;
  level: number;
  target: number;
  achieved: number;
  sampleCount: number;
}

/** The margins of one variable, in file order. */
export interface VariableMargins {
  name: string;
  levels: number[];
  targets: number[];
}

/** Rows pooled into occupied cells: each row's cell, Σ base weight and rows per cell, `levelIndex[v][c]`. */
export interface CellTable {
  rowCell: Int32Array;
  weight: Float64Array;
  count: Float64Array;
  levelIndex: Int32Array[];
}

/**
 * Groups margin rows by variable (in the order of `names`) and checks levels, counts and totals.
 * @example groupMargins(margins, ["sex"]) // [{ name: "sex", levels: [1, 2], targets: [4, 6] }]
 */
export function groupMargins(margins: Margins, names: string[]): VariableMargins[] {
  const fail = (problem: string, expected: string, column?: string, value?: number) => {
    throw new DataError({ file: margins.source, column, value: value?.toString(), problem, expected });
  };
  const byVariable = new Map<string, MarginRow[]>();
  for (const row of margins.rows) byVariable.set(row.variable, [...(byVariable.get(row.variable) ?? []), row]);
  const unknown = [...byVariable.keys()].find((v) => !names.includes(v));
  const only = `margins only for the raking variables ${names.join(", ")}`;
  if (unknown !== undefined) fail(`margins have variable "${unknown}" but no data was given for it`, only, unknown);
  const result = names.map((name) => {
    const rows = byVariable.get(name) ?? [];
    const every = `margins for every raking variable (${names.join(", ")})`;
    if (rows.length === 0) fail(`no margin for raking variable "${name}"`, every, name);
    const levels: number[] = [];
    for (const r of rows) {
      if (levels.includes(r.level))
        fail(`level ${r.level} of "${name}" appears twice`, "each level once", name, r.level);
      if (!Number.isFinite(r.count) || r.count < 0)
        fail(`count of level ${r.level} is not a non-negative number`, "a non-negative number", name, r.count);
      levels.push(r.level);
    }
    return { name, levels, targets: rows.map((r) => r.count) };
  });
  const totals = result.map((v) => v.targets.reduce((a, b) => a + b, 0));
  const first = totals[0];
  if (!(first > 0)) fail("margins total 0", "a positive population total", result[0].name);
  const sums = result.map((v, i) => `${v.name} sums to ${totals[i]}`).join(", ");
  if (totals.some((t) => Math.abs(t - first) > 1e-9 * Math.max(1, Math.abs(first))))
    fail(`the margins' totals disagree: ${sums}`, "every variable's counts to sum to the same population total");
  return result;
}

/**
 * Checks base weights (finite, ≥ 0, one per row); null when none were given.
 * @example checkBaseWeights([1, 2], 2, "panel.csv") // [1, 2]
 */
export function checkBaseWeights(base: ArrayLike<number> | undefined, n: number, source: string) {
  if (!base) return null;
  const column = "base weight";
  if (base.length !== n) {
    const [problem, expected] = [`${base.length} base weights for ${n} rows`, `${n} base weights, one per row`];
    throw new DataError({ file: source, column, value: String(base.length), problem, expected });
  }
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(base[i]) || base[i] < 0) {
      const [value, expected] = [String(base[i]), "a finite non-negative number"];
      throw new DataError({ file: source, row: i + 1, column, value, expected });
    }
  return base;
}

/**
 * Numbers each row's key `full[i]` (0 ≤ full < size; any number with `size` Infinity) by first appearance into
 * `cellOf` (which may be `full` itself); returns each cell's first row.
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
 * Pools rows into the occupied cells of the raking variables' cross-classification, numbered by first appearance.
 * @example buildCells(vars, [sex, age], null, "panel.csv").weight.length // occupied cells
 */
export function buildCells(
  vars: VariableMargins[],
  data: ArrayLike<number>[],
  base: ArrayLike<number> | null,
  source: string,
): CellTable {
  const n = data[0].length;
  const strides: number[] = [];
  let size = 1;
  for (const v of vars) {
    strides.push(size);
    size *= v.levels.length;
  }
  const fullIndex = size < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  vars.forEach((v, k) => {
    const col = data[k];
    const maxCode = Math.max(...v.levels);
    // whole codes 0…65535 through a table (a read past it or of a fraction gives undefined), others a Map
    const dense = v.levels.every((l) => Number.isInteger(l) && l >= 0) && maxCode < 1 << 16;
    const table = new Int32Array(dense ? maxCode + 1 : 0).fill(-1);
    const map = new Map<number, number>(v.levels.map((l, i) => [l, i * strides[k]]));
    if (dense) v.levels.forEach((l, i) => (table[l] = i * strides[k]));
    for (let i = 0; i < n; i++) {
      const code = col[i];
      const offset = dense ? (table[code] ?? -1) : (map.get(code) ?? -1);
      if (offset < 0) {
        const [problem, expected] = [`value "${code}" has no population margin`, `one of ${v.levels.join(", ")}`];
        throw new DataError({ file: source, row: i + 1, column: v.name, value: String(code), problem, expected });
      }
      fullIndex[i] += offset;
    }
  });
  const rowCell = new Int32Array(n);
  const occupied = numberCells(fullIndex, size, rowCell).map((i) => fullIndex[i]);
  const m = occupied.length;
  const weight = new Float64Array(m);
  const count = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    weight[rowCell[i]] += base ? base[i] : 1;
    count[rowCell[i]] += 1;
  }
  const levelIndex = vars.map((v, k) =>
    Int32Array.from(occupied, (full) => Math.floor(full / strides[k]) % v.levels.length),
  );
  return { rowCell, weight, count, levelIndex };
}

/**
 * A level with a positive population count needs respondents with positive base weight; else a DataError naming it.
 * @example checkEmptyLevels(vars, table, "panel.csv")
 */
export function checkEmptyLevels(vars: VariableMargins[], table: CellTable, source: string): void {
  vars.forEach((v, k) => {
    const weighted = levelSums(v, table.levelIndex[k], table.weight);
    const counts = levelSums(v, table.levelIndex[k], table.count);
    v.levels.forEach((level, l) => {
      if (v.targets[l] > 0 && !(weighted[l] > 0)) {
        const what = `level ${level} of "${v.name}" has population count ${v.targets[l]} but`;
        const why =
          counts[l] === 0
            ? "no respondents, so no weight can reach it"
            : `its ${counts[l]} respondents all have base weight 0`;
        const expected =
          "at least one respondent in every level with a positive population count (merge the level with a neighbour)";
        throw new DataError({
          file: source,
          column: v.name,
          value: String(level),
          problem: `${what} ${why}`,
          expected,
        });
      }
    });
  });
}

/** Σ of a per-cell value per level of one variable. */
function levelSums(v: VariableMargins, levelIndex: Int32Array, cellValues: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.levels.length);
  for (let c = 0; c < levelIndex.length; c++) out[levelIndex[c]] += cellValues[c];
  return out;
}

/**
 * Weighted total per level of each variable for cell adjustments g.
 * @example achievedTotals(vars, table, g)[0] // totals of the first variable's levels
 */
export function achievedTotals(vars: VariableMargins[], table: CellTable, g: Float64Array): Float64Array[] {
  const wg = table.weight.map((w, c) => w * g[c]);
  return vars.map((v, k) => levelSums(v, table.levelIndex[k], wg));
}

/**
 * The largest |achieved − target| / target (relative to the total for a zero target); NaN propagates.
 * @example worstError(vars, achievedTotals(vars, table, g), 177677)
 */
export function worstError(vars: VariableMargins[], achieved: Float64Array[], total: number): number {
  let worst = 0;
  for (const [k, v] of vars.entries())
    for (const [l, t] of v.targets.entries()) {
      const e = t > 0 ? Math.abs(achieved[k][l] - t) / t : Math.abs(achieved[k][l]) / total;
      if (Number.isNaN(e)) return NaN;
      if (e > worst) worst = e;
    }
  return worst;
}

/**
 * A ConvergenceError listing every margin cell's target and achieved total.
 * @example throw notConverged("Raking (IPF)", 1000, 1e-10, vars, table, g)
 */
export function notConverged(
  what: string,
  iterations: number,
  tolerance: number,
  vars: VariableMargins[],
  table: CellTable,
  g: Float64Array,
): ConvergenceError {
  const achieved = achievedTotals(vars, table, g);
  const cells = vars.flatMap((v, k) =>
    v.levels.map((level, l) => ({ variable: v.name, level, target: v.targets[l], achieved: achieved[k][l] })),
  );
  return new ConvergenceError(what, iterations, tolerance, cells);
}

/**
 * Target and achieved total of every margin cell, with its sample count, in margins order.
 * @example marginFits(vars, table, g)[0] // { variable: "sex", level: 1, target: 4, achieved: 4, sampleCount: 2 }
 */
export function marginFits(vars: VariableMargins[], table: CellTable, g: Float64Array): MarginCellFit[] {
  const achieved = achievedTotals(vars, table, g);
  return vars.flatMap((v, k) => {
    const counts = levelSums(v, table.levelIndex[k], table.count);
    return v.levels.map((level, l) => ({
      variable: v.name,
      level,
      target: v.targets[l],
      achieved: achieved[k][l],
      sampleCount: counts[l],
    }));
  });
}
