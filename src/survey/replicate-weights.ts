/**
 * Replicate weights as R's `svrepdesign()` holds them: the replicate factors (per PSU, or R's combined weights per
 * row), the weights they give, every replicate raked or calibrated again, and R's `svrVar`.
 */

import { crossCells } from "./calibrate-cells";
import { DataError } from "./errors";
import { grake } from "./calibration";
import { modelMatrix } from "./model-matrix";
import { rake as rakeWeightVector, type RakeOptions } from "./rake";
import type { Margins } from "./types";

/** R's replicate types (`svrepdesign(type =)`); "other" only for weights supplied as columns. */
export type ReplicateType = "JK1" | "JKn" | "BRR" | "Fay" | "bootstrap" | "other";

/**
 * The replicate factors (R's uncombined `repweights`) per PSU: JK1 drops PSU r in replicate r and multiplies the
 * others by n/(n − 1); else a factor per PSU per replicate, `combined` when they are the weights (`combined.weights`).
 */
export type ReplicateFactors =
  | { readonly kind: "jk1"; readonly psuOf: Int32Array; readonly psuCount: number }
  | {
      readonly kind: "counts";
      readonly psuOf: Int32Array;
      readonly psuCount: number;
      readonly counts: readonly Float64Array[];
      readonly combined?: boolean;
    };

/** A design's replicate weights and how their spread becomes a variance (R's `svrVar`: `scale`, `rscales`, `mse`). */
export interface ReplicateWeights {
  readonly type: ReplicateType;
  readonly count: number;
  readonly factors: ReplicateFactors;
  /** The sampling weights the factors multiply (before any raking; R's `pweights`). */
  readonly baseWeights: Float64Array;
  /** Analysis weights of each replicate (base × factor, raked again when the design was raked). */
  readonly weights: readonly Float64Array[];
  readonly scale: number;
  readonly rscales: Float64Array;
  /** Centre the replicates on the full-sample estimate instead of their mean. */
  readonly mse: boolean;
  /** The seed of a bootstrap (null otherwise), and Fay's ρ (0 otherwise). */
  readonly seed: number | null;
  readonly rho?: number;
}

/** Options of `asReplicateDesign`, R's `as.svrepdesign`: type "auto" is JK1 without strata, JKn with. */
export interface ReplicateOptions {
  type?: Exclude<ReplicateType, "other"> | "auto";
  /** Number of bootstrap replicates (default 50, as R's `bootweights`) and the seed of their draws (default 1). */
  replicates?: number;
  seed?: number;
  mse?: boolean;
  /** R's `fay.rho` for type "Fay". */
  fayRho?: number;
}

/**
 * The unraked weights of replicate r: the sampling weights times the factors, or R's combined weights as given.
 * @example replicateStart(reps, 0) // Float64Array [0, 1.5 * w2, 1.5 * w3] for JK1 of three rows
 */
export function replicateStart(replicates: Omit<ReplicateWeights, "weights">, r: number): Float64Array {
  const { factors, baseWeights } = replicates;
  const { psuOf, psuCount } = factors;
  const out = new Float64Array(psuOf.length);
  const combined = factors.kind === "counts" && factors.combined;
  for (let i = 0; i < out.length; i++) {
    const f = factors.kind === "jk1" ? (psuOf[i] === r ? 0 : psuCount / (psuCount - 1)) : factors.counts[r][psuOf[i]];
    out[i] = combined ? f : f * baseWeights[i];
  }
  return out;
}

/**
 * The replicate weights with each replicate calibrated by `calibrateOne` from its current weights, as R's
 * `calibrate.svyrep.design` and `postStratify.svyrep.design`.
 * @example calibrateReplicates(reps, (w) => w.map((x) => 2 * x)).weights[0]
 */
export function calibrateReplicates(
  replicates: ReplicateWeights,
  calibrateOne: (weights: Float64Array) => Float64Array,
): ReplicateWeights {
  return { ...replicates, weights: replicates.weights.map((w) => calibrateOne(Float64Array.from(w))) };
}

/**
 * Every replicate raked again from its own weights, as R's `calibrate(svrepdesign, ~..., calfun = "raking")`: without
 * bounds by IPF warm-started from the full sample's adjustment (the same fixed point), with bounds by R's `grake`.
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
  const empty = (k: number, i: number): never => {
    throw new RangeError(`rakeReplicates: ${names[k]} empty at row ${i + 1}`);
  };
  const columns = names.map((v) => variables[v]);
  const { cellOf, firstRow, sums } = crossCells(columns, empty, replicates.baseWeights);
  const cells = firstRow.length;
  const cellVariables: Record<string, Float64Array> = {};
  for (const v of names) cellVariables[v] = Float64Array.from(firstRow, (i) => variables[v][i]);
  const { bounds, tolerance, maxIterations } = options;
  const full = { ...options, baseWeights: sums, source: options.source };
  const warm = bounds ? new Float64Array(cells).fill(1) : rakeWeightVector(cellVariables, margins, full).adjustment;
  const factors = { terms: names.map((v) => [v]), factors: names };
  const X = modelMatrix(factors, (v) => Array.from(cellVariables[v]), cells, "");
  const totals = X.names.map((name) => {
    if (name === "(Intercept)")
      return margins.rows.filter((r) => r.variable === names[0]).reduce((a, r) => a + r.count, 0);
    const v = names.find((x) => name.startsWith(x) && /^\d+$/.test(name.slice(x.length)))!;
    return margins.rows.find((r) => r.variable === v && r.level === Number(name.slice(v.length)))?.count ?? 0;
  });
  const weights = Array.from({ length: replicates.count }, (_, r) => {
    const start = replicates.weights[r] ? Float64Array.from(replicates.weights[r]) : replicateStart(replicates, r);
    const cellWeight = new Float64Array(cells);
    for (let i = 0; i < n; i++) cellWeight[cellOf[i]] += start[i];
    for (let c = 0; c < cells; c++) cellWeight[c] *= warm[c];
    const source = `${options.source ?? "survey design"} (replicate ${r + 1} of ${replicates.count})`;
    const g = bounds
      ? grake(X, cellWeight, totals, "raking", bounds, tolerance ?? 1e-10, maxIterations ?? 100).g
      : rakeWeightVector(cellVariables, margins, { ...options, baseWeights: cellWeight, source }).adjustment;
    for (let i = 0; i < n; i++) start[i] *= warm[cellOf[i]] * g[cellOf[i]];
    return start;
  });
  return { ...replicates, weights };
}

/**
 * R's `svrVar`: scale · Σ rscales·(θ_r − θ̄)², θ̄ the replicates' mean (or the full-sample estimate `full` when `mse`).
 * @example replicateVariance([[0.4, 0.5, 0.6]], reps, [0.5])[0][0]
 */
export function replicateVariance(
  thetas: readonly ArrayLike<number>[],
  replicates: ReplicateWeights,
  full: readonly number[],
): number[][] {
  const { count: R, rscales, scale } = replicates;
  thetas.forEach((t, a) => {
    if (t.length !== R)
      throw new Error(`replicateVariance: statistic ${a + 1} has ${t.length} replicates, the design ${R}`);
  });
  const use = Array.from({ length: R }, (_, r) => r).filter((r) => thetas.every((t) => Number.isFinite(t[r])));
  if (use.length === 0)
    throw new DataError({
      file: "replicate design",
      problem: "no replicate gives a finite estimate (the domain has no weight in any replicate)",
      expected: "a domain with rows in the replicates",
    });
  const centre = thetas.map((t, a) => {
    if (replicates.mse) return full[a];
    const kept = use.filter((r) => rscales[r] > 0);
    return kept.reduce((s, r) => s + t[r], 0) / kept.length;
  });
  const cov = thetas.map(() => new Array<number>(thetas.length).fill(0));
  thetas.forEach((ta, a) => {
    for (let b = a; b < thetas.length; b++) {
      let s = 0;
      for (const r of use) s += (ta[r] - centre[a]) * (thetas[b][r] - centre[b]) * rscales[r];
      cov[a][b] = cov[b][a] = s * scale;
    }
  });
  return cov;
}
