/**
 * Replicate weights, as R's `as.svrepdesign()` makes them and `calibrate()` rakes them: JK1 or
 * bootstrap replicate factors, the weights they give, and every replicate raked to the margins.
 */

import { DataError } from "./errors";
import { mulberry32 } from "./random";
import { rake as rakeWeightVector, type RakeOptions } from "./rake";
import type { Margins } from "./types";
import { psuIndex } from "./variance";

/** The replicate methods: delete-one-PSU jackknife (R's "JK1") or the with-replacement bootstrap ("bootstrap"). */
export type ReplicateType = "JK1" | "bootstrap";

/**
 * The replicate factors of R's `repweights` (not combined with the sampling weights), stored per PSU: JK1 drops PSU r
 * in replicate r and multiplies the others by n/(n − 1); the bootstrap holds how often each PSU was drawn.
 */
export type ReplicateFactors =
  | { readonly kind: "jk1"; readonly psuOf: Int32Array; readonly psuCount: number }
  | {
      readonly kind: "counts";
      readonly psuOf: Int32Array;
      readonly psuCount: number;
      readonly counts: readonly Float64Array[];
    };

/** A design's replicate weights and how their spread becomes a variance (R's `svrVar`). */
export interface ReplicateWeights {
  readonly type: ReplicateType;
  /** Number of replicates. */
  readonly count: number;
  /** The replicate factors (R's uncombined `repweights`). */
  readonly factors: ReplicateFactors;
  /** The sampling weights the factors multiply (before any raking). */
  readonly baseWeights: Float64Array;
  /** Analysis weights of each replicate (base × factor, raked again when the design was raked). */
  readonly weights: readonly Float64Array[];
  /** R's `scale`: (n − 1)/n for JK1, n/((n − 1)(R − 1)) for the bootstrap. */
  readonly scale: number;
  /** R's `rscales`: 1 per replicate for both types. */
  readonly rscales: Float64Array;
  /** Centre the replicates on the full-sample estimate (R's `mse = TRUE`) instead of their mean. */
  readonly mse: boolean;
  /** The seed of a bootstrap (null for JK1). */
  readonly seed: number | null;
}

/** Options of `replicateWeights`. */
export interface ReplicateOptions {
  /** "JK1" (default) or "bootstrap". */
  type?: ReplicateType;
  /** Number of bootstrap replicates (default 50, as R's `bootweights`); JK1 always has one per PSU. */
  replicates?: number;
  /** Seed of the bootstrap's draws (default 1); the same seed gives the same replicates. */
  seed?: number;
  /** R's `mse` option: centre on the full-sample estimate; default false (R's default). */
  mse?: boolean;
}

/**
 * The factor of every row in replicate r (R's column r of `repweights`).
 * @example replicateFactor(jk1Of3, 0) // Float64Array [0, 1.5, 1.5]
 */
export function replicateFactor(factors: ReplicateFactors, r: number): Float64Array {
  const n = factors.psuOf.length;
  const out = new Float64Array(n);
  if (factors.kind === "jk1") {
    const m = factors.psuCount;
    const keep = m / (m - 1);
    for (let i = 0; i < n; i++) out[i] = factors.psuOf[i] === r ? 0 : keep;
  } else {
    const c = factors.counts[r];
    for (let i = 0; i < n; i++) out[i] = c[factors.psuOf[i]];
  }
  return out;
}

/**
 * Replicate weights for weights `baseWeights` and PSUs `clusters` (null: every row its own PSU), as
 * `as.svrepdesign(design, type = "JK1")` (jk1weights) or `type = "bootstrap"` (bootweights: n PSUs
 * drawn with replacement per replicate). A finite population correction is not supported.
 * @example replicateWeights([1, 1, 1], null, { type: "JK1" }).scale // 2/3
 */
export function replicateWeights(
  baseWeights: ArrayLike<number>,
  clusters: ArrayLike<number> | null,
  options: ReplicateOptions = {},
  source = "survey design",
  /** false when the caller rakes the replicates at once (`rakeReplicates` makes the weights). */
  withWeights = true,
): ReplicateWeights {
  const type = options.type ?? "JK1";
  const n = baseWeights.length;
  const base = Float64Array.from(baseWeights);
  const { psuOf, count: psuCount } = psuIndex(n, clusters);
  if (psuCount < 2)
    throw new DataError({
      file: source,
      problem: `replicate weights need at least 2 sampling units, the design has ${psuCount}`,
      expected: "2 or more sampling units",
    });
  const mse = options.mse ?? false;
  let factors: ReplicateFactors;
  let count: number;
  let scale: number;
  let seed: number | null = null;
  if (type === "JK1") {
    if (options.replicates !== undefined && options.replicates !== psuCount)
      throw new DataError({
        file: source,
        column: "replicates",
        value: String(options.replicates),
        problem: "JK1 has one replicate per sampling unit",
        expected: `${psuCount} or no value`,
      });
    factors = { kind: "jk1", psuOf, psuCount };
    count = psuCount;
    scale = (psuCount - 1) / psuCount;
  } else if (type === "bootstrap") {
    count = options.replicates ?? 50;
    if (!(Number.isInteger(count) && count >= 2))
      throw new DataError({
        file: source,
        column: "replicates",
        value: String(options.replicates),
        expected: "a whole number of bootstrap replicates, 2 or more",
      });
    seed = options.seed ?? 1;
    const u = mulberry32(seed);
    const counts: Float64Array[] = [];
    for (let r = 0; r < count; r++) {
      const c = new Float64Array(psuCount);
      for (let k = 0; k < psuCount; k++) c[Math.floor(u() * psuCount)] += 1;
      counts.push(c);
    }
    factors = { kind: "counts", psuOf, psuCount, counts };
    scale = psuCount / ((psuCount - 1) * (count - 1));
  } else {
    throw new DataError({ file: source, column: "type", value: String(type), expected: `"JK1" or "bootstrap"` });
  }
  const weights: Float64Array[] = [];
  for (let r = 0; r < (withWeights ? count : 0); r++) {
    const f = replicateFactor(factors, r);
    for (let i = 0; i < n; i++) f[i] *= base[i];
    weights.push(f);
  }
  return {
    type,
    count,
    factors,
    baseWeights: base,
    weights,
    scale,
    rscales: new Float64Array(count).fill(1),
    mse,
    seed,
  };
}

/**
 * Every replicate raked again to the margins, from its own unraked weights (base × factor), as `calibrate(svrepdesign,
 * ~..., population, calfun = "raking")` does for each replicate column.
 * @example const raked = rakeReplicates(reps, { sex: [1, 1, 2] }, margins);
 */
export function rakeReplicates(
  replicates: ReplicateWeights,
  variables: Record<string, ArrayLike<number>>,
  margins: Margins,
  options: Omit<RakeOptions, "baseWeights" | "source"> & { source?: string } = {},
): ReplicateWeights {
  const n = replicates.baseWeights.length;
  const names = Object.keys(variables);
  const cellOf = new Int32Array(n);
  const cellIndex = new Map<string, number>();
  const cellCodes: number[][] = [];
  for (let i = 0; i < n; i++) {
    const codes = names.map((v) => variables[v][i]);
    const key = codes.join(",");
    let c = cellIndex.get(key);
    if (c === undefined) {
      c = cellCodes.length;
      cellIndex.set(key, c);
      cellCodes.push(codes);
    }
    cellOf[i] = c;
  }
  const cellVariables: Record<string, Float64Array> = {};
  names.forEach((v, k) => (cellVariables[v] = Float64Array.from(cellCodes, (codes) => codes[k])));
  const fullWeight = new Float64Array(cellCodes.length);
  for (let i = 0; i < n; i++) fullWeight[cellOf[i]] += replicates.baseWeights[i];
  const warm = rakeWeightVector(cellVariables, margins, {
    ...options,
    baseWeights: fullWeight,
    source: options.source,
  }).adjustment;
  const weights: Float64Array[] = [];
  for (let r = 0; r < replicates.count; r++) {
    const start = replicateFactor(replicates.factors, r);
    const cellWeight = new Float64Array(cellCodes.length);
    for (let i = 0; i < n; i++) {
      start[i] *= replicates.baseWeights[i];
      cellWeight[cellOf[i]] += start[i];
    }
    for (let c = 0; c < cellWeight.length; c++) cellWeight[c] *= warm[c];
    const source = `${options.source ?? "survey design"} (replicate ${r + 1} of ${replicates.count})`;
    const g = rakeWeightVector(cellVariables, margins, { ...options, baseWeights: cellWeight, source }).adjustment;
    for (let i = 0; i < n; i++) start[i] *= warm[cellOf[i]] * g[cellOf[i]];
    weights.push(start);
  }
  return { ...replicates, weights };
}

/**
 * R's `svrVar`: scale · Σ rscales·(θ_r − θ̄)², θ̄ the mean of the replicates (or the full-sample estimate `full` when
 * `mse`).
 * @example replicateVariance([[0.4, 0.5, 0.6]], reps, [0.5])[0][0]
 */
export function replicateVariance(
  thetas: readonly ArrayLike<number>[],
  replicates: ReplicateWeights,
  full: readonly number[],
): number[][] {
  const k = thetas.length;
  const R = replicates.count;
  thetas.forEach((t, a) => {
    if (t.length !== R)
      throw new Error(`replicateVariance: statistic ${a + 1} has ${t.length} replicates, the design ${R}`);
  });
  const use: number[] = [];
  for (let r = 0; r < R; r++) if (thetas.every((t) => Number.isFinite(t[r]))) use.push(r);
  if (use.length === 0)
    throw new DataError({
      file: "replicate design",
      problem: "no replicate gives a finite estimate (the domain has no weight in any replicate)",
      expected: "a domain with rows in the replicates",
    });
  const centre = thetas.map((t, a) => {
    if (replicates.mse) return full[a];
    let s = 0;
    let m = 0;
    for (const r of use)
      if (replicates.rscales[r] > 0) {
        s += t[r];
        m++;
      }
    return s / m;
  });
  const cov: number[][] = [];
  for (let a = 0; a < k; a++) cov.push(new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (const r of use) s += (thetas[a][r] - centre[a]) * (thetas[b][r] - centre[b]) * replicates.rscales[r];
      cov[a][b] = s * replicates.scale;
      cov[b][a] = cov[a][b];
    }
  }
  return cov;
}
