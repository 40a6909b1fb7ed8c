/**
 * The stages of a design as R's `svydesign` keeps them: per stage each row's unit and stratum, the units sampled per
 * stratum (`fpc$sampsize`) and, with an fpc, the population's (`fpc$popsize`); and their variance, R's `svyrecvar`:
 * per stage the with-replacement variance of unit totals within strata × n_h/(n_h − 1) × (1 − f_h), with an fpc each
 * unit's next-stage variance added times its stage's sampling fraction n_h/N_h.
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

/** `buildSampling`'s input: an id column per stage (none: `ids = ~1`), strata, an fpc column per stage, R's `nest`. */
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

/**
 * The covariance matrix (k × k) of k residualised estimating-function columns (one value per row).
 * @example multistageCovariance(sampling, [e], "apistrat.csv")[0][0] // the variance of one estimate
 */
export function multistageCovariance(sampling: Sampling, e: readonly Float64Array[], source: string): number[][] {
  const k = e.length;
  const totals = sampling.stages.map((stage) => unitTotals(stage, e));
  const unitsOf = sampling.stages.map(unitsByStratum);
  const out = new Float64Array(k * k);
  const allStrata = Array.from({ length: sampling.stages[0].strata.length }, (_, h) => h);
  addStage(0, allStrata, 1);
  return Array.from({ length: k }, (_, p) => Array.from(out.subarray(p * k, p * k + k)));

  /** Adds `factor` times the variance of stage `s` over strata `strata` (and, recursively, later stages). */
  function addStage(s: number, strata: readonly number[], factor: number): void {
    const stage = sampling.stages[s];
    const sum = new Float64Array(k * k);
    let ok = 0;
    for (const h of strata) if (addStratum(s, h, sum)) ok++;
    const scale = ok === strata.length ? factor : ok > 0 ? (factor * strata.length) / ok : 0;
    for (let x = 0; x < k * k; x++) out[x] += sum[x] * scale;
    const population = stage.population;
    if (population === null || s + 1 >= sampling.stages.length) return;
    for (const h of strata)
      for (const u of unitsOf[s][h]) addStage(s + 1, [u], (factor * stage.sampled[h]) / population[h]);
  }

  /** Adds stratum h's variance to `sum`; false for a lonely unit under "average" (left out, R's NA). */
  function addStratum(s: number, h: number, sum: Float64Array): boolean {
    const [stage, units, t] = [sampling.stages[s], unitsOf[s][h], totals[s]];
    const n = units.length;
    const N = stage.population === null ? Infinity : stage.population[h];
    const f = N === Infinity ? 1 : (N - n) / N;
    if (f < 1e-7) return true; // every unit sampled: no variance at this stage
    if (n === 1) {
      const rule = sampling.lonelyPsu;
      if (rule === "fail") {
        const problem = `stratum ${stage.strata[h]} has only one sampling unit at stage ${s + 1}`;
        const expected =
          'two or more units in every stratum, or a lonelyPsu rule ("remove", "certainty", "adjust", "average")';
        throw new DataError({ file: source, problem, expected });
      }
      if (rule === "average") return false;
      if (rule !== "adjust") return true;
    }
    const scale = n > 1 ? (f * n) / (n - 1) : f;
    const mean = new Float64Array(k);
    if (n > 1) for (const u of units) for (let p = 0; p < k; p++) mean[p] += t[u * k + p];
    if (n > 1) for (let p = 0; p < k; p++) mean[p] /= n;
    // the centred cross-products in one pass over the units (each pair summed in unit order, as pair by pair)
    const cov = new Float64Array(k * k);
    const d = new Float64Array(k);
    for (let j = 0; j < n; j++) {
      const row = units[j] * k;
      for (let p = 0; p < k; p++) d[p] = t[row + p] - mean[p];
      for (let p = 0; p < k; p++) {
        const dp = d[p];
        for (let q = p; q < k; q++) cov[p * k + q] += dp * d[q];
      }
    }
    for (let p = 0; p < k; p++)
      for (let q = p; q < k; q++) {
        sum[p * k + q] += cov[p * k + q] * scale;
        if (q !== p) sum[q * k + p] += cov[p * k + q] * scale;
      }
    return true;
  }
}

/** Σ e over the rows of each unit, units × k, row-major. */
function unitTotals(stage: Stage, e: readonly Float64Array[]): Float64Array {
  const k = e.length;
  const t = new Float64Array(stage.units * k);
  for (let p = 0; p < k; p++) {
    const col = e[p];
    for (let i = 0; i < col.length; i++) t[stage.unitOf[i] * k + p] += col[i];
  }
  return t;
}
