/**
 * Raking weights to population counts on several categorical variables: rows are pooled into their occupied cells, the
 * cell table is raked (IPF without bounds, as R's `rake()` run to convergence; Newton on the dual with bounds, as
 * `calibrate(calfun = "raking", bounds =)`) and the cell adjustments are expanded back to the rows.
 */

import { boundedNewton } from "./bounded-raking";
import { DataError } from "./errors";
import { ipf } from "./ipf";
import {
  buildCells,
  checkBaseWeights,
  checkEmptyLevels,
  groupMargins,
  marginFits,
  maxRelativeError,
  type MarginCellFit,
} from "./rake-cells";
import type { Margins } from "./types";
import { weightDiagnostics, type WeightDiagnostics } from "./weight-summary";

export { trimWeights, type TrimOptions } from "./trim";
export { weightDiagnostics, type WeightDiagnostics } from "./weight-summary";
export type { MarginCellFit } from "./rake-cells";

/** Options of `rake`. */
export interface RakeOptions {
  /** Weights before raking (d_i); default all 1. Must be finite and ≥ 0. */
  baseWeights?: ArrayLike<number>;
  /** Relative tolerance every margin cell must meet: |achieved − target| / target ≤ tolerance. Default 1e-10. */
  tolerance?: number;
  /** Maximum IPF sweeps (default 1000) or Newton steps when bounded (default 100). */
  maxIterations?: number;
  /** Bounds [lo, hi] on the adjustment g = w/d, as `calibrate(..., calfun = "raking", bounds = c(lo, hi))`. */
  bounds?: [number, number];
  /** Label of the data for error messages (e.g. the panel file name). */
  source?: string;
}

/** The result of `rake`. */
export interface RakeResult {
  /** Final weights w_i = d_i · g_i. */
  weights: Float64Array;
  /** Adjustment g_i = w_i / d_i of each row. */
  adjustment: Float64Array;
  /** IPF sweeps or Newton steps used. */
  iterations: number;
  /** Largest relative error over all margin cells at the end. */
  maxRelativeError: number;
  /** Which algorithm ran. */
  method: "ipf" | "bounded-newton";
  /**
   * With bounds: the factor the base weights were rescaled by before the bounds applied (R's grake
   * rescales when every population total exceeds 20× its sample total); 1 otherwise.
   */
  boundsScale: number;
  /** Number of occupied cross-classification cells the raking worked on. */
  occupiedCells: number;
  /** Target and achieved total of every margin cell, in margins order. */
  cells: MarginCellFit[];
  diagnostics: WeightDiagnostics;
}

const DEFAULT_TOLERANCE = 1e-10;

/**
 * Rakes weights to population margins.
 * @example
 * const r = rake({ sex: [1, 1, 2] }, { source: "m", total: 10, rows: [
 *   { variable: "sex", level: 1, count: 4, sourceStatus: "verbatim" },
 *   { variable: "sex", level: 2, count: 6, sourceStatus: "verbatim" }] });
 * r.weights; // Float64Array [2, 2, 6]
 */
export function rake(
  variables: Record<string, ArrayLike<number>>,
  margins: Margins,
  options: RakeOptions = {},
): RakeResult {
  const source = options.source ?? "raking data";
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance > 0))
    throw new DataError({
      file: source,
      column: "tolerance",
      value: String(tolerance),
      expected: "a positive relative tolerance",
    });
  const names = Object.keys(variables);
  if (names.length === 0)
    throw new DataError({
      file: source,
      problem: "no raking variables given",
      expected: "at least one variable with margins",
    });
  const varMargins = groupMargins(margins, names);
  const total = varMargins[0].targets.reduce((a, b) => a + b, 0);

  const n = variables[names[0]].length;
  for (const name of names) {
    if (variables[name].length !== n) {
      throw new DataError({
        file: source,
        column: name,
        value: String(variables[name].length),
        problem: `variable "${name}" has ${variables[name].length} values but "${names[0]}" has ${n}`,
        expected: `${n} values, one per row`,
      });
    }
  }
  const base = checkBaseWeights(options.baseWeights, n, source);
  const table = buildCells(
    varMargins,
    names.map((v) => variables[v]),
    base,
    source,
  );
  checkEmptyLevels(varMargins, table, source);

  const bounds = options.bounds;
  let cellG: Float64Array;
  let iterations: number;
  let method: RakeResult["method"];
  let boundsScale = 1;
  if (bounds) {
    const [lo, hi] = bounds;
    if (!(lo >= 0 && hi > lo)) {
      throw new DataError({
        file: source,
        column: "bounds",
        value: `[${lo}, ${hi}]`,
        problem: `bounds [${lo}, ${hi}] are not 0 ≤ lo < hi`,
        expected: "bounds [lo, hi] with 0 ≤ lo < hi",
      });
    }
    const maxIterations = options.maxIterations ?? 100;
    ({
      g: cellG,
      iterations,
      scale: boundsScale,
    } = boundedNewton(varMargins, table, total, lo, hi, tolerance, maxIterations));
    method = "bounded-newton";
  } else {
    const maxIterations = options.maxIterations ?? 1000;
    ({ g: cellG, iterations } = ipf(varMargins, table, tolerance, maxIterations));
    method = "ipf";
  }

  const fits = marginFits(varMargins, table, cellG);
  const adjustment = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    adjustment[i] = cellG[table.rowCell[i]];
    weights[i] = (base ? base[i] : 1) * adjustment[i];
  }
  return {
    weights,
    adjustment,
    iterations,
    maxRelativeError: maxRelativeError(fits),
    method,
    boundsScale,
    occupiedCells: table.weight.length,
    cells: fits,
    diagnostics: weightDiagnostics(weights),
  };
}
