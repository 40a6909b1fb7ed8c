/**
 * The replicate factors R's `as.svrepdesign()` makes from a design's first stage: `jk1weights`, `jknweights`,
 * `brrweights` (with R's Hadamard matrices; Fay's ρ) and `bootweights` (seeded here).
 */

import { DataError } from "./errors";
import { mulberry32 } from "./random";
import { hadamard } from "./replicate-hadamard";
import type { ReplicateFactors, ReplicateOptions, ReplicateType } from "./replicate-weights";
import type { LonelyPsu, Stage } from "./types";

/** The factors of one replicate method with R's `scale` and `rscales`. */
export interface FactorPlan {
  type: ReplicateType;
  factors: ReplicateFactors;
  count: number;
  scale: number;
  rscales: Float64Array;
  seed: number | null;
  rho: number;
}

/** Whether the stage has strata (R's `has.strata`). */
export const hasStrata = (stage: Stage): boolean => stage.strata.length > 1 || stage.strata[0] !== "all rows";

/**
 * R's replicate factors for the first stage of a design, as `as.svrepdesign(design, type)` (type "auto": JK1 without
 * strata, JKn with); a DataError where R stops.
 * @example replicateFactors(samplingOf(des).stages[0], "fail", { type: "JKn" }, "apistrat.csv").count // 200
 */
export function replicateFactors(
  stage: Stage,
  lonelyPsu: LonelyPsu,
  options: ReplicateOptions,
  source: string,
): FactorPlan {
  const stratified = hasStrata(stage);
  const type = options.type === undefined || options.type === "auto" ? (stratified ? "JKn" : "JK1") : options.type;
  const refuse = (problem: string, expected: string, column = "type"): DataError =>
    new DataError({ file: source, column, value: type, problem, expected });
  if (type === "JK1" && stratified)
    throw refuse("Can't use JK1 for a stratified design (R)", `"JKn", "BRR", "Fay" or "bootstrap"`);
  if ((type === "JKn" || type === "BRR" || type === "Fay") && !stratified)
    throw refuse(`${type} needs strata: use JK1 or bootstrap for an unstratified design (R)`, `"JK1" or "bootstrap"`);
  if (type === "Fay" ? options.fayRho === undefined : options.fayRho !== undefined)
    throw refuse(`fayRho goes with type "Fay" only`, `type "Fay" with fayRho (0 < ρ < 1)`, "fayRho");
  if (type !== "bootstrap" && (options.replicates !== undefined || options.seed !== undefined))
    throw refuse(`${type} has its own number of replicates and no seed`, `type "bootstrap" for replicates or seed`);
  if (stage.units < 2)
    throw new DataError({
      file: source,
      problem: `replicate weights need at least 2 sampling units, the design has ${stage.units}`,
      expected: "2 or more sampling units",
    });
  const plan = { seed: null, rho: 0 };
  if (type === "JK1") {
    const n = stage.units;
    const N = stage.population?.[0] ?? null;
    const f = N === null ? 1 : (N - n) / N;
    const factors: ReplicateFactors = { kind: "jk1", psuOf: stage.unitOf, psuCount: n };
    return { ...plan, type, factors, count: n, scale: (f * (n - 1)) / n, rscales: new Float64Array(n).fill(1) };
  }
  if (type === "JKn") return { ...plan, ...jkn(stage, lonelyPsu, source) };
  if (type === "bootstrap") return { ...plan, ...bootstrap(stage, options, source) };
  const rho = options.fayRho ?? 0;
  if (!(rho >= 0 && rho < 1)) throw refuse("fayRho is not in [0, 1)", "0 ≤ fayRho < 1", "fayRho");
  const counts = brr(stage, rho, source);
  const factors: ReplicateFactors = { kind: "counts", psuOf: stage.unitOf, psuCount: stage.units, counts };
  const count = counts.length;
  const rscales = new Float64Array(count).fill(1);
  return {
    ...plan,
    type: rho === 0 ? "BRR" : "Fay",
    factors,
    count,
    scale: 1 / (count * (1 - rho) ** 2),
    rscales,
    rho,
  };
}

/** Each stratum's units, in order of first appearance. */
function unitsByStratum(stage: Stage): number[][] {
  const out: number[][] = stage.strata.map(() => []);
  for (let u = 0; u < stage.units; u++) out[stage.stratumOfUnit[u]].push(u);
  return out;
}

/** R's `jknweights`: one replicate per PSU dropping it within its stratum, rscales (1 − f_h)(n_h − 1)/n_h. */
function jkn(stage: Stage, lonely: LonelyPsu, source: string): Omit<FactorPlan, "seed" | "rho"> {
  const strata = unitsByStratum(stage);
  const H = strata.length;
  const counts: Float64Array[] = [];
  const rscales: number[] = [];
  strata.forEach((units, h) => {
    const n = units.length;
    const N = stage.population?.[h] ?? null;
    const f = N === null ? 1 : (N - n) / N;
    if (f === 0) return; // every unit sampled: no replicates (R's survey.drop.replicates)
    if (n === 1) {
      if (lonely === "fail")
        throw new DataError({
          file: source,
          column: "strata",
          problem: `stratum ${stage.strata[h]} has only one PSU (R: Stratum has only one PSU)`,
          expected: `two or more PSUs per stratum, or lonelyPsu "remove", "certainty", "adjust" or "average"`,
        });
      if (lonely !== "adjust") return;
      const c = new Float64Array(stage.units).fill(H / (H - 1));
      c[units[0]] = 0;
      counts.push(c);
      rscales.push((H - 1) / H);
      return;
    }
    for (const dropped of units) {
      const c = new Float64Array(stage.units).fill(1);
      for (const u of units) c[u] = u === dropped ? 0 : n / (n - 1);
      counts.push(c);
      rscales.push((f * (n - 1)) / n);
    }
  });
  if (counts.length === 0)
    throw new DataError({
      file: source,
      column: "fpc",
      problem: "every stratum was sampled completely: the sample is the whole population (R)",
      expected: "a stratum with fewer units sampled than in the population",
    });
  const scale = lonely === "average" && counts.length < stage.units ? stage.units / counts.length : 1;
  const factors: ReplicateFactors = { kind: "counts", psuOf: stage.unitOf, psuCount: stage.units, counts };
  return { type: "JKn", factors, count: counts.length, scale, rscales: Float64Array.from(rscales) };
}

/** R's `brrweights` (small = "fail", large = "split") and its sampler: a factor per PSU per Hadamard column. */
function brr(stage: Stage, rho: number, source: string): Float64Array[] {
  const strata = unitsByStratum(stage);
  const order = strata.map((_, h) => h).sort((a, b) => (stage.strata[a] < stage.strata[b] ? -1 : 1));
  const bad = strata.findIndex((u) => u.length < 2 || u.length % 2 === 1);
  if (bad >= 0)
    throw new DataError({
      file: source,
      column: "strata",
      value: String(strata[bad].length),
      problem: `stratum ${stage.strata[bad]} has ${strata[bad].length} PSU(s): ${
        strata[bad].length < 2 ? "Some strata have fewer than 2 PSUs" : "Can't split with odd numbers of PSUs"
      } (R)`,
      expected: "two PSUs per stratum (or an even number, split into pairs)",
    });
  const first = new Uint8Array(stage.units); // 1: the PSU's weight column 1 is 0 and column 2 is 1
  const pseudo = new Int32Array(stage.units);
  let upto = 0;
  for (const large of [true, false])
    for (const h of order) {
      if (strata[h].length > 2 !== large) continue;
      strata[h].forEach((u, k) => {
        first[u] = k % 2 === 0 ? 1 : 0;
        pseudo[u] = upto + (k >> 1) + 1;
      });
      upto += strata[h].length / 2;
    }
  const H = hadamard(upto);
  return H.map((_, i) =>
    Float64Array.from(first, (isFirst, u) => {
      const column1 = H[pseudo[u]][i] === 0; // R: col = H[1 + s, i] + 1
      return (column1 === (isFirst === 0) ? 2 - rho : 0) + (column1 === (isFirst === 1) ? rho : 0);
    }),
  );
}

/** R's `bootweights`: per stratum, n_h PSUs drawn with replacement (or, with an fpc, from N_h copies without). */
function bootstrap(stage: Stage, options: ReplicateOptions, source: string): Omit<FactorPlan, "rho"> {
  const count = options.replicates ?? 50;
  if (!(Number.isInteger(count) && count >= 2))
    throw new DataError({
      file: source,
      column: "replicates",
      value: String(options.replicates),
      expected: "a whole number of bootstrap replicates, 2 or more",
    });
  const seed = options.seed ?? 1;
  const u = mulberry32(seed);
  const strata = unitsByStratum(stage);
  const counts: Float64Array[] = [];
  for (let r = 0; r < count; r++) {
    const c = new Float64Array(stage.units);
    strata.forEach((units, h) => {
      const n = units.length;
      const N = stage.population?.[h] ?? null;
      if (N === null) for (let k = 0; k < n; k++) c[units[Math.floor(u() * n)]] += 1;
      else {
        const pool = Int32Array.from({ length: Math.ceil(N - 1e-9) }, (_, k) => units[k % n]);
        for (let k = 0; k < n; k++) {
          const j = k + Math.floor(u() * (pool.length - k));
          [pool[k], pool[j]] = [pool[j], pool[k]];
          c[pool[k]] += 1;
        }
      }
    });
    counts.push(c);
  }
  const p = strata.length / strata.reduce((s, units) => s + 1 / units.length, 0);
  const factors: ReplicateFactors = { kind: "counts", psuOf: stage.unitOf, psuCount: stage.units, counts };
  const rscales = new Float64Array(count).fill(1);
  return { type: "bootstrap", factors, count, scale: p / ((p - 1) * (count - 1)), rscales, seed };
}
