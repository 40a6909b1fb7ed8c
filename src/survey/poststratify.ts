/** Post-stratification, as R's `postStratify`: the weights of each cell of a full cross table scaled to its count. */

import { cellSums } from "./calibrate-cells";
import { cellModel, cellWeights } from "./calibration";
import { column, type SurveyDesign } from "./design";
import { DataError } from "./errors";
import { checkOptions } from "./options";
import { calibrateReplicates } from "./replicate-weights";

/** One cell of the population table: each stratifying variable's level code, and `Freq`, the count (R's data frame). */
export type PopulationCell = Readonly<Record<string, number>>;

/**
 * The design post-stratified on `strata` to the counts of `population`, as R's `postStratify(design, ~a + b, pop)`;
 * `partial` ignores population cells absent from the sample. Replicates are post-stratified too.
 * @example postStratify(dclus1, ["stype"], [{ stype: 1, Freq: 4421 }, { stype: 2, Freq: 755 }, ...]) // R's pop.types
 */
export function postStratify(
  design: SurveyDesign,
  strata: readonly string[],
  population: readonly PopulationCell[],
  options: { partial?: boolean } = {},
): SurveyDesign {
  checkOptions("postStratify", options, { partial: "boolean" }, design.source);
  const source = design.source;
  const fail = (problem: string, expected: string, row?: number, col?: string): never => {
    throw new DataError({ file: source, row, column: col, problem: `postStratify(): ${problem}`, expected });
  };
  if (design.domain !== null) fail("on a subset", "post-stratify the whole design, then subset it");
  if (design.calibration !== null) fail("on a calibrated design", "one calibration of the sampling weights");
  const counts = new Map<string, number>();
  for (const cell of population) {
    const key = strata.map((s) => cell[s]).join(",");
    if (!Number.isFinite(cell.Freq) || cell.Freq < 0 || strata.some((s) => typeof cell[s] !== "number"))
      fail(`population cell ${JSON.stringify(cell)} is not codes and a count`, `{ ${strata.join(", ")}, Freq }`);
    if (counts.has(key)) fail(`population cell ${key} appears twice`, "each cell once");
    counts.set(key, cell.Freq);
  }
  const cols = strata.map((s) => column(design, s));
  const cellIndex = new Map<string, number>();
  const cellOf = new Int32Array(design.n);
  const targets: number[] = [];
  for (let i = 0; i < design.n; i++) {
    const codes = cols.map((c) => c[i]);
    const missing = codes.indexOf(null);
    if (missing >= 0) fail("a stratifying variable is empty", "a level code", i + 1, strata[missing]);
    const key = codes.join(",");
    let c = cellIndex.get(key);
    if (c === undefined) {
      const target = counts.get(key);
      if (!target) fail(`cell ${strata.join(",")} = ${key} is in the sample but not in the population`, "a count");
      c = targets.push(target ?? 0) - 1;
      cellIndex.set(key, c);
    }
    cellOf[i] = c;
  }
  const absent = [...counts].filter(([key, f]) => f > 0 && !cellIndex.has(key)).map(([key]) => key);
  if (absent.length > 0 && !options.partial)
    fail(`population cells ${absent.join("; ")} are absent from the sample`, "every cell in the sample, or partial");
  const scale = (w: Float64Array) => {
    const sums = cellSums(w, cellOf, targets.length);
    const out = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) out[i] = (w[i] * targets[cellOf[i]]) / sums[cellOf[i]];
    return out;
  };
  const d = design.weights;
  const weights = scale(d);
  const [cells, shared] = [Int32Array.from(targets, (_, c) => c), cellWeights(cellOf, targets.length, weights, d)];
  const model = cellModel(cellSums(d, cellOf, targets.length), cellOf, cells, 1, targets.length, shared);
  const calibration = { baseWeights: d, variables: {}, calibratedWeights: weights, model };
  const out: SurveyDesign = { ...design, weights, calibration, raking: null };
  return design.replicates ? { ...out, replicates: calibrateReplicates(design.replicates, scale) } : out;
}
