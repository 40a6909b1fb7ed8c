/** R's `calibrate()`: linear (GREG), raking or logit, with bounds, to totals of numbers, factors, interactions. */

import { cellProduct, crossCells } from "./calibrate-cells";
import { column, type SurveyDesign } from "./design";
import { ConvergenceError, DataError } from "./errors";
import { calibrationOfMatrix, cellModel, grake, type Calfun } from "./calibration";
import { columnTotals, modelMatrix, product, type CalibrationFormula, type ModelMatrix } from "./model-matrix";
import { checkOptions } from "./options";
import { calibrateReplicates } from "./replicate-weights";

export type { CalibrationFormula } from "./model-matrix";
export type { Calfun } from "./calibration";

/** Options of `calibrate`, R's names and defaults: calfun "linear" (logit needs bounds), epsilon 1e-7, maxit 50. */
export interface CalibrateOptions {
  calfun?: Calfun;
  /** Bounds [lo, hi] on g = w/d. */
  bounds?: readonly [number, number];
  /** Stop when every |misfit| / (1 + |total|) is below this. */
  epsilon?: number;
  maxit?: number;
  /** Keep the weights of a calibration that did not converge; default false: a ConvergenceError. */
  force?: boolean;
  /** g outside [lo, hi] set to the limit, the excess spread over the other rows (totals then hold only roughly). */
  trim?: readonly [number, number];
}

/** Population totals: one per model-matrix column, in R's column order, or by R's column name (levels as codes). */
export type PopulationTotals = readonly number[] | Readonly<Record<string, number>>;

const boundsRule = (v: unknown): string | null =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" && !Number.isNaN(x)) && v[0] < v[1]
    ? null
    : "bounds are not [lo, hi] with lo < hi";

/**
 * The design (and each replicate) calibrated to population totals, as R's `calibrate(design, formula, population)`.
 * @example calibrate(dclus1, { terms: [["stype"], ["api99"]], factors: ["stype"] }, [6194, 755, 1018, 3914069])
 */
export function calibrate(
  design: SurveyDesign,
  formula: CalibrationFormula,
  population: PopulationTotals,
  options: CalibrateOptions = {},
): SurveyDesign {
  const source = design.source;
  const rules = {
    calfun: ["linear", "raking", "logit"],
    bounds: boundsRule,
    epsilon: "number",
    maxit: "number",
  } as const;
  checkOptions("calibrate", options, { ...rules, force: "boolean", trim: boundsRule }, source);
  const refuse = (problem: string, expected: string, col?: string) => {
    throw new DataError({ file: source, column: col, problem: `calibrate(): ${problem}`, expected });
  };
  if (design.domain !== null) refuse("on a subset", "calibrate the whole design, then subset it");
  if (design.calibration !== null)
    refuse("on a design that is already calibrated", "one calibration of the design's sampling weights");
  const calfun = options.calfun ?? "linear";
  const bounds = options.bounds ?? [-Infinity, Infinity];
  if (calfun === "logit" && !bounds.every(Number.isFinite))
    refuse("logit calibration needs finite bounds", "bounds: [lo, hi]", "bounds");
  if (!(bounds[0] <= 1 && bounds[1] >= 1)) refuse("bounds exclude g = 1", "lo ≤ 1 ≤ hi", "bounds");
  const d = design.weights;
  // A formula of factors only gives every row of a cell the same model row, so g: calibrate the cells.
  const factors = formula.factors ?? [];
  const byCell = formula.terms.every((t) => t.every((v) => factors.includes(v))) && !design.replicates;
  const names = [...new Set(formula.terms.flat())];
  const missing = (k: number, i: number): never => {
    const value = String(column(design, names[k])[i] ?? "");
    throw new DataError({ file: source, row: i + 1, column: names[k], value, expected: "a value" });
  };
  const columns = names.map((v) => column(design, v));
  const cells = byCell ? crossCells(columns, missing, d) : null;
  const data = (v: string) => (cells === null ? column(design, v) : cells.firstRow.map((i) => column(design, v)[i]));
  const full = modelMatrix(formula, data, cells?.firstRow.length ?? design.n, source);
  const base = cells === null ? d : cells.sums;
  const { X, totals } = matchTotals(full, population, columnTotals(full, base), source);
  const [epsilon, maxit] = [options.epsilon ?? 1e-7, options.maxit ?? 50];
  const fit = grake(X, base, totals, calfun, bounds, epsilon, maxit);
  if (options.trim !== undefined && design.replicates)
    refuse("trim on a replicate design", "calibrate without trim, then trimWeights", "trim");
  const trimmed = options.trim === undefined ? false : trimG(fit.g, base, options.trim);
  const weights = cells === null ? product(d, fit.g) : cellProduct(d, fit.g, cells.cellOf);
  if (!fit.converged && !options.force && !trimmed) {
    const achieved = columnTotals(X, product(base, fit.g));
    const misses = X.names.map((name, j) => ({ variable: name, level: 1, target: totals[j], achieved: achieved[j] }));
    throw new ConvergenceError(`calibrate (${calfun}) of ${source}`, fit.iterations, epsilon, misses);
  }
  const variables = Object.fromEntries(factors.map((f) => [f, column(design, f) as number[]]));
  const model = cells && cellModel(base, cells.cellOf, X.cols, X.width, X.p, shares(cells.shared, fit.g));
  const calibration =
    model === null
      ? calibrationOfMatrix(X, d, weights, fit.normal)
      : { baseWeights: d, variables, calibratedWeights: weights, model };
  const out: SurveyDesign = { ...design, weights, calibration, raking: null };
  if (!design.replicates) return out;
  const replicates = calibrateReplicates(design.replicates, (w) =>
    product(grake(X, w, totals, calfun, bounds, epsilon, maxit).g, w),
  );
  return { ...out, replicates };
}

/** [d g, d] per cell when every row of each cell has the cell's base weight d (weights d g are then the cell's too). */
function shares(d: Float64Array | null, g: Float64Array): Float64Array | null {
  if (d === null) return null;
  const out = new Float64Array(2 * d.length);
  for (let c = 0; c < d.length; c++) [out[2 * c], out[2 * c + 1]] = [d[c] * g[c], d[c]];
  return out;
}

/** R's `trim` of g (in place), the excess Σ (g − g') d spread over the rows inside; true if any moved. */
function trimG(g: Float64Array, d: ArrayLike<number>, [lo, hi]: readonly [number, number]): boolean {
  const outside = new Uint8Array(g.length);
  let [excess, inside] = [0, 0];
  for (let i = 0; i < g.length; i++) {
    if (g[i] >= lo && g[i] <= hi) inside += d[i];
    else {
      const limited = g[i] < lo ? lo : hi;
      [excess, g[i], outside[i]] = [excess + (g[i] - limited) * d[i], limited, 1];
    }
  }
  if (!outside.includes(1)) return false;
  for (let i = 0; i < g.length; i++) if (outside[i] === 0) g[i] += excess / inside;
  return true;
}

/** The totals in the model's column order and the matrix without R's dropped columns (0 in sample and population). */
function matchTotals(
  X: ModelMatrix,
  population: PopulationTotals,
  sample: Float64Array,
  source: string,
): { X: ModelMatrix; totals: Float64Array } {
  const named = !Array.isArray(population);
  const given = population as Readonly<Record<string, number>>;
  const values = named ? X.names.map((name) => given[name]) : (population as readonly number[]);
  const wrong = named ? Object.keys(given).filter((k) => !X.names.includes(k)) : [];
  if (values.length !== X.p || wrong.length > 0 || values.some((v) => typeof v !== "number" || !Number.isFinite(v)))
    throw new DataError({
      file: source,
      column: "population",
      value: named ? Object.keys(given).join(", ") : `${values.length} totals`,
      problem: "calibrate(): population totals do not match the model's columns",
      expected: `a finite total for each of ${X.names.join(", ")}`,
    });
  const keep: number[] = [];
  X.names.forEach((name, j) => {
    if (sample[j] !== 0 || values[j] !== 0) keep.push(j);
    if (sample[j] === 0 && values[j] !== 0) {
      const problem = `calibrate(): column ${name} has no weight in the sample but a population total of ${values[j]}`;
      const expected = "a level or combination present in the sample";
      throw new DataError({ file: source, column: name, problem, expected });
    }
  });
  const totals = Float64Array.from(keep, (j) => values[j]);
  if (keep.length === X.p) return { X, totals };
  const remap = new Int32Array(X.p).fill(-1);
  keep.forEach((j, k) => (remap[j] = k));
  const cols = X.cols.map((c) => (c < 0 ? -1 : remap[c]));
  return { X: { ...X, cols, p: keep.length, names: keep.map((j) => X.names[j]) }, totals };
}
