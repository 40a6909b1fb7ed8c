/**
 * Weight vectors on their own: raking to population margins on the occupied cells of the raking variables (IPF, or
 * Newton with bounds), trimming as R's `trimWeights`, and Kish's summary of the weights.
 */

import { median as medianOf } from "simple-statistics";
import { boundedNewton, ipfSweeps } from "./bounded-raking";
import { DataError } from "./errors";
import {
  achievedTotals,
  buildCells,
  checkBaseWeights,
  checkEmptyLevels,
  groupMargins,
  marginFits,
  notConverged,
  worstError,
  type MarginCellFit,
} from "./rake-cells";
import type { Margins } from "./types";

export type { MarginCellFit } from "./rake-cells";

/** Options of `rake`: base weights d (default 1), tolerance (1e-10), max sweeps or Newton steps, bounds on g. */
export interface RakeOptions {
  baseWeights?: ArrayLike<number>;
  /** Every margin cell must meet |achieved − target| / target ≤ tolerance. */
  tolerance?: number;
  /** Default 1000 IPF sweeps, or 100 Newton steps with bounds. */
  maxIterations?: number;
  /** Bounds [lo, hi] on g = w/d, as `calibrate(..., calfun = "raking", bounds = c(lo, hi))`. */
  bounds?: [number, number];
  /** The data's name for error messages. */
  source?: string;
}

/** The result of `rake`: weights w = d·g, the adjustments g, and how the raking went. */
export interface RakeResult {
  weights: Float64Array;
  adjustment: Float64Array;
  /** IPF sweeps or Newton steps used. */
  iterations: number;
  /** Largest relative error over all margin cells at the end. */
  maxRelativeError: number;
  method: "ipf" | "bounded-newton";
  /** With bounds: R's grake rescaling of the base weights (when every total exceeds 20× the sample's); else 1. */
  boundsScale: number;
  occupiedCells: number;
  /** Target and achieved total of every margin cell, in margins order. */
  cells: MarginCellFit[];
  diagnostics: WeightDiagnostics;
}

/**
 * Rakes weights to population margins (rows of variable, level and count).
 * @example rake({ sex: [1, 1, 2] }, margins).weights // Float64Array [2, 2, 6] for counts 4 and 6
 */
export function rake(
  variables: Record<string, ArrayLike<number>>,
  margins: Margins,
  options: RakeOptions = {},
): RakeResult {
  const file = options.source ?? "raking data";
  const tolerance = options.tolerance ?? 1e-10;
  const expected = "a positive relative tolerance";
  if (!(tolerance > 0)) throw new DataError({ file, column: "tolerance", value: String(tolerance), expected });
  const names = Object.keys(variables);
  if (names.length === 0)
    throw new DataError({ file, problem: "no raking variables given", expected: "at least one variable with margins" });
  const vars = groupMargins(margins, names);
  const n = variables[names[0]].length;
  for (const name of names) {
    const length = variables[name].length;
    if (length !== n) {
      const problem = `variable "${name}" has ${length} values but "${names[0]}" has ${n}`;
      throw new DataError({ file, column: name, value: String(length), problem, expected: `${n} values, one per row` });
    }
  }
  const base = checkBaseWeights(options.baseWeights, n, file);
  const columns = names.map((v) => variables[v]);
  const table = buildCells(vars, columns, base, file);
  checkEmptyLevels(vars, table, file);
  const bounds = options.bounds;
  let fit: { g: Float64Array; iterations: number; scale?: number; converged?: boolean };
  if (bounds) {
    const [lo, hi] = bounds;
    if (!(lo >= 0 && hi > lo)) {
      const [problem, value] = [`bounds [${lo}, ${hi}] are not 0 ≤ lo < hi`, `[${lo}, ${hi}]`];
      throw new DataError({ file, column: "bounds", value, problem, expected: "bounds [lo, hi] with 0 ≤ lo < hi" });
    }
    fit = boundedNewton(vars, table, bounds, tolerance, options.maxIterations ?? 100);
  } else {
    const maxIterations = options.maxIterations ?? 1000;
    fit = ipfSweeps(vars, table, tolerance, maxIterations);
    if (!fit.converged) throw notConverged("Raking (IPF)", maxIterations, tolerance, vars, table, fit.g);
  }
  const cells = marginFits(vars, table, fit.g);
  const adjustment = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    adjustment[i] = fit.g[table.rowCell[i]];
    weights[i] = (base ? base[i] : 1) * adjustment[i];
  }
  const total = vars[0].targets.reduce((a, b) => a + b, 0);
  return {
    weights,
    adjustment,
    iterations: fit.iterations,
    maxRelativeError: worstError(vars, achievedTotals(vars, table, fit.g), total),
    method: bounds ? "bounded-newton" : "ipf",
    boundsScale: fit.scale ?? 1,
    occupiedCells: table.weight.length,
    cells,
    diagnostics: weightDiagnostics(weights),
  };
}

/** Options of `trimWeights`: limits (default none), R's `strict` (trim again until none is outside), `source`. */
export interface TrimOptions {
  lower?: number;
  upper?: number;
  strict?: boolean;
  source?: string;
}

/**
 * Trims weights to [lower, upper], spreading what was cut equally over the weights inside, as R's `trimWeights`.
 * @example trimWeights([1, 1, 10], { upper: 4 }); // Float64Array [4, 4, 4]
 */
export function trimWeights(weights: ArrayLike<number>, options: TrimOptions = {}): Float64Array {
  const { lower = -Infinity, upper = Infinity, source: file = "trimWeights" } = options;
  if (!(lower <= upper)) {
    const problem = `lower limit ${lower} exceeds upper limit ${upper}`;
    throw new DataError({ file, column: "lower", value: String(lower), problem, expected: "lower ≤ upper" });
  }
  let w = Float64Array.from(weights);
  for (let round = 0; round < 10_000; round++) {
    const outside = w.map((x) => (x < lower || x > upper ? 1 : 0));
    const nInside = w.length - outside.reduce((a, b) => a + b, 0);
    if (nInside === w.length) return w;
    let excess = 0;
    const trimmed = w.map((x) => {
      const y = Math.max(lower, Math.min(x, upper));
      excess += x - y;
      return y;
    });
    if (nInside === 0) {
      const problem = `every weight is outside [${lower}, ${upper}]; nothing to redistribute to`;
      throw new DataError({ file, column: "weights", problem, expected: "limits that leave some weights inside" });
    }
    for (let i = 0; i < w.length; i++) if (!outside[i]) trimmed[i] += excess / nInside;
    w = trimmed;
    if (!options.strict || !w.some((x) => x > upper || x < lower)) return w;
  }
  throw new Error(`trimWeights: strict trimming to [${lower}, ${upper}] did not settle`);
}

/** Summary of a weight vector; Kish's design effect n·Σw²/(Σw)² and effective n (Σw)²/Σw². */
export type WeightDiagnostics = Record<"n" | "sum" | "min" | "median" | "max" | "deff" | "effectiveN", number>;

/**
 * Summary of a weight vector: n, sum, min, median, max, Kish's design effect and effective sample size.
 * @example weightDiagnostics([1, 1, 2, 4]).deff; // 4·22/64 = 1.375
 */
export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  const n = weights.length;
  if (n === 0) return { n: 0, sum: 0, min: NaN, median: NaN, max: NaN, deff: NaN, effectiveN: 0 };
  // a plain array filled in this pass (Array.from of a typed array is 3× slower at 1M weights)
  const values = new Array<number>(n);
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    values[i] = w;
    sum += w;
    sumSq += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const deff = (n * sumSq) / (sum * sum);
  return { n, sum, min, median: medianOf(values), max, deff, effectiveN: (sum * sum) / sumSq };
}
