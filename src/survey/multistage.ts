/**
 * R's `svyrecvar`: per stage, the with-replacement variance of unit totals within strata × n_h/(n_h − 1) × (1 − f_h);
 * with an fpc each unit's next-stage variance is added times its stage's sampling fraction n_h/N_h.
 */

import { DataError } from "./errors";
import { unitsByStratum, type Sampling, type Stage } from "./stages";

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
