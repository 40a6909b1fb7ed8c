/**
 * The replicate factors R's `as.svrepdesign()` makes from a design's first stage: `jk1weights`, `jknweights`,
 * `brrweights` (R's Hadamard matrices; Fay's ρ) and `bootweights` (seeded here).
 */

import { DataError } from "./errors";
import { mulberry32 } from "./random";
import type { ReplicateFactors, ReplicateOptions, ReplicateType } from "./replicate-weights";
import { unitsByStratum } from "./stages";
import type { LonelyPsu, Stage } from "./types";

/** The factors of one replicate method with R's `scale` and `rscales`. */
interface FactorPlan {
  type: ReplicateType;
  factors: ReplicateFactors;
  count: number;
  scale: number;
  rscales: Float64Array;
  seed: number | null;
  rho: number;
}

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
  const stratified = stage.strata.length > 1 || stage.strata[0] !== "all rows";
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
  const n = stage.units;
  if (n < 2) {
    const problem = `replicate weights need at least 2 sampling units, the design has ${n}`;
    throw new DataError({ file: source, problem, expected: "2 or more sampling units" });
  }
  const plan = { seed: null, rho: 0, rscales: new Float64Array(n).fill(1) };
  if (type === "JK1") {
    const N = stage.population?.[0] ?? null;
    const f = N === null ? 1 : (N - n) / N;
    const factors: ReplicateFactors = { kind: "jk1", psuOf: stage.unitOf, psuCount: n };
    return { ...plan, type, factors, count: n, scale: (f * (n - 1)) / n };
  }
  if (type === "JKn") return { ...plan, ...jkn(stage, lonelyPsu, source) };
  if (type === "bootstrap") return { ...plan, ...bootstrap(stage, options, source) };
  const rho = options.fayRho ?? 0;
  if (!(rho >= 0 && rho < 1)) throw refuse("fayRho is not in [0, 1)", "0 ≤ fayRho < 1", "fayRho");
  const counts = brr(stage, rho, source);
  const [count, scale] = [counts.length, 1 / (counts.length * (1 - rho) ** 2)];
  const factors: ReplicateFactors = { kind: "counts", psuOf: stage.unitOf, psuCount: n, counts };
  return {
    type: rho === 0 ? "BRR" : "Fay",
    factors,
    count,
    scale,
    rscales: new Float64Array(count).fill(1),
    seed: null,
    rho,
  };
}

/** R's `jknweights`: one replicate per PSU dropping it within its stratum, rscales (1 − f_h)(n_h − 1)/n_h. */
function jkn(stage: Stage, lonely: LonelyPsu, source: string): Omit<FactorPlan, "seed" | "rho"> {
  const strata = unitsByStratum(stage);
  const H = strata.length;
  const counts: Float64Array[] = [];
  const rscales: number[] = [];
  const add = (c: Float64Array, rscale: number) => {
    counts.push(c);
    rscales.push(rscale);
  };
  strata.forEach((units, h) => {
    const n = units.length;
    const N = stage.population?.[h] ?? null;
    const f = N === null ? 1 : (N - n) / N;
    if (f === 0) return; // every unit sampled: no replicates (R's survey.drop.replicates)
    if (n === 1 && lonely === "fail") {
      const problem = `stratum ${stage.strata[h]} has only one PSU (R: Stratum has only one PSU)`;
      const expected = `two or more PSUs per stratum, or lonelyPsu "remove", "certainty", "adjust" or "average"`;
      throw new DataError({ file: source, column: "strata", problem, expected });
    }
    if (n === 1 && lonely === "adjust") {
      const c = new Float64Array(stage.units).fill(H / (H - 1));
      c[units[0]] = 0;
      add(c, (H - 1) / H);
    }
    if (n === 1) return;
    for (const dropped of units) {
      const c = new Float64Array(stage.units).fill(1);
      for (const u of units) c[u] = u === dropped ? 0 : n / (n - 1);
      add(c, (f * (n - 1)) / n);
    }
  });
  if (counts.length === 0) {
    const problem = "every stratum was sampled completely: the sample is the whole population (R)";
    const expected = "a stratum with fewer units sampled than in the population";
    throw new DataError({ file: source, column: "fpc", problem, expected });
  }
  const scale = lonely === "average" && counts.length < stage.units ? stage.units / counts.length : 1;
  const factors: ReplicateFactors = { kind: "counts", psuOf: stage.unitOf, psuCount: stage.units, counts };
  return { type: "JKn", factors, count: counts.length, scale, rscales: Float64Array.from(rscales) };
}

/** R's `brrweights` (small = "fail", large = "split") and its sampler: a factor per PSU per Hadamard column. */
function brr(stage: Stage, rho: number, source: string): Float64Array[] {
  const strata = unitsByStratum(stage);
  const order = strata.map((_, h) => h).sort((a, b) => (stage.strata[a] < stage.strata[b] ? -1 : 1));
  const bad = strata.findIndex((u) => u.length < 2 || u.length % 2 === 1);
  if (bad >= 0) {
    const size = strata[bad].length;
    const why = size < 2 ? "Some strata have fewer than 2 PSUs" : "Can't split with odd numbers of PSUs";
    const problem = `stratum ${stage.strata[bad]} has ${size} PSU(s): ${why} (R)`;
    const expected = "two PSUs per stratum (or an even number, split into pairs)";
    throw new DataError({ file: source, column: "strata", value: String(size), problem, expected });
  }
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
  if (!(Number.isInteger(count) && count >= 2)) {
    const [value, expected] = [String(options.replicates), "a whole number of bootstrap replicates, 2 or more"];
    throw new DataError({ file: source, column: "replicates", value, expected });
  }
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

/** R's `hadamard.list` (orders 4, 16, 28, 36), each row as hex digits of its 0/1 entries. */
const PRECOOKED = [
  "f a c 9",
  "ffff aaaa cccc 9999 f0f0 a5a5 c3c3 9696 ff00 aa55 cc33 9966 f00f a55a c33c 9669",
  "fffffff 9c71c78 83cd378 83b2e66 9a0f8d6 952c5ae 8cd239e 58aa7f0 45b59d4 46cbcac 561774a 4b64e9a 5959b26 2d1eae8 " +
    "3666b34 2b3b51c 31d74b2 32f89ca 2ced646 ea545e4 f1632cc f09ce1c e54ad52 e6392b2 e8a792a dffe000 bf81f80 7f8007e",
  "fffffffff 5c7dc8564 b8fb90ac8 71f721592 e3ee42b24 c7dc8564a 8fb90ac96 1f721592e 3ee42b25c 7dc8564b8 fb90ac970 " +
    "f721592e2 ee42b25c6 dc8564b8e b90ac971e 721592e3e e42b25c7c c8564b8fa 90ac971f6 21592e3ee 42b25c7dc 8564b8fb8 " +
    "0ac971f72 1592e3ee4 2b25c7dc8 564b8fb90 ac971f720 592e3ee42 b25c7dc84 64b8fb90a c971f7214 92e3ee42a 25c7dc856 " +
    "4b8fb90ac 971f72158 2e3ee42b2",
];
const SIZES = [4, 16, 28, 36];

/** R's `small.primes` of `paley` up to 1000 (p ≡ 3 mod 4). */
const PRIMES = [
  3, 7, 11, 19, 23, 31, 43, 47, 59, 67, 71, 79, 83, 103, 107, 127, 131, 139, 151, 163, 167, 179, 191, 199, 211, 223,
  227, 239, 251, 263, 271, 283, 307, 311, 331, 347, 359, 367, 379, 383, 419, 431, 439, 443, 463, 467, 479, 487, 491,
  499, 503, 523, 547, 563, 571, 587, 599, 607, 619, 631, 643, 647, 659, 683, 691, 719, 727, 739, 743, 751, 787, 811,
  823, 827, 839, 859, 863, 883, 887, 907, 911, 919, 947, 967, 971, 983, 991,
];

type Matrix = number[][];

function precooked(k: number): Matrix {
  const n = SIZES[k];
  return PRECOOKED[k]
    .split(" ")
    .map((row) => Array.from({ length: n }, (_, j) => (parseInt(row[j >> 2], 16) >> (3 - (j & 3))) & 1));
}

/** R's `hadamard.doubler`: rbind(cbind(H, H), cbind(H, 1 − H)). */
const doubled = (h: Matrix): Matrix => [...h.map((r) => [...r, ...r]), ...h.map((r) => [...r, ...r.map((x) => 1 - x)])];

/** R's `paley(prime = p)`: the Paley construction of order p + 1. */
function paleyOfPrime(p: number): Matrix {
  const residues = new Set([0, 1]);
  for (let i = 2; i <= Math.floor((p - 1) / 2); i++) residues.add((i * i) % p);
  const m = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => (residues.has((i + j) % p) ? 0 : 1)),
  );
  return [new Array<number>(p + 1).fill(1), ...m.map((r) => [1, ...r])];
}

/** R's `paley(n, nmax)`; null where R returns NULL. */
function paley(n: number, nmax: number): Matrix | null {
  const nceil = n + 4 - (n % 4);
  let nn = nceil;
  if ((n % 4) + 4 === n % 8) {
    while (nn % 8 === 0) nn /= 2;
    if (PRIMES.includes(nn - 1)) {
      let m = paleyOfPrime(nn - 1);
      for (; nn < nceil; nn *= 2) m = doubled(m);
      return m;
    }
  }
  if (n > PRIMES[PRIMES.length - 1]) return null;
  const p = Math.min(...PRIMES.filter((q) => q >= n));
  if (p + 1 > nceil + 4 && nceil + 4 < nmax) return paley(nceil + 3, 2 * (nceil + 3));
  return p > nmax ? null : paleyOfPrime(p);
}

/**
 * R's `hadamard(n)`: a 0/1 Hadamard matrix with more than n rows, as R survey picks it (so BRR replicates match R's).
 * @example hadamard(20).length // 24
 */
function hadamard(n: number): Matrix {
  const m = n - (n % 4);
  const fit = SIZES.findIndex((s) => m < s && m + 4 >= s);
  if (fit >= 0) return precooked(fit);
  if (SIZES.every((s) => m < s)) return precooked(0);
  const sizes = SIZES.map((s) => s * 2 ** Math.max(0, Math.ceil(Math.log2((n + 1) / s))));
  let best = 0;
  sizes.forEach((s, k) => (s - n < sizes[best] - n ? (best = k) : 0));
  const h = sizes[best] - n > 4 ? paley(n, sizes[best]) : null;
  if (h !== null) return h;
  let out = precooked(best);
  for (let i = 0; i < Math.ceil(Math.log2(sizes[best] / SIZES[best])); i++) out = doubled(out);
  return out;
}
