/**
 * The sampling structure of a design as R's `svydesign` keeps it: for each stage, each row's sampling unit and stratum,
 * the number of units sampled in each stratum (R's `fpc$sampsize`) and, with a finite population correction, the
 * population number of units (R's `fpc$popsize`).
 */

import { DataError } from "./errors";
import { numberCells } from "./rake-cells";
import type { LonelyPsu, Sampling, Stage } from "./types";

export type { LonelyPsu, Sampling, Stage };

/** The values `LonelyPsu` takes, in R's order. */
export const LONELY_PSU: readonly LonelyPsu[] = ["fail", "remove", "certainty", "adjust", "average"];

/** A design column: its name, values (a factor's codes) and, for a factor, each row's label. */
export interface SamplingColumn {
  name: string;
  values: ArrayLike<number | null>;
  label?: (row: number) => string;
}

/** What `buildSampling` needs: the design's columns, already checked to have one value per row. */
export interface SamplingInput {
  n: number;
  source: string;
  /** One cluster-id column per stage (name and values); empty for `ids = ~1`. */
  ids: readonly SamplingColumn[];
  /** The stratum column (several: their interaction), or null. */
  strata: SamplingColumn | null;
  /** One fpc column per stage (population sizes, or sampling fractions when every value is ≤ 1); empty for none. */
  fpc: readonly { name: string; values: ArrayLike<number | null> }[];
  /** Relabel first-stage units within strata (R's `nest = TRUE`). */
  nest: boolean;
  lonelyPsu: LonelyPsu;
}

/**
 * The stages of a design from its id, strata and fpc columns, as R's `svydesign` and `as.fpc`.
 * @example buildSampling({ n: 3, source: "x", ids: [], strata: null, fpc: [], nest: false, lonelyPsu: "fail" }).stages[0].units // 3
 */
export function buildSampling(input: SamplingInput): Sampling {
  const { n, source } = input;
  const stageCount = Math.max(1, input.ids.length);
  if (input.fpc.length > 0 && input.fpc.length !== stageCount)
    throw new DataError({
      file: source,
      column: input.fpc.map((f) => f.name).join(" + "),
      problem: `fpc has ${input.fpc.length} column(s) for ${stageCount} stage(s) of ids`,
      expected: "one fpc column per stage",
    });
  const stratum = new Int32Array(n);
  const strataLabels: string[] = [];
  if (input.strata === null) strataLabels.push("all rows");
  else {
    const s = input.strata;
    const first = numberCells(present(s.values, s.name, source, "a stratum"), Infinity, stratum);
    for (const row of first) strataLabels.push(`${s.name} = ${shown(s, row)}`);
  }
  const stages: Stage[] = [];
  let parent = stratum;
  let parentLabels = strataLabels;
  for (let k = 0; k < stageCount; k++) {
    const id = input.ids[k];
    const unitOf = new Int32Array(n);
    let firstRows: number[];
    if (id === undefined) {
      for (let i = 0; i < n; i++) unitOf[i] = i;
      firstRows = Array.from({ length: n }, (_, i) => i);
    } else {
      const idIndex = new Int32Array(n);
      const ids = numberCells(present(id.values, id.name, source, "a sampling unit id"), Infinity, idIndex).length;
      const nested = k > 0 || input.nest;
      if (!nested && input.strata !== null) checkNested(idIndex, stratum, id.name, input.strata.name, input, ids);
      const key = nested ? Float64Array.from(idIndex, (v, i) => parent[i] * ids + v) : idIndex;
      firstRows = numberCells(key, nested ? Infinity : ids, unitOf);
    }
    const stratumOfUnit = Int32Array.from(firstRows, (row) => parent[row]);
    const sampled = new Float64Array(parentLabels.length);
    for (const h of stratumOfUnit) sampled[h]++;
    const fpc = input.fpc[k];
    const population = fpc === undefined ? null : populationOf(fpc, parent, sampled, parentLabels, k, input);
    stages.push({ unitOf, units: firstRows.length, stratumOfUnit, strata: parentLabels, sampled, population });
    if (k + 1 < stageCount) {
      parent = unitOf;
      parentLabels = firstRows.map((row) => (id === undefined ? `row = ${row + 1}` : `${id.name} = ${shown(id, row)}`));
    }
  }
  return { stages, lonelyPsu: input.lonelyPsu };
}

/**
 * The weights a design's fpc implies, as R: the product over stages of N_h / n_h.
 * @example fpcWeights(sampling)[0] // 44.21 for a school of stratum E in apistrat
 */
export function fpcWeights(sampling: Sampling, n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  for (const stage of sampling.stages) {
    const population = stage.population;
    if (population === null) continue;
    for (let i = 0; i < n; i++) {
      const h = stage.stratumOfUnit[stage.unitOf[i]];
      w[i] *= population[h] / stage.sampled[h];
    }
  }
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

/** A row's value of a column as text: a factor's label, else the number. */
const shown = (c: SamplingColumn, row: number): string => c.label?.(row) ?? String(c.values[row]);

/** The values, or a DataError naming the first empty or non-finite one. */
function present(values: ArrayLike<number | null>, name: string, source: string, what: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v))
      throw new DataError({
        file: source,
        row: i + 1,
        column: name,
        value: v === null ? "" : String(v),
        expected: `${what} on every row`,
      });
    out[i] = v;
  }
  return out;
}

/** R's check that first-stage units lie in one stratum each (else it suggests `nest = TRUE`). */
function checkNested(
  idIndex: Int32Array,
  stratum: Int32Array,
  idName: string,
  strataName: string,
  input: SamplingInput,
  ids: number,
): void {
  const seen = new Int32Array(ids).fill(-1);
  for (let i = 0; i < idIndex.length; i++) {
    const u = idIndex[i];
    if (seen[u] < 0) seen[u] = i;
    else if (stratum[seen[u]] !== stratum[i])
      throw new DataError({
        file: input.source,
        row: i + 1,
        column: idName,
        value: shown(input.ids[0], i),
        problem: `cluster ${idName} = ${shown(input.ids[0], i)} is in more than one stratum of ${strataName} (rows ${seen[u] + 1} and ${i + 1}): clusters are not nested in strata`,
        expected: "each cluster in one stratum, or nest: true to number clusters within strata",
      });
  }
}

/** The population number of units per stratum from an fpc column of population sizes or sampling fractions. */
function populationOf(
  fpc: { name: string; values: ArrayLike<number | null> },
  stratum: Int32Array,
  sampled: Float64Array,
  labels: readonly string[],
  k: number,
  input: SamplingInput,
): Float64Array {
  const all = input.fpc.map((f) => present(f.values, f.name, input.source, "a population size or sampling fraction"));
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
    if (N < sampled[h])
      throw bad(
        `fpc implies more than 100% sampling in ${labels[h]} at stage ${k + 1} (${sampled[h]} units sampled)`,
        `at least ${sampled[h]}`,
      );
  }
  return population;
}
