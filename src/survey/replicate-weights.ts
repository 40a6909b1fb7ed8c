/**
 * Replicate weights as R's `svrepdesign()` holds them and `calibrate()` rakes them: the replicate factors (per PSU, or
 * R's combined weights per row), the weights they give, every replicate raked to the margins, and R's `svrVar`.
 */

import { DataError } from "./errors";
import { grake } from "./grake";
import { modelMatrix } from "./model-matrix";
import { rake as rakeWeightVector, type RakeOptions } from "./rake";
import type { Margins } from "./types";

/** R's replicate types (`svrepdesign(type =)`); "other" only for weights supplied as columns. */
export type ReplicateType = "JK1" | "JKn" | "BRR" | "Fay" | "bootstrap" | "other";

/**
 * The replicate factors (R's uncombined `repweights`), stored per PSU: JK1 drops PSU r in replicate r and multiplies
 * the others by n/(n − 1); otherwise a factor per PSU per replicate, `combined` when they are the full weights.
 */
export type ReplicateFactors =
  | { readonly kind: "jk1"; readonly psuOf: Int32Array; readonly psuCount: number }
  | {
      readonly kind: "counts";
      readonly psuOf: Int32Array;
      readonly psuCount: number;
      readonly counts: readonly Float64Array[];
      /** R's `combined.weights = TRUE`: the counts are the replicate weights themselves, not multipliers. */
      readonly combined?: boolean;
    };

/** A design's replicate weights and how their spread becomes a variance (R's `svrVar`). */
export interface ReplicateWeights {
  readonly type: ReplicateType;
  /** Number of replicates. */
  readonly count: number;
  /** The replicate factors (R's `repweights`). */
  readonly factors: ReplicateFactors;
  /** The sampling weights the factors multiply (before any raking; R's `pweights`). */
  readonly baseWeights: Float64Array;
  /** Analysis weights of each replicate (base × factor, raked again when the design was raked). */
  readonly weights: readonly Float64Array[];
  /** R's `scale`. */
  readonly scale: number;
  /** R's `rscales`, one per replicate. */
  readonly rscales: Float64Array;
  /** Centre the replicates on the full-sample estimate (R's `mse = TRUE`) instead of their mean. */
  readonly mse: boolean;
  /** The seed of a bootstrap (null otherwise). */
  readonly seed: number | null;
  /** Fay's ρ (0 otherwise). */
  readonly rho?: number;
}

/** Options of `asReplicateDesign` (R's `as.svrepdesign`). */
export interface ReplicateOptions {
  /** R's `type`: "auto" (default: JK1 without strata, JKn with), "JK1", "JKn", "BRR", "Fay" or "bootstrap". */
  type?: Exclude<ReplicateType, "other"> | "auto";
  /** Number of bootstrap replicates (default 50, as R's `bootweights`). */
  replicates?: number;
  /** Seed of the bootstrap's draws (default 1); the same seed gives the same replicates. */
  seed?: number;
  /** R's `mse` option: centre on the full-sample estimate; default false (R's default). */
  mse?: boolean;
  /** R's `fay.rho` for type "Fay". */
  fayRho?: number;
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
 * The unraked weights of replicate r: the sampling weights times the factors, or R's combined weights as given.
 * @example replicateStart(reps, 0) // Float64Array [0, 1.5 * w2, 1.5 * w3] for JK1 of three rows
 */
export function replicateStart(replicates: Omit<ReplicateWeights, "weights">, r: number): Float64Array {
  const f = replicateFactor(replicates.factors, r);
  if (replicates.factors.kind === "counts" && replicates.factors.combined) return f;
  for (let i = 0; i < f.length; i++) f[i] *= replicates.baseWeights[i];
  return f;
}

/**
 * Every replicate raked again to the margins from its own current weights (base × factor before any raking), as
 * R's `calibrate(svrepdesign, ~..., population, calfun = "raking")` does for each replicate column: without bounds by
 * IPF (warm-started from the full sample's adjustment: the same fixed point), with bounds by R's `grake` on the cells,
 * the bounds on the replicate's own g and a replicate that cannot reach the margins keeping its last step, as R.
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
  const cells = cellCodes.length;
  const cellVariables: Record<string, Float64Array> = {};
  names.forEach((v, k) => (cellVariables[v] = Float64Array.from(cellCodes, (codes) => codes[k])));
  const fullWeight = new Float64Array(cells);
  for (let i = 0; i < n; i++) fullWeight[cellOf[i]] += replicates.baseWeights[i];
  const { bounds, tolerance, maxIterations } = options;
  const warm = bounds
    ? new Float64Array(cells).fill(1)
    : rakeWeightVector(cellVariables, margins, { ...options, baseWeights: fullWeight, source: options.source })
        .adjustment;
  const X = modelMatrix(
    { terms: names.map((v) => [v]), factors: names },
    (v) => Array.from(cellVariables[v]),
    cells,
    "",
  );
  const totals = X.names.map((name) => {
    if (name === "(Intercept)") return marginSum(margins, names[0]);
    const v = names.find((x) => name.startsWith(x) && /^\d+$/.test(name.slice(x.length)))!;
    return margins.rows.find((r) => r.variable === v && r.level === Number(name.slice(v.length)))?.count ?? 0;
  });
  const weights: Float64Array[] = [];
  for (let r = 0; r < replicates.count; r++) {
    const start = replicates.weights[r] ? Float64Array.from(replicates.weights[r]) : replicateStart(replicates, r);
    const cellWeight = new Float64Array(cells);
    for (let i = 0; i < n; i++) cellWeight[cellOf[i]] += start[i];
    for (let c = 0; c < cells; c++) cellWeight[c] *= warm[c];
    const source = `${options.source ?? "survey design"} (replicate ${r + 1} of ${replicates.count})`;
    const g = bounds
      ? grake(X, cellWeight, totals, "raking", bounds, tolerance ?? 1e-10, maxIterations ?? 100).g
      : rakeWeightVector(cellVariables, margins, { ...options, baseWeights: cellWeight, source }).adjustment;
    for (let i = 0; i < n; i++) start[i] *= warm[cellOf[i]] * g[cellOf[i]];
    weights.push(start);
  }
  return { ...replicates, weights };
}

const marginSum = (margins: Margins, variable: string) =>
  margins.rows.filter((r) => r.variable === variable).reduce((a, r) => a + r.count, 0);

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
