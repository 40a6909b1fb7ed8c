/**
 * The sampling structure of a design as R's `svydesign` keeps it: per stage, each row's unit and stratum, the units
 * sampled per stratum (R's `fpc$sampsize`) and, with a finite population correction, the population's (`fpc$popsize`).
 */

import { DataError } from "./errors";
import { numberCells } from "./rake-cells";
import type { LonelyPsu, Sampling, Stage } from "./types";

export type { LonelyPsu, Sampling, Stage };

/** The values `LonelyPsu` takes, in R's order. */
export const LONELY_PSU: readonly LonelyPsu[] = ["fail", "remove", "certainty", "adjust", "average"];

/** A design column: its name, values (a factor's codes) and, for a factor, each row's label. */
interface SamplingColumn {
  name: string;
  values: ArrayLike<number | null>;
  label?: (row: number) => string;
}

/** `buildSampling`'s input: one id column per stage (none: `ids = ~1`), strata, one fpc column per stage, R's `nest`. */
interface SamplingInput {
  n: number;
  source: string;
  ids: readonly SamplingColumn[];
  strata: SamplingColumn | null;
  fpc: readonly SamplingColumn[];
  nest: boolean;
  lonelyPsu: LonelyPsu;
}

/**
 * The stages of a design from its id, strata and fpc columns, as R's `svydesign` and `as.fpc`.
 * @example buildSampling({ n: 3, source: "x", ids: [], strata: null, fpc: [], nest: false, lonelyPsu: "fail" })
 */
export function buildSampling(input: SamplingInput): Sampling {
  const { n, source } = input;
  const stageCount = Math.max(1, input.ids.length);
  if (input.fpc.length > 0 && input.fpc.length !== stageCount) {
    const problem = `fpc has ${input.fpc.length} column(s) for ${stageCount} stage(s) of ids`;
    const column = input.fpc.map((f) => f.name).join(" + ");
    throw new DataError({ file: source, column, problem, expected: "one fpc column per stage" });
  }
  const stratum = new Int32Array(n);
  const s = input.strata;
  let parentLabels = ["all rows"];
  if (s !== null) {
    const first = numberCells(present(s, source, "a stratum"), Infinity, stratum);
    parentLabels = first.map((row) => `${s.name} = ${shown(s, row)}`);
  }
  const stages: Stage[] = [];
  let parent = stratum;
  for (let k = 0; k < stageCount; k++) {
    const id = input.ids[k];
    const unitOf = new Int32Array(n);
    let firstRows: number[];
    if (id === undefined) {
      for (let i = 0; i < n; i++) unitOf[i] = i;
      firstRows = Array.from({ length: n }, (_, i) => i);
    } else {
      const idIndex = new Int32Array(n);
      const ids = numberCells(present(id, source, "a sampling unit id"), Infinity, idIndex).length;
      const nested = k > 0 || input.nest;
      if (!nested && s !== null) checkNested(idIndex, stratum, id, s.name, source, ids);
      const key = nested ? Float64Array.from(idIndex, (v, i) => parent[i] * ids + v) : idIndex;
      firstRows = numberCells(key, nested ? Infinity : ids, unitOf);
    }
    const stratumOfUnit = Int32Array.from(firstRows, (row) => parent[row]);
    const sampled = new Float64Array(parentLabels.length);
    for (const h of stratumOfUnit) sampled[h]++;
    const fpc = input.fpc[k];
    const population = fpc === undefined ? null : populationOf(fpc, parent, sampled, parentLabels, k, input);
    stages.push({ unitOf, units: firstRows.length, stratumOfUnit, strata: parentLabels, sampled, population });
    if (k + 1 === stageCount) break;
    parent = unitOf;
    parentLabels = firstRows.map((row) => (id === undefined ? `row = ${row + 1}` : `${id.name} = ${shown(id, row)}`));
  }
  return { stages, lonelyPsu: input.lonelyPsu };
}

/**
 * The weights a design's fpc implies, as R: the product over stages of N_h / n_h.
 * @example fpcWeights(sampling)[0] // 44.21 for a school of stratum E in apistrat
 */
export function fpcWeights(sampling: Sampling, n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  for (const { population, stratumOfUnit, unitOf, sampled } of sampling.stages)
    if (population !== null)
      for (let i = 0; i < n; i++) w[i] *= population[stratumOfUnit[unitOf[i]]] / sampled[stratumOfUnit[unitOf[i]]];
  return w;
}

/**
 * The units of each stratum of a stage, in order of first appearance.
 * @example unitsByStratum(samplingOf(dstrat).stages[0]).length // 3 strata
 */
export function unitsByStratum(stage: Stage): number[][] {
  const out: number[][] = stage.strata.map(() => []);
  for (let u = 0; u < stage.units; u++) out[stage.stratumOfUnit[u]].push(u);
  return out;
}

const shown = (c: SamplingColumn, row: number): string => c.label?.(row) ?? String(c.values[row]);

/** The values, or a DataError naming the first empty or non-finite one. */
function present({ values, name }: SamplingColumn, source: string, what: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      const value = v === null ? "" : String(v);
      throw new DataError({ file: source, row: i + 1, column: name, value, expected: `${what} on every row` });
    }
    out[i] = v;
  }
  return out;
}

/** R's check that first-stage units lie in one stratum each (else it suggests `nest = TRUE`). */
function checkNested(
  idIndex: Int32Array,
  stratum: Int32Array,
  id: SamplingColumn,
  strataName: string,
  file: string,
  ids: number,
) {
  const seen = new Int32Array(ids).fill(-1);
  for (let i = 0; i < idIndex.length; i++) {
    const u = idIndex[i];
    if (seen[u] < 0) seen[u] = i;
    else if (stratum[seen[u]] !== stratum[i]) {
      const [value, rows] = [shown(id, i), `rows ${seen[u] + 1} and ${i + 1}`];
      const problem = `cluster ${id.name} = ${value} is in more than one stratum of ${strataName} (${rows}): clusters are not nested in strata`;
      const expected = "each cluster in one stratum, or nest: true to number clusters within strata";
      throw new DataError({ file, row: i + 1, column: id.name, value, problem, expected });
    }
  }
}

/** The population number of units per stratum from an fpc column of population sizes or sampling fractions. */
function populationOf(
  fpc: SamplingColumn,
  stratum: Int32Array,
  sampled: Float64Array,
  labels: readonly string[],
  k: number,
  input: SamplingInput,
): Float64Array {
  const all = input.fpc.map((f) => present(f, input.source, "a population size or sampling fraction"));
  const sizes = all.some((col) => col.some((v) => v > 1));
  const values = all[k];
  const population = new Float64Array(sampled.length).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const h = stratum[i];
    const bad = (problem: string, expected: string): DataError =>
      new DataError({ file: input.source, row: i + 1, column: fpc.name, value: String(v), problem, expected });
    if (!(v > 0)) throw bad("fpc is not positive", "a population size (≥ 1) or a sampling fraction (0 < f ≤ 1)");
    if (sizes && v < 1)
      throw bad("fpc mixes population sizes (> 1) and sampling fractions (< 1)", "all fpc ≥ 1 or all fpc ≤ 1");
    const N = sizes ? v : sampled[h] / v;
    if (Number.isNaN(population[h])) population[h] = N;
    else if (population[h] !== N)
      throw bad(`fpc varies within stratum ${labels[h]} at stage ${k + 1}`, `one value per stratum, ${population[h]}`);
    if (N < sampled[h]) {
      const problem = `fpc implies more than 100% sampling in ${labels[h]} at stage ${k + 1} (${sampled[h]} units sampled)`;
      throw bad(problem, `at least ${sampled[h]}`);
    }
  }
  return population;
}
